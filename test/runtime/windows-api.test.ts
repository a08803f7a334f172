/**
 * The linked-windows page calls (runtime/windows-api.ts) over the page bridge, driven in Node
 * with a fake transport: each call is a `tether.call` of the session's built-in method; news the
 * server emits reaches onChildMessage/onParentMessage handlers, waiting for the first; the
 * server's openWindow runs window.open through an exposed function; openWindow opens the popup
 * at once (the user's activation) and sends it to its linked URL; AuroraView's names on the alias.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { Bridge } from "../../runtime/bridge.js";
import { auroraViewAlias } from "../../runtime/auroraview-alias.js";
import { addWindows, type WindowsPage } from "../../runtime/windows-api.js";
import type { TetherPage } from "../../runtime/page-api.js";
import { Msg, WindowCalls, type CallMessage } from "../../src/protocol/wire.js";
import { FakeTransport, joinBridge } from "../support/page-bridge.js";

let transport: FakeTransport;
let bridge: Bridge;
let page: TetherPage & WindowsPage;
let opened: Array<{ url: string; name: string; features: string; replaced: string[]; closed: boolean }>;
let blocked: boolean;

beforeEach(() => {
  opened = [];
  blocked = false;
  vi.stubGlobal("DEV", false);
  vi.stubGlobal("location", { href: "http://127.0.0.1/list" });
  // The page's window: Node's timers, and a window.open of the test's own.
  vi.stubGlobal("window", Object.assign(Object.create(globalThis) as object, {
    open(url: string, name: string, features: string) {
      if (blocked) return null;
      const win = { url, name, features, replaced: [] as string[], closed: false };
      opened.push(win);
      return { location: { replace: (to: string) => win.replaced.push(to) }, close: () => (win.closed = true) };
    },
    close: vi.fn(),
    dispatchEvent: () => true, // the alias's auroraviewready
  }));
  transport = new FakeTransport();
  bridge = new Bridge(() => null);
  bridge.connect(transport);
  joinBridge(bridge, transport);
  page = addWindows(bridge.page);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const calls = () => transport.sent.filter((m): m is CallMessage => m.k === Msg.Call);
const answer = (id: number, v: unknown) => bridge.receive({ k: Msg.CallResult, id, ok: true, v });
let seq = 1;
const emit = (p: unknown) => bridge.receive({ k: Msg.Emit, s: ++seq, ev: WindowCalls.Event, p });

describe("calls", () => {
  test("each is the session's built-in call with positional arguments, data null when none", async () => {
    void page.emitToParent("saved", { n: 1 });
    void page.sendToChild("w1", "refresh");
    void page.broadcastToChildren("all", [1]);
    void page.closeChildren();
    void page.windows();
    void page.windowLink("/detail?id=2");
    expect(calls().map((c) => [c.m, c.p])).toEqual([
      [WindowCalls.EmitToParent, ["saved", { n: 1 }]],
      [WindowCalls.SendToChild, ["w1", "refresh", null]],
      [WindowCalls.BroadcastToChildren, ["all", [1]]],
      [WindowCalls.CloseChildren, []],
      [WindowCalls.State, []],
      [WindowCalls.Link, ["/detail?id=2"]],
    ]);
  });

  test("a refused call rejects with the server's error", async () => {
    const sent = page.sendToChild("someone-else's", "x");
    bridge.receive({ k: Msg.CallResult, id: calls()[0]!.id, ok: false, err: { name: "Error", message: 'Tether: "someone-else\'s" is no child window of this session' } });
    await expect(sent).rejects.toThrow(/no child window/);
  });
});

describe("openWindow", () => {
  test("opens the window at once, then sends it to the linked URL the server gives", async () => {
    const id = page.openWindow("/detail?id=2", { name: "d2", features: "popup" });
    expect(opened).toMatchObject([{ url: "", name: "d2", features: "popup", replaced: [] }]);
    answer(calls()[0]!.id, { id: "w1", url: "/detail?id=2&tether-window=tok" });
    expect(await id).toBe("w1");
    expect(opened[0]!.replaced).toEqual(["http://127.0.0.1/detail?id=2&tether-window=tok"]);
  });

  test("a blocked popup rejects without asking the server; a refused link closes the blank window", async () => {
    blocked = true;
    await expect(page.openWindow("/detail")).rejects.toThrow(/blocked/);
    expect(calls()).toEqual([]);
    blocked = false;
    const refused = page.openWindow("https://elsewhere.example/");
    bridge.receive({ k: Msg.CallResult, id: calls()[0]!.id, ok: false, err: { name: "TypeError", message: "not a path of this app" } });
    await expect(refused).rejects.toThrow(/not a path/);
    expect(opened[0]!.closed).toBe(true);
  });

  test("the server's openWindow calls the exposed window.open: true when it opened", async () => {
    bridge.receive({ k: Msg.Invoke, s: ++seq, id: 9, f: WindowCalls.Open, a: ["/detail?tether-window=t", "_blank", ""] });
    const result = await transport.result(9);
    expect(result).toMatchObject({ ok: true, v: true });
    expect(opened[0]!.url).toBe("http://127.0.0.1/detail?tether-window=t");
  });
});

describe("news from the server", () => {
  test("a child's news reaches onChildMessage, the parent's onParentMessage; data null when none", () => {
    const kids: unknown[] = [];
    const parents: unknown[] = [];
    page.onChildMessage((child, event, data) => kids.push([child.id, event, data]));
    page.onParentMessage((event, data) => parents.push([event, data]));
    emit({ c: { id: "w1", path: "/d", state: "open" }, ev: "child_opened", d: null });
    emit({ c: { id: "w1", path: "/d", state: "open" }, ev: "saved", d: { t: "x" } });
    emit({ p: { id: "p", state: "open" }, ev: "refresh" });
    expect(kids).toEqual([["w1", "child_opened", null], ["w1", "saved", { t: "x" }]]);
    expect(parents).toEqual([["refresh", null]]);
  });

  test("news waits for its first handler, in order; an unsubscribed handler hears no more", () => {
    emit({ c: { id: "w1", path: "/d", state: "open" }, ev: "a" });
    emit({ p: { id: "p", state: "open" }, ev: "b" });
    emit({ c: { id: "w1", path: "/d", state: "closed" }, ev: "child_closed" });
    const kids: string[] = [];
    const off = page.onChildMessage((_, event) => kids.push(event));
    expect(kids).toEqual(["a", "child_closed"]);
    const parents: string[] = [];
    page.onParentMessage((event) => parents.push(event));
    expect(parents).toEqual(["b"]);
    off();
    emit({ c: { id: "w1", path: "/d", state: "open" }, ev: "late" });
    expect(kids).toEqual(["a", "child_closed"]);
  });

  test("the parent's request to close closes this window", () => {
    emit({ close: true });
    expect((window as unknown as { close: ReturnType<typeof vi.fn> }).close).toHaveBeenCalledOnce();
  });
});

describe("AuroraView's names", () => {
  test("emit_to_parent, send_to_child, broadcast, on_parent_message, on_child_message (with the child's id)", () => {
    const av = auroraViewAlias(bridge.page);
    void av.emit_to_parent("status_update", { progress: 50 });
    void av.send_to_child("w1", "parent:command", { action: "refresh" });
    void av.broadcast("parent:notification", { message: "x" });
    expect(calls().map((c) => c.m)).toEqual([WindowCalls.EmitToParent, WindowCalls.SendToChild, WindowCalls.BroadcastToChildren]);
    const heard: unknown[] = [];
    av.on_child_message((childId, event, data) => heard.push([childId, event, data]));
    av.on_parent_message((event, data) => heard.push([event, data]));
    emit({ c: { id: "w1", path: "/d", state: "open" }, ev: "status_update", d: { progress: 50 } });
    emit({ p: { id: "p", state: "open" }, ev: "parent:command", d: { action: "refresh" } });
    expect(heard).toEqual([["w1", "status_update", { progress: 50 }], ["parent:command", { action: "refresh" }]]);
  });

  test("without the linked-windows script they say which route option they need", () => {
    const other = new Bridge(() => null);
    const av = auroraViewAlias(other.page);
    expect(() => av.emit_to_parent("x")).toThrow(/windows: true/);
  });
});
