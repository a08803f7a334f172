/**
 * Components for the executeJs / bridge tests (integration and end to end): each binds what a
 * test needs and records what reached the server, by session id.
 */
import { Component, html, type ComponentSession } from "../../src/index.js";
import { Script } from "../../examples/script.js";

/** A named error, as a user's code would throw it. */
export class ValueError extends Error {
  override name = "ValueError";
}

/** What each session's page events and calls delivered, by session id. */
export const pageEvents = new Map<string, unknown[]>();

function log(session: ComponentSession, entry: unknown): void {
  let list = pageEvents.get(session.id);
  if (list === undefined) pageEvents.set(session.id, (list = []));
  list.push(entry);
}

/**
 * Binds calls and page events for the tests:
 * - calls `sum(a, b)`, `pair({ a, b })`, `fail()` (throws ValueError), `hang()` (never settles),
 *   `count()` (how many times it ran in this session);
 * - page events `note` (recorded, changes nothing) and `bump` (adds its detail to #n).
 */
export class Probe extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  private runs = 0;

  mount() {
    const session = this.session;
    session.bindCall("sum", (a: number, b: number) => a + b);
    session.bindCall("pair", (p: { a: number; b: number }) => [p.a, p.b]);
    session.bindCall("fail", () => {
      throw new ValueError("no good");
    });
    session.bindCall("hang", () => new Promise(() => {}));
    session.bindCall("count", () => ++this.runs);
    session.on("note", (detail) => log(session, detail));
    session.on("bump", (detail) => this.setState({ n: this.state.n + Number(detail) }));
  }

  render() {
    return html`<main><h1>Probe</h1><output id="n">${this.state.n}</output></main>`;
  }
}

/** How long each run of the script console took on the server, in ms (performance.now around executeJs). */
export const scriptRuns: number[] = [];

/** The Script example, timed: `run` measures the server-side wait for executeJs to settle. */
export class TimedScript extends Script {
  override async run(...args: Parameters<Script["run"]>) {
    const start = performance.now();
    await super.run(...args);
    scriptRuns.push(performance.now() - start);
  }
}
