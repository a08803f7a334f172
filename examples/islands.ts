import { fileURLToPath } from "node:url";
import { Component, html, island } from "tether-live";

/** The gallery's islands folder (`TetherOptions.islands`): each module is the island of its file name. */
export const ISLANDS_DIR = fileURLToPath(new URL("./islands/", import.meta.url));

/** How many of the streamed points the page keeps. */
const KEEP = 60;

/**
 * Islands: widgets that live in the browser inside a server-rendered page. The counter island
 * keeps its own count while the server changes its prop; the chart island gets a new point every
 * second as props and keeps its zoom. Patches of the page around them never touch their DOM.
 */
export class Islands extends Component<Record<string, never>, { tick: number; points: number[] }> {
  state = { tick: 0, points: [] as number[] };
  #timer: ReturnType<typeof setInterval> | null = null;

  mount() {
    this.session.bindCall("island-double", (x: number) => Number(x) * 2);
    this.#timer ??= setInterval(() => this.stream(), 1000);
  }

  unmount() {
    if (this.#timer !== null) clearInterval(this.#timer);
  }

  stream() {
    const last = this.state.points.at(-1) ?? 50;
    const next = Math.max(0, Math.min(100, Math.round(last + (Math.random() - 0.5) * 20)));
    this.setState({ points: [...this.state.points, next].slice(-KEEP) });
  }

  tick() {
    this.setState({ tick: this.state.tick + 1 });
  }

  note() {
    this.session.emit("island-note", { text: `note ${this.state.tick}` });
  }

  render() {
    const { tick, points } = this.state;
    return html`
      <main>
        <h1>Islands</h1>
        <p class="lead">Two widgets live in the browser, inside this server-rendered page: their own state stays while the server passes them new props.</p>
        <p class="toolbar">
          <button id="server-tick" onClick=${this.tick}>Tick the prop (server)</button>
          <button id="server-note" onClick=${this.note}>Push a note to the island</button>
          <span class="readout"><span class="readout-label">Server ticks</span> <output id="server-ticks">${tick}</output></span>
        </p>
        ${island("counter", { value: tick }, { id: "counter-island", class: "island-box", placeholder: html`<p class="toolbar">Loading the island…</p>` })}
        <h2>Chart</h2>
        ${island("chart", { points }, { id: "chart-island", class: "chart", placeholder: html`<p class="toolbar">Loading the chart…</p>` })}
      </main>
    `;
  }
}
