/**
 * Linked windows between sessions (session/linked-windows.ts, session-windows.ts,
 * Component.onChildMessage/onParentMessage): a child's URL carries the parent's signed link; the
 * two talk both ways over pub/sub, each message a turn of the receiving session's own (patched
 * to its page); addressing is checked on both sides; reloads, ends and a parent restored in
 * another process. Parent and children are views of different servers with one secret, on one
 * memory adapter, and on Redis (an adapter each, one key prefix): processes of one app.
 */
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { Component, html, memoryAdapter, PubSub, redisAdapter, type ChildWindow, type ComponentSession, type PubSubAdapter, type TetherOptions } from "../../src/index.js";
import { LiveSession } from "../../src/session/live-session.js";
import { SessionClose } from "../../src/session/channel.js";
import { inboxChannel } from "../../src/session/window-messages.js";
import { WindowLinkTokens } from "../../src/server/window-link-tokens.js";
import { cleanup, render, type View } from "../../src/testing/index.js";
import { REDIS_URL, useRedisPrefix } from "../support/redis.js";
import { settle } from "../pubsub/conformance.js";

const SECRET = "a secret every process of the app shares, 32+ bytes";

/** Every session of the pages below, by page, in the order they were made. */
let made: Record<string, ComponentSession[]>;

class Log extends Component<{ query: Record<string, string> }, { lines: string[] }> {
  state = { lines: [] as string[] };
  add(line: string) {
    this.setState({ lines: [...this.state.lines, line] });
  }
  render() {
    return html`<ul>${this.state.lines.map((line) => html`<li class="line">${line}</li>`)}</ul>`;
  }
}

class Parent extends Log {
  mount() {
    (made.parent ??= []).push(this.session);
    this.onChildMessage((child, event, data) => this.add(`${child.path} ${child.state} ${event} ${JSON.stringify(data)}`));
  }
}

class Child extends Log {
  mount() {
    (made[this.props.query.n ?? "child"] ??= []).push(this.session);
    this.add(`parent ${this.session.parent === null ? "none" : this.session.parent.state}`);
    this.onParentMessage((event, data) => this.add(`${event} ${JSON.stringify(data)}`));
    if (this.props.query.early !== undefined) void this.session.emitToParent("early", { n: this.props.query.n ?? "" });
  }
}

/** What the Listener components below heard, while on the page. */
let listened: string[];

class Listener extends Component<Record<string, never>> {
  mount() {
    this.onChildMessage((child, event) => listened.push(event));
  }
  render() {
    return html`<p>listening</p>`;
  }
}

class Toggled extends Component<Record<string, never>, { on: boolean }> {
  state = { on: true };
  mount() {
    (made.parent ??= []).push(this.session);
  }
  hide() {
    this.setState({ on: false });
  }
  render() {
    return html`<div>${this.state.on ? html`<${Listener} />` : null}<button onClick=${this.hide}>Hide</button></div>`;
  }
}

const REDIS_PREFIX = useRedisPrefix();
let runs = 0;
/** The adapter every server of a test shares (memory), or a new one each on one prefix (Redis: processes). */
let adapter: () => PubSubAdapter;
/** Pub/subs a test made of its own, closed after it. */
const extra: PubSub[] = [];

function app(): TetherOptions {
  return { routes: { "/parent": Parent, "/child": Child, "/other": Parent, "/toggled": Toggled }, dev: true, pubsub: adapter(), secret: SECRET };
}

/** A pub/sub on the test's adapter, beside its servers'. */
function outsider(): PubSub {
  const pubsub = new PubSub(adapter());
  extra.push(pubsub);
  return pubsub;
}

afterEach(async () => {
  await cleanup();
  await Promise.all(extra.splice(0).map((pubsub) => pubsub.close()));
});

