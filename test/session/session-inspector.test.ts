/**
 * The session's side of the devtools (src/session/session-inspector.ts), on a LiveSession with a
 * recording transport: a report after each answered event (an async handler's once it settled,
 * with the time it took), a tree without an event after a `tether.call`, nothing once the panel
 * closed, and in production only the refusal.
 */
import { describe, expect, test } from "vitest";
import { Component, html, LiveSession, type Transport } from "../../src/index.js";
import { ErrorCodes, Msg, type DevReportMessage, type ServerMessage, type SummaryEntries } from "../../src/protocol/wire.js";

class Recorder implements Transport {
  readonly messages: ServerMessage[] = [];
  send(text: string): void {
    this.messages.push(JSON.parse(text) as ServerMessage);
  }
  close(): void {}
  reports(): DevReportMessage[] {
    return this.messages.filter((m): m is DevReportMessage => m.k === Msg.DevReport);
  }
}

let release: () => void = () => {};

class Saver extends Component<Record<string, never>, { saved: number }> {
  state = { saved: 0 };
  mount() {
    this.session.bindCall("save", () => this.setState({ saved: this.state.saved + 1 }));
  }
  async save() {
    await new Promise<void>((resolve) => (release = resolve));
    this.setState({ saved: this.state.saved + 1 });
  }
  render() {
    return html`<button onClick=${this.save}>${this.state.saved}</button>`;
  }
}

async function tab(dev: boolean): Promise<{ session: LiveSession; recorder: Recorder }> {
  const session = new LiveSession("/", html`<${Saver} />`, { dev, onError: () => {} });
  await session.ready();
  const recorder = new Recorder();
  session.attach(recorder);
  return { session, recorder };
}

const saved = (report: DevReportMessage) => (report.c[0].s as SummaryEntries).e[0][1];

describe("SessionInspector", () => {
  test("an async handler's event is reported once it settled, after its answer, with the time it took", async () => {
    const { session, recorder } = await tab(true);
    session.receive({ k: Msg.DevWatch, on: true });
    expect(recorder.reports()).toHaveLength(1);
    session.receive({ k: Msg.Event, e: 1, n: 1, t: "click", d: {} });
    await Promise.resolve();
    expect(recorder.reports()).toHaveLength(1); // the handler is still waiting
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const reports = recorder.reports();
    expect(reports).toHaveLength(2);
    expect(reports[1].e).toBe(1);
    expect(reports[1].ms).toBeGreaterThanOrEqual(0);
    expect(saved(reports[1])).toBe(1);
    // Its change went as it came, its answer when it settled, then the report.
    expect(recorder.messages.slice(-3).map((m) => m.k)).toEqual([Msg.Patch, Msg.Reply, Msg.DevReport]);
  });

  test("a call is followed by the tree, about no event; a closed panel gets nothing", async () => {
    const { session, recorder } = await tab(true);
    session.receive({ k: Msg.DevWatch, on: true });
    session.receive({ k: Msg.Call, id: 1, m: "save" });
    const reports = recorder.reports();
    expect(reports).toHaveLength(2);
    expect(reports[1].e).toBeUndefined();
    expect(saved(reports[1])).toBe(1);
    session.receive({ k: Msg.DevWatch, on: false });
    session.receive({ k: Msg.Call, id: 2, m: "save" });
    expect(recorder.reports()).toHaveLength(2);
  });

  test("in production a DevWatch gets dev_only and the session makes no inspector", async () => {
    const { session, recorder } = await tab(false);
    session.receive({ k: Msg.DevWatch, on: true });
    expect(recorder.messages.at(-1)).toMatchObject({ k: Msg.Error, code: ErrorCodes.DevOnly });
    session.receive({ k: Msg.Call, id: 1, m: "save" });
    expect(recorder.reports()).toEqual([]);
  });
});
