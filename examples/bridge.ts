import { Component, html } from "tether-live";

/** A named error, to show that the page receives the name and message of what the server threw. */
class ValueError extends Error {
  override name = "ValueError";
}

/** What the page can call as `tether.api.*` (and `auroraview.api.*`). */
export const bridgeApi = {
  add({ a, b }: { a: number; b: number }): number {
    return a + b;
  },
  echo<T>(x: T): T {
    return x;
  },
  fail(): never {
    throw new ValueError("this method always fails");
  },
};

/**
 * The page↔server bridge: page script calls bound server methods and sends events; the server
 * emits events to the page. The page's own script (bridge-page.js, the route's `scripts`) does the rest.
 */
export class Bridge extends Component<Record<string, never>, { pings: number; notices: number }> {
  state = { pings: 0, notices: 0 };

  mount() {
    this.session.bindApi(bridgeApi);
    this.session.on("ping", () => this.setState({ pings: this.state.pings + 1 }));
    // Emitted before the page exists: kept until the page script subscribes (after an await).
    this.session.emit("welcome", { text: "emitted by mount(), kept until the page subscribed" });
  }

  notify() {
    const n = this.state.notices + 1;
    this.setState({ notices: n });
    this.session.emit("notice", { n });
  }

  render() {
    return html`
      <main>
        <h1>Bridge</h1>
        <p class="lead">The page's own script sends events and calls the server's bound methods; the server emits events the script listens to.</p>
        <p class="toolbar">
          <button id="ping" type="button">Ping (tether.sendEvent)</button>
          <span class="readout"><span class="readout-label">Pings the server received</span> <output id="pings">${this.state.pings}</output></span>
        </p>
        <p class="toolbar">
          <button id="notify" onClick=${this.notify}>Notify the page (session.emit)</button>
          <span class="readout"><span class="readout-label">Latest notice the page got</span> <output id="notice" t-ignore></output></span>
        </p>
        <p class="toolbar">
          <span class="readout"><span class="readout-label">What mount() emitted</span> <output id="welcome" t-ignore></output></span>
        </p>
        <p class="toolbar">
          <button id="add" type="button">2 + 3 (tether.api.add)</button>
          <span class="readout"><span class="readout-label">The server's answer</span> <output id="sum" t-ignore></output></span>
        </p>
      </main>
    `;
  }
}

/** The page's own script, a module the route loads (`scripts`), and the file it is served from. */
export const BRIDGE_SCRIPT = "/bridge-page.js";
export const BRIDGE_FILES = { [BRIDGE_SCRIPT]: { file: new URL("./bridge-page.js", import.meta.url), type: "text/javascript; charset=utf-8" } };
