import { Component, html, JsExecutionError } from "tether-live";

/**
 * A page under a strict Content-Security-Policy (the route's `csp: true`): scripts run only with
 * the page's nonce, nothing is evaluated from strings. Everything live works: events, patches,
 * page scripts that call the server, and `callClient`; `executeJs` is refused by the browser,
 * and the server says why.
 */
export class Csp extends Component<Record<string, never>, { count: number; title: string; refusal: string }> {
  state = { count: 0, title: "", refusal: "" };

  inc() {
    this.setState({ count: this.state.count + 1 });
  }

  async askPage() {
    // A function the page's own (nonce'd) script exposed: no code is evaluated.
    this.setState({ title: String(await this.session.callClient("pageTitle")) });
  }

  async evaluate() {
    try {
      await this.session.executeJs("return document.title", { waitForResult: true });
      this.setState({ refusal: "executeJs ran: this page is not under the CSP" });
    } catch (error) {
      this.setState({ refusal: error instanceof JsExecutionError ? error.message : String(error) });
    }
  }

  render() {
    return html`
      <main>
        <h1>Strict CSP</h1>
        <p class="lead">Scripts need this page's nonce; no <code>eval</code>, no inline handlers. Events, patches and <code>callClient</code> work; <code>executeJs</code> is refused by the browser, and the server says why.</p>
        <p class="toolbar">
          <button id="inc" onClick=${this.inc}>+</button>
          <span class="readout"><span class="readout-label">Count</span> <output id="count">${this.state.count}</output></span>
        </p>
        <p class="toolbar">
          <button id="ask" onClick=${this.askPage}>callClient("pageTitle")</button>
          <span class="readout"><span class="readout-label">The page's title</span> <output id="title">${this.state.title}</output></span>
        </p>
        <p class="toolbar"><button id="eval" onClick=${this.evaluate}>executeJs(…)</button></p>
        <pre id="refusal" class="error">${this.state.refusal}</pre>
      </main>
    `;
  }
}

/** The page's own script: it runs because it carries the page's nonce. */
export const CSP_PAGE_SCRIPT = ({ nonce }: { nonce: string }): string =>
  `<script nonce="${nonce}">tether.expose("pageTitle", () => document.title);</script>`;
