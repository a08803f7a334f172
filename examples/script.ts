import { Component, html, JsExecutionError, type LiveEvent } from "tether-live";

const SAMPLE = `// A function body: it may await and return.
await new Promise((resolve) => setTimeout(resolve, 100));
return { title: document.title, links: document.links.length };`;

interface State {
  code: string;
  timeout: number;
  running: boolean;
  result: string | null;
  error: string | null;
  viewport: string;
}

/**
 * A scripting console: the server runs code in this tab with executeJs and shows the result,
 * or the error by name. The seed of a tool panel.
 */
export class Script extends Component<Record<string, never>, State> {
  state: State = { code: SAMPLE, timeout: 2000, running: false, result: null, error: null, viewport: "" };

  async run(event: LiveEvent) {
    const code = String(event.form?.code ?? "");
    const timeout = Number(event.form?.timeout) || 2000;
    this.setState({ code, timeout, running: true, result: null, error: null });
    try {
      const value = await this.session.executeJs(code, { timeout, waitForResult: true });
      this.setState({ running: false, result: value === undefined ? "undefined" : JSON.stringify(value, null, 2) });
    } catch (error) {
      this.setState({ running: false, error: describe(error) });
    }
  }

  async size() {
    try {
      const size = (await this.session.getJsResult("const size = { width: innerWidth, height: innerHeight };", "size")) as { width: number; height: number };
      this.setState({ viewport: `${size.width} × ${size.height}` });
    } catch (error) {
      this.setState({ viewport: describe(error) });
    }
  }

  render() {
    const { code, timeout, running, result, error, viewport } = this.state;
    return html`
      <main>
        <h1>Script console</h1>
        <p class="lead">The server runs this code in your tab with <code>executeJs</code> and shows what it returns, or the error by name.</p>
        <form id="console" onSubmit=${this.run}>
          <textarea id="code" name="code" rows="8" cols="72" spellcheck="false" aria-label="Code to run" value=${code}></textarea>
          <p class="toolbar">
            <label>Timeout (ms) <input id="timeout" name="timeout" type="number" min="1" value=${timeout} /></label>
            <button id="run" type="submit" disabled=${running}>Run in this tab</button>
          </p>
        </form>
        ${result !== null ? html`<pre id="result">${result}</pre>` : null}
        ${error !== null ? html`<pre id="error" class="error">${error}</pre>` : null}
        <p class="toolbar">
          <button id="size" onClick=${this.size}>Viewport size</button>
          <span class="readout"><span class="readout-label">getJsResult says</span> <output id="viewport">${viewport}</output></span>
        </p>
      </main>
    `;
  }
}

/** "Name: message", with the browser error's own name when the error came from the page. */
function describe(error: unknown): string {
  if (error instanceof JsExecutionError && error.jsName !== undefined && error.name === "JsExecutionError") {
    return `${error.jsName}: ${error.jsMessage}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
