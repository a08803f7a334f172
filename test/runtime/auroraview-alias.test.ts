/**
 * `window.auroraview` (runtime/auroraview-alias.ts) over the page bridge, driven in Node with a
 * fake transport, the way AuroraView's SDK uses it: it wraps `trigger`, waits with
 * `whenReady()`, reads `_ready` and the method list, calls with a configured timeout and reads
 * `code` on errors. One describe per point of the compatibility the README's table lists.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { Bridge } from "../../runtime/bridge.js";
import { auroraViewAlias, type AuroraViewAlias } from "../../runtime/auroraview-alias.js";
import { Msg, type CallMessage, type SendMessage } from "../../src/protocol/wire.js";
import { FakeTransport, joinBridge } from "../support/page-bridge.js";

let transport: FakeTransport;
let bridge: Bridge;
let av: AuroraViewAlias;
let readyEvents: number;

beforeEach(() => {
  vi.stubGlobal("window", globalThis);
  vi.stubGlobal("location", { href: "http://127.0.0.1/page" });
  vi.stubGlobal("DEV", false);
  // The window's events (Node has none of its own).
  const events = new EventTarget();
  for (const method of ["addEventListener", "removeEventListener", "dispatchEvent"] as const) vi.stubGlobal(method, events[method].bind(events));
  readyEvents = 0;
  globalThis.addEventListener("auroraviewready", countReady);
  transport = new FakeTransport();
  bridge = new Bridge(() => null);
  bridge.connect(transport);
  av = auroraViewAlias(bridge.page);
});

afterEach(() => {
  globalThis.removeEventListener("auroraviewready", countReady);
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function countReady(): void {
  readyEvents++;
}

const join = (methods: string[] = [], namespaces?: string[]) => joinBridge(bridge, transport, namespaces, methods);
const lastCall = () => transport.sent.filter((m): m is CallMessage => m.k === Msg.Call).at(-1)!;
const sends = () => transport.sent.filter((m): m is SendMessage => m.k === Msg.Send);
/** What a page-side promise settled with. */
const settled = <T>(p: Promise<T>) => p.then((value) => ({ ok: true, value }), (error: unknown) => ({ ok: false, error }));

/** Wraps `trigger` as AuroraView's SDK does: the original first, then its own subscribers. */
function wrapTrigger(alias: AuroraViewAlias, own: Array<[string, unknown]>): void {
  const original = alias.trigger;
  alias.trigger = (event, detail) => {
    original.call(alias, event, detail);
    own.push([event, detail]);
  };
}

describe("1. server events arrive through auroraview.trigger, so a wrapper sees them", () => {
  test("an emitted event reaches the wrapper's subscribers and the alias's own on handlers", () => {
    join();
    const sdk: Array<[string, unknown]> = [];
    wrapTrigger(av, sdk);
    const own: unknown[] = [];
    av.on("notice", (d) => own.push(d));
    bridge.receive({ k: Msg.Emit, s: 2, ev: "notice", p: { n: 1 } });
    expect(sdk).toEqual([["notice", { n: 1 }]]);
    expect(own).toEqual([{ n: 1 }]);
  });

  test("tether.on handlers still get emitted events, and trigger still sends nothing", () => {
    join();
    const seen: unknown[] = [];
    bridge.page.on("notice", (d) => seen.push(d));
    bridge.receive({ k: Msg.Emit, s: 2, ev: "notice", p: 7 });
    av.trigger("notice", 8);
    expect(seen).toEqual([7, 8]);
    expect(transport.sent).toEqual([]);
  });
});

describe("2. readiness: _ready, isReady(), whenReady(), auroraviewready", () => {
  test("not ready before the first join; ready, resolved with the bridge and announced once after it", async () => {
    expect([av._ready, av.isReady()]).toEqual([false, false]);
    const waiting = av.whenReady();
    join();
    expect(await waiting).toBe(av);
    expect([av._ready, av.isReady(), readyEvents]).toEqual([true, true, 1]);
    // A drop and a rejoin: still ready, no second announcement; whenReady resolves at once.
    bridge.offline();
    expect(av.isReady()).toBe(true);
    expect(await av.whenReady()).toBe(av);
    join();
    await av.whenReady();
    expect(readyEvents).toBe(1);
  });
});

