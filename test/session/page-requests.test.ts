/**
 * PageRequests, LiveSession's half that talks with the page beside the tree: emits made before
 * a tab has the tree wait for its Mount (up to a bound), requests and the bridge are made on
 * first use, and a bound namespace made after the Mount is announced to the page.
 */
import { describe, expect, it } from "vitest";
import { html, Component } from "../../src/index.js";
import { Msg, type ServerMessage } from "../../src/protocol/wire.js";
import { LiveSession } from "../../src/session/live-session.js";

class Empty extends Component {
  render() {
    return html`<p>page</p>`;
  }
}

function tab() {
  const sent: ServerMessage[] = [];
  return { sent, send: (text: string) => sent.push(JSON.parse(text) as ServerMessage), close() {} };
}

describe("PageRequests", () => {
  it("makes nothing for a session that never talks with its page", () => {
    const session = new LiveSession("/", html`<${Empty} />`) as unknown as { jsRequests: unknown; bridgeState: unknown; earlyEmits: unknown };
    expect([session.jsRequests, session.bridgeState, session.earlyEmits]).toEqual([null, null, null]);
  });

  it("keeps emits made before the Mount, at most 256, and sends them after it, in order", () => {
    const session = new LiveSession("/", html`<${Empty} />`);
    for (let i = 0; i < 300; i++) session.emit("n", i);
    const t = tab();
    session.attach(t);
    const emits = t.sent.filter((m) => m.k === Msg.Emit);
    expect(emits).toHaveLength(256);
    expect(emits.map((m) => (m as { p: number }).p)).toEqual(Array.from({ length: 256 }, (_, i) => i));
    expect(t.sent[0].k).toBe(Msg.Mount);
  });

  it("announces a namespace bound after the Mount once; the Mount lists those bound before", () => {
    const session = new LiveSession("/", html`<${Empty} />`);
    session.bindApi({ a: () => 1 }, "tools");
    const t = tab();
    session.attach(t);
    expect(t.sent[0]).toMatchObject({ k: Msg.Mount, b: ["tools"] });
    session.bindApi({ b: () => 2 }, "more");
    session.bindApi({ c: () => 3 }, "more");
    expect(t.sent.filter((m) => m.k === Msg.Bind).map((m) => (m as { ns: string[] }).ns)).toEqual([["more"], []]);
  });

  it("tells the page every method it may call: in the Mount, then in a Bind after each bind or unbind", () => {
    const session = new LiveSession("/", html`<${Empty} />`);
    const t = tab();
    session.attach(t);
    expect(t.sent[0]).toMatchObject({ k: Msg.Mount, m: [] });
    session.bindApi({ add: () => 1 });
    const unbind = session.bindCall("files.list", () => []);
    session.bindCall("ping", () => "pong");
    unbind();
    unbind(); // unbound already: nothing more to say
    const binds = t.sent.filter((m) => m.k === Msg.Bind);
    expect(binds.map((m) => (m as { m: string[] }).m)).toEqual([["api.add"], ["api.add", "files.list"], ["api.add", "files.list", "ping"], ["api.add", "ping"]]);
    const again = tab();
    session.attach(again);
    expect(again.sent[0]).toMatchObject({ k: Msg.Mount, b: ["api"], m: ["api.add", "ping"] });
  });
});
