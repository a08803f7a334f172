import { Component, html, JsExecutionError, type LiveEvent } from "tether-live";
import { ownLog, type LogLine, type LogSource } from "./log-source.js";
import { sampleMetrics, type Metrics } from "./metrics.js";

interface State {
  /** The lines shown: the latest, unless paused. */
  lines: readonly LogLine[];
  filter: string;
  paused: boolean;
  /** Lines that came while paused. */
  missed: number;
  metrics: Metrics | null;
  /** What the last command run in the page answered. */
  answer: string;
}

/** Lines the page shows at most: the log keeps more (log-source.ts). */
const SHOWN = 200;

/**
 * A tool panel to keep open beside a running service: this process's log (or a file's, with the
 * `log` prop) as it is written, filtered and paused at will, its memory, CPU and event-loop
 * delay every second, and commands that run in the page (`executeJs`, `getJsResult`). Under
 * `tether dev` an edit of this file swaps it in place: the lines, the filter and the pause stay.
 */
export class Panel extends Component<{ log?: LogSource }, State> {
  state: State = { lines: [], filter: "", paused: false, missed: 0, metrics: null, answer: "" };
  private unsubscribe: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  private get log(): LogSource {
    return this.props.log ?? ownLog();
  }

  mount() {
    this.setState({ lines: this.log.lines().slice(-SHOWN), metrics: sampleMetrics() });
    // Through `this`, not a method captured now: after a swap the new code handles them.
    this.unsubscribe = this.log.subscribe((line) => this.arrived(line));
    this.timer = setInterval(() => this.setState({ metrics: sampleMetrics() }), 1000);
  }

  unmount() {
    this.unsubscribe?.();
    if (this.timer !== null) clearInterval(this.timer);
  }

  arrived(line: LogLine) {
    if (this.state.paused) this.setState((s) => ({ missed: s.missed + 1 }));
    else this.setState((s) => ({ lines: [...s.lines.slice(1 - SHOWN), line] }));
  }

  filterBy(event: LiveEvent) {
    this.setState({ filter: event.value ?? "" });
  }

  togglePause() {
    if (this.state.paused) this.setState({ paused: false, missed: 0, lines: this.log.lines().slice(-SHOWN) });
    else this.setState({ paused: true });
  }

  writeLine() {
    process.stdout.write(`[panel] a line written from the panel at ${new Date().toISOString()}\n`);
  }

  /** Measures a round trip to the page, and how far the page's clock is from the server's. */
  async roundTrip() {
    const sent = Date.now();
    try {
      const pageNow = await this.session.getJsResult<number>("const now = Date.now();", "now", { timeout: 5000 });
      const back = Date.now();
      const skew = pageNow - (sent + back) / 2;
      this.setState({ answer: `round trip ${back - sent} ms; the page's clock is ${Math.abs(Math.round(skew))} ms ${skew >= 0 ? "ahead" : "behind"}` });
    } catch (error) {
      this.setState({ answer: describe(error) });
    }
  }

  /** The page saves the lines shown as a file: the server sends them, the page makes the download. */
  async save() {
    const text = this.shown().map((line) => line.text).join("\n") + "\n";
    try {
      await this.session.executeJs(SAVE_IN_PAGE, { args: { text, name: "panel.log" }, waitForResult: true });
      this.setState({ answer: `saved ${this.shown().length} lines as panel.log` });
    } catch (error) {
      this.setState({ answer: describe(error) });
    }
  }

  private shown(): readonly LogLine[] {
    const { lines, filter } = this.state;
    if (filter === "") return lines;
    const wanted = filter.toLowerCase();
    return lines.filter((line) => line.text.toLowerCase().includes(wanted));
  }

  render() {
    const { paused, missed, metrics, answer, filter } = this.state;
    const shown = this.shown();
    return html`
      <main class="panel">
        <h1>Tool panel</h1>
        <p class="lead">This server's own log and vitals, live. Keep it open while you edit it under <code>tether dev</code>: what it shows stays.</p>
        <dl class="metrics" id="metrics">
          <div><dt>Memory</dt><dd id="rss">${metrics === null ? "…" : `${metrics.rssMiB.toFixed(1)} MiB`}</dd></div>
          <div><dt>Heap</dt><dd id="heap">${metrics === null ? "…" : `${metrics.heapMiB.toFixed(1)} MiB`}</dd></div>
          <div><dt>CPU</dt><dd id="cpu">${metrics === null ? "…" : `${metrics.cpuPercent.toFixed(1)} %`}</dd></div>
          <div><dt>Loop delay</dt><dd id="loop">${metrics === null ? "…" : `${metrics.loopDelayMs.toFixed(1)} ms`}</dd></div>
          <div><dt>Up</dt><dd id="uptime">${metrics === null ? "…" : `${Math.floor(metrics.uptimeSeconds)} s`}</dd></div>
        </dl>
        <p class="toolbar">
          <input id="filter" type="search" placeholder="Filter the log" aria-label="Filter the log" value=${filter} onInput=${this.filterBy} t-debounce="150" />
          <button id="pause" aria-pressed=${String(paused)} onClick=${this.togglePause}>${paused ? "Resume" : "Pause"}</button>
          <button id="write" onClick=${this.writeLine}>Write a line</button>
          ${paused && missed > 0 ? html`<span id="missed" class="readout">${missed} new while paused</span>` : null}
        </p>
        <div class="log"><ol id="log" aria-label="Log">${shown.map((line) => html`<li key=${line.n}>${line.text}</li>`)}</ol></div>
        <p class="toolbar">
          <button id="ping" onClick=${this.roundTrip}>Round trip</button>
          <button id="save" onClick=${this.save}>Save shown lines</button>
          <output id="answer">${answer}</output>
        </p>
      </main>
    `;
  }
}

/** Page code for `save`: its `text` and `name` come as executeJs's named arguments. */
const SAVE_IN_PAGE = `const link = document.createElement("a");
link.href = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
link.download = name;
link.click();
setTimeout(() => URL.revokeObjectURL(link.href), 1000);`;

function describe(error: unknown): string {
  if (error instanceof JsExecutionError && error.jsName !== undefined) return `${error.jsName}: ${error.jsMessage}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
