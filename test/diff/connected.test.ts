/**
 * The connected() hook (src/diff/connected.ts) as a session runs it: after each Mount for every
 * component on the page, for a component added later after the patch that adds it, never
 * during the first paint and never for a resume; and what it may do: page requests, emits.
 */
import { describe, expect, test } from "vitest";
import { Component, html, LiveSession, NotConnectedError, type Transport } from "../../src/index.js";
import { Msg, type ServerMessage } from "../../src/protocol/wire.js";

class Recorder implements Transport {
  readonly messages: ServerMessage[] = [];
  send(text: string): void {
    this.messages.push(JSON.parse(text) as ServerMessage);
  }
  close(): void {}
  kinds(): number[] {
    return this.messages.map((m) => m.k);
  }
}

/** Every hook call, in order, as "Name.hook". */
let calls: string[] = [];

class Child extends Component<{ name: string }> {
  mount() {
    calls.push(`${this.props.name}.mount`);
  }
  connected() {
    calls.push(`${this.props.name}.connected`);
  }
  render() {
    return html`<i>${this.props.name}</i>`;
  }
}

class Root extends Component<Record<string, never>, { more: boolean }> {
  state = { more: false };
  early: Promise<unknown> | null = null;
  mount() {
    calls.push("root.mount");
    this.early = this.session.executeJs("return 1", { waitForResult: true });
    this.early.catch(() => {});
  }
  connected() {
    calls.push("root.connected");
    this.session.emit("hello", { from: "connected" });
    this.session.executeJs("document.title = 'up'").catch(() => {}); // ends with the session
  }
  render() {
    return html`<main><${Child} name="a" />${this.state.more ? html`<${Child} name="b" />` : null}</main>`;
  }
}

function session(): { live: LiveSession; root: () => Root } {
  calls = [];
  let instance: Root | null = null;
  class Probe extends Root {
    constructor(props: Record<string, never>) {
      super(props);
      instance = this;
    }
  }
  const live = new LiveSession("/", html`<${Probe} />`, { onError: () => {} });
  return { live, root: () => instance! };
}

describe("connected()", () => {
  test("never during the first paint: there mount() runs, and a page request made there fails at once with NotConnectedError", async () => {
    const { live, root } = session();
    await live.ready();
    expect(calls).toEqual(["root.mount", "a.mount"]);
    const error = await root().early!.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(NotConnectedError);
    expect((error as Error).message).toContain("connected()");
  });

  test("after the Mount, for every component, parents first; what it sends follows the Mount", async () => {
    const { live } = session();
    await live.ready();
    const tab = new Recorder();
    live.attach(tab);
    expect(calls).toEqual(["root.mount", "a.mount", "root.connected", "a.connected"]);
    expect(tab.kinds()).toEqual([Msg.Mount, Msg.Emit, Msg.Exec]);
    live.end();
  });

  test("a component added later: after the patch that adds it, once", async () => {
    const { live, root } = session();
    await live.ready();
    const tab = new Recorder();
    live.attach(tab);
    calls = [];
    root().setState({ more: true });
    live.flush();
    expect(calls).toEqual(["b.mount", "b.connected"]);
    live.flush();
    expect(calls).toEqual(["b.mount", "b.connected"]);
    expect(tab.kinds().slice(-1)).toEqual([Msg.Patch]);
    live.end();
  });

  test("again after a remount, not after a resume", async () => {
    const { live } = session();
    await live.ready();
    const first = new Recorder();
    live.attach(first);
    const mount = first.messages[0] as ServerMessage & { s: number };
    live.detach(first);
    calls = [];
    const resumed = new Recorder();
    live.resume(resumed, mount.s);
    expect(resumed.kinds()[0]).toBe(Msg.Resume);
    expect(calls).toEqual([]);
    const remounted = new Recorder();
    live.attach(remounted);
    expect(calls).toEqual(["root.connected", "a.connected"]);
    live.end();
  });

  test("a throwing or rejecting connected() is reported and the others still run", async () => {
    const errors: string[] = [];
    class Bad extends Component {
      connected() {
        throw new Error("sync");
      }
      render() {
        return html`<b>bad</b>`;
      }
    }
    class Late extends Component {
      async connected() {
        throw new Error("async");
      }
      render() {
        return html`<b>late</b>`;
      }
    }
    const live = new LiveSession("/", html`<div><${Bad} /><${Late} /></div>`, { onError: (e, where) => errors.push(`${where}: ${(e as Error).message}`) });
    await live.ready();
    live.attach(new Recorder());
    await Promise.resolve();
    expect(errors).toEqual(["<Bad>.connected(): sync", "<Late>.connected(): async"]);
    live.end();
  });
});