async function lines(view: View, count: number): Promise<string[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await view.settled();
    const texts = view.getAll(".line").map((el) => el.text);
    if (texts.length >= count || Date.now() > deadline) return texts;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A parent page and `names` children linked to it, each on a server of its own. */
async function family(...names: string[]): Promise<{ parent: View; kids: View[]; ids: string[] }> {
  const parent = await render("/parent", app());
  const kids: View[] = [];
  const ids: string[] = [];
  for (const name of names) {
    const { id, url } = made.parent![0]!.windowLink(`/child?n=${name}`);
    expect(url).toMatch(new RegExp(`^/child\\?n=${name}&tether-window=`));
    kids.push(await render(url, app()));
    ids.push(id);
    // Two children on two servers publish their hellos over two connections: nothing orders
    // them, so each is heard before the next child opens.
    expect((await lines(parent, ids.length)).length).toBe(ids.length);
  }
  return { parent, kids, ids };
}

describe.each(["memory", "redis"])("over %s", (kind) => {
  beforeEach(() => {
    made = {};
    listened = [];
    if (kind === "memory") {
      const shared = memoryAdapter();
      adapter = () => shared;
    } else {
      const prefix = `${REDIS_PREFIX}:${++runs}`;
      adapter = () => redisAdapter({ url: REDIS_URL, prefix });
    }
  });

  describe("linking", () => {
    test("a child's URL links its session: it knows its parent, the parent lists it and hears child_opened", async () => {
      const { parent, kids, ids } = await family("a");
      expect(await lines(parent, 1)).toEqual(['/child?n=a open child_opened null']);
      expect(await lines(kids[0]!, 1)).toEqual(["parent open"]);
      const [p] = made.parent!;
      expect(p!.children).toEqual([{ id: ids[0], path: "/child?n=a", state: "open" }]);
      expect(made.a![0]!.parent).toEqual({ id: p!.windowId, state: "open" });
      expect(made.a![0]!.windowId).toBe(ids[0]);
    });

    test("a URL whose link token was not signed with the app's secret links nothing", async () => {
      const other = new WindowLinkTokens("another app's secret, 32 bytes or more");
      const forged = other.sign("whoever", "w1");
      const view = await render(`/child?n=x&tether-window=${encodeURIComponent(forged)}`, app());
      expect(await lines(view, 1)).toEqual(["parent none"]);
      expect(made.x![0]!.parent).toBeNull();
    });

    test("a path for a window must be a path of this app", () => {
      return render("/parent", app()).then(() => {
        const p = made.parent![0]!;
        for (const bad of ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/a b", "/a\\b"]) expect(() => p.windowLink(bad)).toThrow(TypeError);
      });
    });
  });

  describe("messages", () => {
    test("a child's emitToParent reaches the parent's onChildMessage, patched to its page", async () => {
      const { parent } = await family("a");
      await made.a![0]!.emitToParent("saved", { title: "Two" });
      expect(await lines(parent, 2)).toEqual(['/child?n=a open child_opened null', '/child?n=a open saved {"title":"Two"}']);
    });

    test("what a child says in its first mount(), before its link is made, waits for it: the parent hears it after child_opened", async () => {
      const parent = await render("/parent", app());
      const { url } = made.parent![0]!.windowLink("/child?n=a&early=1");
      await render(url, app());
      expect(await lines(parent, 2)).toEqual(["/child?n=a&early=1 open child_opened null", '/child?n=a&early=1 open early {"n":"a"}']);
    });

    test("sendToChild reaches that child only; broadcastToChildren every open child", async () => {
      const { kids, ids } = await family("a", "b");
      const p = made.parent![0]!;
      await p.sendToChild(ids[1]!, "refresh", { n: 1 });
      expect(await lines(kids[1]!, 2)).toEqual(["parent open", 'refresh {"n":1}']);
      await p.broadcastToChildren("all", null);
      expect(await lines(kids[0]!, 2)).toEqual(["parent open", "all null"]);
      expect(await lines(kids[1]!, 3)).toEqual(["parent open", 'refresh {"n":1}', "all null"]);
    });

    test("messages are JSON data under the pub/sub cap, with an event name of the app's own", async () => {
      const { ids } = await family("a");
      const p = made.parent![0]!;
      expect(() => p.sendToChild(ids[0]!, "x", new Date())).toThrow(TypeError);
      expect(() => p.sendToChild(ids[0]!, "x", "y".repeat(70_000))).toThrow(RangeError);
      expect(() => p.sendToChild(ids[0]!, "child_closed")).toThrow(/event of the link itself/);
      expect(() => p.sendToChild(ids[0]!, "")).toThrow(TypeError);
      expect(() => made.a![0]!.emitToParent("parent_closed")).toThrow(TypeError);
    });
  });

  describe("a component's handlers", () => {
    test("end when it leaves the page; the session's own go on", async () => {
      const view = await render("/toggled", app());
      const p = made.parent![0]!;
      const session: string[] = [];
      p.onChildMessage((child, event) => session.push(event));
      const { url } = p.windowLink("/child?n=a");
      await render(url, app());
      await until(() => listened.length === 1);
      await view.click(view.getByText("Hide"));
      await made.a![0]!.emitToParent("after");
      await until(() => session.length === 2);
      expect(session).toEqual(["child_opened", "after"]);
      expect(listened).toEqual(["child_opened"]);
    });
  });

  describe("addressing", () => {
    test("a session addresses only its own children and parent: another's child id is refused", async () => {
      const { ids } = await family("a");
      await render("/other", app());
      const stranger = made.parent![1]!;
      expect(() => stranger.sendToChild(ids[0]!, "steal")).toThrow(/no child window of this session/);
      expect(() => stranger.emitToParent("hello")).toThrow(/no parent window/);
    });

    test("the receiving side checks too: a message put on a child's channel by anyone but its parent is dropped", async () => {
      const { parent, kids, ids } = await family("a");
      const outside = outsider();
      // As if a stranger's code could publish there: from another address, and from the right
      // address for the wrong instance; neither is heard. Then the parent's own message is.
      await outside.send(inboxChannel(ids[0]!), { k: "msg", f: "stranger", i: "x", ev: "evil" }, undefined);
      await outside.send(inboxChannel(ids[0]!), { k: "msg", f: made.parent![0]!.windowId!, i: "not-its-instance", ev: "evil" }, undefined);
      await outside.send(inboxChannel(made.parent![0]!.windowId!), { k: "hello", f: "w-fake", i: "i", p: "/x", t: "forged.token" }, undefined);
      await outside.send(inboxChannel(made.parent![0]!.windowId!), { k: "msg", f: "w-fake", i: "i", ev: "evil" }, undefined);
      await made.parent![0]!.sendToChild(ids[0]!, "good");
      expect(await lines(kids[0]!, 2)).toEqual(["parent open", "good null"]);
      await made.a![0]!.emitToParent("fine");
      expect(await lines(parent, 2)).toEqual(["/child?n=a open child_opened null", "/child?n=a open fine null"]);
      expect(made.parent![0]!.children.map((c: ChildWindow) => c.id)).toEqual(ids);
    });
  });

  describe("lifecycle", () => {
    test("a child whose session ends is closed: the parent hears child_closed and may not send to it", async () => {
      const { parent, ids } = await family("a", "b");
      made.a![0]!.end();
      expect(await lines(parent, 3)).toEqual(["/child?n=a open child_opened null", "/child?n=b open child_opened null", "/child?n=a closed child_closed null"]);
      const p = made.parent![0]!;
      expect(p.children.map((c) => c.state)).toEqual(["closed", "open"]);
      expect(() => p.sendToChild(ids[0]!, "x")).toThrow(/closed/);
    });

    test("a reloaded child keeps its link; the session it left behind neither hears nor closes it", async () => {
      const { parent, ids } = await family("a");
      const url = made.parent![0]!.children[0]!.path;
      expect(url).toBe("/child?n=a");
      const first = made.a![0]!;
      const reloaded = await render(first.path, app()); // the same URL, link token and all
      expect(await lines(reloaded, 1)).toEqual(["parent open"]);
      await until(() => made.a!.length === 2);
      const second = made.a![1]!;
      expect(second.parent).toEqual(first.parent);
      // The parent follows the new session once it has its hello (which came before this): the
      // old one hears nothing more.
      await second.emitToParent("reloaded");
      expect(await lines(parent, 2)).toEqual(["/child?n=a open child_opened null", "/child?n=a open reloaded null"]);
      const heard: string[] = [];
      first.onParentMessage((event) => heard.push(`first ${event}`));
      second.onParentMessage((event) => heard.push(`second ${event}`));
      await made.parent![0]!.sendToChild(ids[0]!, "ping");
      await until(() => heard.length > 0);
      await settle(outsider());
      expect(heard).toEqual(["second ping"]);
      first.end(); // the old tab's session expires: no child_closed, the child is open
      await made.parent![0]!.broadcastToChildren("still");
      await until(() => heard.includes("second still"));
      await settle(outsider());
      expect(made.parent![0]!.children[0]!.state).toBe("open");
      expect((await lines(parent, 1)).filter((l) => l.includes("child_"))).toEqual(["/child?n=a open child_opened null"]);
    });

    test("a parent whose session ends tells its children: parent_closed", async () => {
      const { kids } = await family("a", "b");
      made.parent![0]!.end();
      expect(await lines(kids[0]!, 2)).toEqual(["parent open", "parent_closed null"]);
      expect(await lines(kids[1]!, 2)).toEqual(["parent open", "parent_closed null"]);
      expect(made.a![0]!.parent!.state).toBe("closed");
    });

    test("closeChildren asks every open child's page to close its window", async () => {
      const { kids } = await family("a");
      kids[0]!.page.onExecuteJs(() => undefined);
      await made.parent![0]!.closeChildren();
      await until(() => kids[0]!.page.executed.some((run) => run.code.includes("window.close()")));
    });

    test("a parent stopped with its server (not ended) and restored elsewhere relinks its children: they say hello again", async () => {
      const { kids, ids } = await family("a");
      const gone = made.parent![0]! as LiveSession;
      gone.end("server closing", SessionClose.GoingAway); // another process may restore it: no parent_closed
      const pubsub = outsider();
      const restored = new LiveSession("/parent", html`<p>restored</p>`, { pubsub, windowLinks: new WindowLinkTokens(SECRET) }, undefined, { id: gone.id, components: [], events: 0 });
      const heard: string[] = [];
      restored.onChildMessage((child, event) => heard.push(`${child.id} ${event}`));
      await until(() => heard.length === 1);
      expect(heard).toEqual([`${ids[0]} child_opened`]);
      expect(restored.windowId).toBe(gone.windowId);
      await restored.sendToChild(ids[0]!, "back");
      expect(await lines(kids[0]!, 2)).toEqual(["parent open", "back null"]);
      restored.end();
    });
  });
});