describe("3. invoke(cmd, args) and setConfig({ callTimeoutMs })", () => {
  test("invoke calls the method of that name with the args, {} without", () => {
    join();
    void av.invoke("plugin:files|list", { dir: "/tmp" }).catch(() => {});
    expect(lastCall()).toMatchObject({ m: "plugin:files|list", p: { dir: "/tmp" } });
    void av.invoke("status").catch(() => {});
    expect(lastCall()).toMatchObject({ m: "status", p: {} });
  });

  test("a configured call timeout applies to call and invoke; an option given to the call wins", async () => {
    vi.useFakeTimers();
    join();
    av.setConfig({ callTimeoutMs: 100, heartbeatTimeoutMs: 0 });
    const call = settled(av.call("slow"));
    const invoke = settled(av.invoke("slow"));
    const own = settled(av.call("slow", undefined, { timeout: 500 }));
    await vi.advanceTimersByTimeAsync(100);
    expect(await call).toMatchObject({ ok: false, error: { name: "TimeoutError" } });
    expect(await invoke).toMatchObject({ ok: false, error: { name: "TimeoutError" } });
    let ownDone = false;
    void own.then(() => (ownDone = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(ownDone).toBe(false);
    await vi.advanceTimersByTimeAsync(400);
    expect(await own).toMatchObject({ ok: false });
  });
});

describe("4. errors carry code and data", () => {
  test("a server error's code and data; a timeout's code TIMEOUT; a call the session ended CANCELLED", async () => {
    join(["api.save"]);
    const failed = settled(av.api.save!({}));
    bridge.receive({ k: Msg.CallResult, id: lastCall().id, ok: false, err: { name: "QuotaError", message: "full", code: 507, data: { free: 0 } } });
    expect(await failed).toMatchObject({ ok: false, error: { name: "QuotaError", message: "full", code: 507, data: { free: 0 } } });

    vi.useFakeTimers();
    const slow = settled(av.call("slow", null, { timeout: 50 }));
    await vi.advanceTimersByTimeAsync(50);
    expect(await slow).toMatchObject({ ok: false, error: { name: "TimeoutError", code: "TIMEOUT" } });

    const pending = settled(av.call("pending"));
    bridge.sessionChanged();
    expect(await pending).toMatchObject({ ok: false, error: { code: "CANCELLED" } });
  });
});

describe("5 and 6. namespaces and the method list", () => {
  test("the bound methods are listed, checked and laid out by namespace; nothing else is there", () => {
    expect(av.getBoundMethods()).toEqual([]);
    expect(Object.keys(av.api)).toEqual([]);
    join(["api.add", "api.echo", "tools.resize", "ping"], ["api", "tools"]);
    expect(av.getBoundMethods()).toEqual(["api.add", "api.echo", "tools.resize", "ping"]);
    expect(av._boundMethods).toEqual({ "api.add": true, "api.echo": true, "tools.resize": true, ping: true });
    expect([av.isMethodBound("api.add"), av.isMethodBound("api.nope")]).toEqual([true, false]);
    expect(Object.keys(av.api)).toEqual(["add", "echo"]);
    expect(av.api.nope).toBeUndefined();
    const tools = (av as unknown as Record<string, Record<string, (p?: unknown) => Promise<unknown>>>).tools!;
    expect(Object.keys(tools)).toEqual(["resize"]);
    expect("tools" in av).toBe(true);
    void tools.resize!({ w: 2 }).catch(() => {});
    expect(lastCall()).toMatchObject({ m: "tools.resize", p: { w: 2 } });
    expect(av.api.add).toBe(av.api.add); // the same function each time
  });

  test("the methods the page was rendered with are there before the join, which then says what they are", () => {
    av = auroraViewAlias(new Bridge(() => null).page, ["api.add", "tools.resize"]);
    expect(Object.keys(av.api)).toEqual(["add"]);
    expect(av.isMethodBound("tools.resize")).toBe(true);
    const early = new Bridge(() => null);
    early.connect(transport);
    const alias = auroraViewAlias(early.page, ["api.add"]);
    void alias.api.add!({ a: 1 }).catch(() => {}); // queued until the join
    joinBridge(early, transport, ["api"], ["api.add", "api.echo"]);
    expect(lastCall()).toMatchObject({ m: "api.add", p: { a: 1 } });
    expect(alias.getBoundMethods()).toEqual(["api.add", "api.echo"]);
  });

  test("a Bind adds and removes methods and namespaces", () => {
    join(["api.add"]);
    bridge.receive({ k: Msg.Bind, s: 2, ns: ["tools"], m: ["api.add", "tools.resize"] });
    expect(av.isMethodBound("tools.resize")).toBe(true);
    bridge.receive({ k: Msg.Bind, s: 3, ns: [], m: ["tools.resize"] });
    expect(Object.keys(av.api)).toEqual([]);
    expect(av.api).toBeDefined(); // `api` is always there, as in AuroraView
    bridge.receive({ k: Msg.Bind, s: 4, ns: [], m: [] });
    expect((av as unknown as Record<string, unknown>).tools).toBeUndefined();
  });

  test("the desktop plugins are absent, so feature checks in AuroraView's manner find them missing", () => {
    join(["api.add"]);
    const bridgeAsSdkSees = av as unknown as Record<string, unknown>;
    for (const plugin of ["fs", "dialog", "clipboard", "shell", "state", "startDrag"]) expect(bridgeAsSdkSees[plugin]).toBeUndefined();
    expect(typeof av.invoke).toBe("function");
    expect(av.api).toBeDefined();
    expect(av.isMethodBound("clipboard.readText")).toBe(false);
  });

  test("a server that binds a plugin's namespace makes it present", () => {
    join(["clipboard.readText"]);
    expect((av as unknown as Record<string, unknown>).clipboard).toBeDefined();
    expect(av.isMethodBound("clipboard.readText")).toBe(true);
  });
});

describe("7. send_event", () => {
  test("without data (or with null) it sends {}", () => {
    join();
    av.send_event("ping");
    av.send_event("ping", null);
    av.send_event("ping", 0);
    expect(sends().map((m) => m.d)).toEqual([{}, {}, 0]);
  });

  test("data JSON cannot carry exactly is logged and sent as JSON keeps it; it never throws", () => {
    join();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    av.send_event("save", { at: Number.NaN, fn() {}, name: "a" });
    av.send_event("save", () => {});
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => av.send_event("save", cycle)).not.toThrow();
    expect(() => av.send_event("", 1)).not.toThrow();
    expect(sends().map((m) => m.d)).toEqual([{ at: null, name: "a" }, {}]);
    expect(warn).toHaveBeenCalledTimes(3); // each value JSON changes
    expect(error).toHaveBeenCalledTimes(2); // the cycle (JSON cannot write it), the empty name: not sent
  });
});
