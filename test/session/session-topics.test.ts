/**
 * Pub/sub and presence as components use them (session-topics.ts, Component.subscribe): a
 * message is a turn of the session's own, patched to the page; broadcastFrom skips the sender;
 * a component's subscriptions and presence end with it, a session's with the session. Two
 * views given one memory adapter are two servers sharing topics, as processes on one Redis.
 */
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, memoryAdapter, PubSub, Presence, type JsonValue, type TetherOptions } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { until } from "../pubsub/conformance.js";

afterEach(cleanup);

let heard = 0;

class Feed extends Component<Record<string, never>, { lines: string[] }> {
  state = { lines: [] as string[] };
  mount() {
    this.subscribe("feed", this.onMessage);
  }
  onMessage(message: JsonValue) {
    heard++;
    this.setState({ lines: [...this.state.lines, String(message)] });
  }
  shout() {
    void this.session.broadcastFrom("feed", "shout");
  }
  say() {
    void this.session.broadcast("feed", "say");
  }
  render() {
    return html`<ul>${this.state.lines.map((line) => html`<li class="line">${line}</li>`)}</ul>
      <button onClick=${this.shout}>Shout</button><button onClick=${this.say}>Say</button>`;
  }
}

class Toggle extends Component<Record<string, never>, { on: boolean }> {
  state = { on: true };
  hide() {
    this.setState({ on: false });
  }
  render() {
    return html`<div>${this.state.on ? html`<${Feed} />` : null}<button onClick=${this.hide}>Hide</button></div>`;
  }
}

class Here extends Component<{ query: Record<string, string> }, { online: number }> {
  state = { online: 0 };
  async mount() {
    this.track("lobby", this.props.query.user ?? "anon", { tab: true });
    this.onPresence("lobby", () => void this.count());
    await this.count();
  }
  async count() {
    this.setState({ online: Object.keys(await this.session.listPresence("lobby")).length });
  }
  render() {
    return html`<p id="online">${this.state.online}</p>`;
  }
}

function app(adapter = memoryAdapter()): TetherOptions {
  return { routes: { "/feed": Feed, "/toggle": Toggle, "/here": Here }, dev: true, pubsub: adapter };
}

async function textsOf(view: Awaited<ReturnType<typeof render>>, count: number): Promise<string[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await view.settled();
    const lines = view.getAll(".line").map((el) => el.text);
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("pub/sub in a session", () => {
  test("a broadcast from another server reaches the component and is patched onto the page", async () => {
    const adapter = memoryAdapter();
    const view = await render("/feed", app(adapter));
    const outside = new PubSub(adapter);
    await outside.broadcast("feed", "from outside");
    expect(await textsOf(view, 1)).toEqual(["from outside"]);
    await outside.close();
  });

  test("broadcast reaches every session, the sender's too; broadcastFrom all but the sender", async () => {
    const adapter = memoryAdapter();
    const a = await render("/feed", app(adapter));
    const b = await render("/feed", app(adapter));
    await a.click(a.getByText("Shout"));
    expect(await textsOf(b, 1)).toEqual(["shout"]);
    await b.click(b.getByText("Say"));
    expect(await textsOf(b, 2)).toEqual(["shout", "say"]);
    expect(await textsOf(a, 1)).toEqual(["say"]);
  });

  test("a component's subscription ends when it leaves the page", async () => {
    const adapter = memoryAdapter();
    const view = await render("/toggle", app(adapter));
    const outside = new PubSub(adapter);
    await outside.broadcast("feed", "one");
    expect(await textsOf(view, 1)).toEqual(["one"]);
    await view.click(view.getByText("Hide"));
    const before = heard;
    await outside.broadcast("feed", "two");
    const probe: JsonValue[] = [];
    const off = outside.subscribe("feed", (m) => probe.push(m));
    await outside.broadcast("feed", "three");
    await until(probe, 1);
    off();
    expect(heard).toBe(before);
    await outside.close();
  });

  test("a session's subscriptions and presence end with it", async () => {
    const adapter = memoryAdapter();
    const view = await render("/here?user=ada", app(adapter));
    const presence = new Presence(new PubSub(adapter));
    expect(Object.keys(await presence.list("lobby"))).toEqual(["ada"]);
    await view.close();
    expect(await presence.list("lobby")).toEqual({});
  });
});

describe("presence in a session", () => {
  test("follows the tab's connection: it leaves while the tab is away and joins again when it resumes", async () => {
    const adapter = memoryAdapter();
    const view = await render("/here?user=ada", app(adapter));
    const presence = new Presence(new PubSub(adapter));
    expect(Object.keys(await presence.list("lobby"))).toEqual(["ada"]);
    view.disconnect();
    const deadline = Date.now() + 5000;
    while (Object.keys(await presence.list("lobby")).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await presence.list("lobby")).toEqual({});
    await view.reconnect();
    expect(Object.keys(await presence.list("lobby"))).toEqual(["ada"]);
  });

  test("two servers' tabs see each other come and go; tabs of one user count once", async () => {
    const adapter = memoryAdapter();
    const ada = await render("/here?user=ada", app(adapter));
    const bob = await render("/here?user=bob", app(adapter));
    const adaAgain = await render("/here?user=ada", app(adapter));
    const online = async (view: typeof ada, expected: string) => {
      const deadline = Date.now() + 5000;
      while (view.get("#online").text !== expected && Date.now() < deadline) {
        await view.settled();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return view.get("#online").text;
    };
    expect(await online(ada, "2")).toBe("2");
    expect(await online(adaAgain, "2")).toBe("2");
    await bob.close();
    expect(await online(ada, "1")).toBe("1");
  });
});
