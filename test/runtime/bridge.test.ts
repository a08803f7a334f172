/**
 * The page side of the bridge (runtime/bridge.ts, page-api.ts, client.ts), driven in Node with
 * a fake transport: it runs what the server asks and answers every request once, queues what
 * the page does before it joined, and re-sends what a dropped connection may have lost.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { Bridge } from "../../runtime/bridge.js";
import { getTether, type TetherPage } from "../../runtime/client.js";
import { ErrorNames, Msg, type ServerMessage } from "../../src/protocol/wire.js";
import { FakeTransport, joinBridge } from "../support/page-bridge.js";

let transport: FakeTransport;
let bridge: Bridge;

beforeEach(() => {
  vi.stubGlobal("window", globalThis);
  vi.stubGlobal("DEV", false);
  transport = new FakeTransport();
  bridge = new Bridge(() => ({ status: transport.connected ? "connected" : "connecting", sessionId: "sid", transport: "websocket" }));
  bridge.connect(transport);
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function join(namespaces?: string[], methods: string[] = []): void {
  joinBridge(bridge, transport, namespaces, methods);
}
function drop(): void {
  transport.connected = false;
  bridge.offline();
}
const exec = (id: number, c: string, extra: Record<string, unknown> = {}) =>
  bridge.receive({ k: Msg.Exec, s: 1, id, c, r: 1, ...extra } as ServerMessage);

describe("Exec: running server code", () => {
  beforeEach(() => join());

  test("the code is an async function body; args are named values; the returned value travels", async () => {
    exec(1, "await null; return { sum: a + b, text }", { a: { a: 2, b: 3, text: "t" } });
    expect(await transport.result(1)).toEqual({ k: Msg.Result, id: 1, ok: true, v: { sum: 5, text: "t" } });
  });

  test("no return value answers ok without v", async () => {
    exec(1, "1 + 1;");
    expect(await transport.result(1)).toEqual({ k: Msg.Result, id: 1, ok: true });
  });

  test("a throw or a rejection travels with the error's name, message and stack", async () => {
    exec(1, "throw new TypeError('boom')");
    exec(2, "await Promise.reject(new RangeError('later'))");
    const [thrown, rejected] = await Promise.all([transport.result(1), transport.result(2)]);
    expect(thrown.err).toMatchObject({ name: "TypeError", message: "boom" });
    expect(thrown.err!.stack).toContain("boom");
    expect(rejected.err).toMatchObject({ name: "RangeError", message: "later" });
  });

  test("code that does not parse answers a SyntaxError", async () => {
    exec(1, "return (");
    expect((await transport.result(1)).err?.name).toBe("SyntaxError");
  });

  test("a result JSON cannot carry answers a SerializationError, never a silent null", async () => {
    exec(1, "return { n: NaN }");
    exec(2, "return () => 1");
    const [nan, fn] = await Promise.all([transport.result(1), transport.result(2)]);
    expect(nan.err).toMatchObject({ name: ErrorNames.Serialization, message: expect.stringContaining("the result.n is NaN") });
    expect(fn.err?.name).toBe(ErrorNames.Serialization);
  });

  test("r: 0 answers once the synchronous part ran, before what it awaits finishes", async () => {
    const g = globalThis as { __ran?: string[] };
    g.__ran = [];
    bridge.receive({ k: Msg.Exec, s: 1, id: 1, c: "__ran.push('sync'); await new Promise((r) => setTimeout(r, 30)); __ran.push('async')", r: 0 });
    expect(await transport.result(1)).toEqual({ k: Msg.Result, id: 1, ok: true });
    expect(g.__ran).toEqual(["sync"]);
    bridge.receive({ k: Msg.Exec, s: 2, id: 2, c: "throw new Error('at once')", r: 0 });
    expect((await transport.result(2)).err?.message).toBe("at once");
    delete g.__ran;
  });

  test("the page's own timeout answers JsExecutionTimeout and aborts the code's signal", async () => {
    vi.useFakeTimers();
    const g = globalThis as { __abortedWith?: string };
    exec(1, "signal.addEventListener('abort', () => (__abortedWith = signal.reason.name)); await new Promise(() => {})", { t: 50 });
    await vi.advanceTimersByTimeAsync(49);
    expect(transport.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    const result = await transport.result(1);
    expect(result.err).toMatchObject({ name: ErrorNames.Timeout, message: expect.stringContaining("50 ms") });
    expect(g.__abortedWith).toBe(ErrorNames.Timeout);
    delete g.__abortedWith;
  });

  test("Cancel aborts the code's signal with an AbortError", async () => {
    const g = globalThis as { __aborted?: string };
    exec(1, "await new Promise((_, reject) => signal.addEventListener('abort', () => { __aborted = signal.reason.name; reject(signal.reason); }))");
    bridge.receive({ k: Msg.Cancel, id: 1 });
    await transport.result(1);
    expect(g.__aborted).toBe("AbortError");
    delete g.__aborted;
  });

  test("a request id seen before runs once: ignored while running, answered from memory after", async () => {
    const g = globalThis as { __runs?: number; __release?: () => void };
    g.__runs = 0;
    const code = "__runs++; await new Promise((r) => (__release = r)); return __runs";
    exec(5, code);
    exec(5, code);
    await Promise.resolve();
    expect(g.__runs).toBe(1);
    g.__release!();
    const first = await transport.result(5);
    expect(first).toEqual({ k: Msg.Result, id: 5, ok: true, v: 1 });
    exec(5, code);
    await Promise.resolve();
    expect(transport.sent.filter((m) => m.k === Msg.Result)).toEqual([first, first]);
    expect(g.__runs).toBe(1);
    delete g.__runs;
    delete g.__release;
  });
});

describe("Invoke: functions the page exposed", () => {
  beforeEach(() => join());

  test("calls the function with the args; async results are awaited", async () => {
    bridge.page.expose("mul", (a: number, b: number) => a * b);
    bridge.page.expose("later", async (x: string) => `${x}!`);
    bridge.receive({ k: Msg.Invoke, s: 1, id: 1, f: "mul", a: [6, 7] });
    bridge.receive({ k: Msg.Invoke, s: 2, id: 2, f: "later", a: ["hi"] });
    expect((await transport.result(1)).v).toBe(42);
    expect((await transport.result(2)).v).toBe("hi!");
  });

  test("an unknown or removed name is a NotFoundError", async () => {
    const unexpose = bridge.page.expose("gone", () => 1);
    unexpose();
    bridge.receive({ k: Msg.Invoke, s: 1, id: 1, f: "gone", a: [] });
    expect((await transport.result(1)).err).toMatchObject({ name: ErrorNames.NotFound, message: expect.stringContaining('"gone"') });
  });

  test("expose refuses a non-function", () => {
    expect(() => bridge.page.expose("x", 1 as never)).toThrow(TypeError);
  });
});

describe("before the page has joined", () => {
  test("answers and calls wait, and go once joined; whenReady resolves then", async () => {
    let ready = false;
    void bridge.page.whenReady().then(() => (ready = true));
    exec(1, "return 'ran early'");
    const sum = bridge.page.call("sum", [1, 2]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(transport.sent).toEqual([]);
    expect(ready).toBe(false);

    join();
    await Promise.resolve();
    expect(ready).toBe(true);
    expect(transport.sent.map((m) => m.k).sort()).toEqual([Msg.Result, Msg.Call].sort());
    expect(transport.sent.find((m) => m.k === Msg.Result)).toMatchObject({ id: 1, ok: true, v: "ran early" });
    const call = transport.sent.find((m) => m.k === Msg.Call)!;
    expect(call).toMatchObject({ m: "sum", p: [1, 2] });
    bridge.receive({ k: Msg.CallResult, id: (call as { id: number }).id, ok: true, v: 3 });
    await expect(sum).resolves.toBe(3);
  });
});

describe("tether.call", () => {
  beforeEach(() => join());

  test("a failed call rejects with an Error named and worded by the server", async () => {
    const p = bridge.page.call("api.fail");
    const { id } = transport.sent[0] as { id: number };
    bridge.receive({ k: Msg.CallResult, id, ok: false, err: { name: "ValueError", message: "bad", stack: "ValueError: bad\n at server" } });
    const error = await p.catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("ValueError");
    expect((error as Error).message).toBe("bad");
    expect((error as Error & { serverStack?: string }).serverStack).toContain("at server");
  });

  test("a server error's code and data come along when it has them", async () => {
    const p = bridge.page.call("api.save").catch((e: Error) => e);
    const { id } = transport.sent[0] as { id: number };
    bridge.receive({ k: Msg.CallResult, id, ok: false, err: { name: "QuotaError", message: "full", code: "E_QUOTA", data: { used: 10, limit: 10 } } });
    expect(await p).toMatchObject({ name: "QuotaError", message: "full", code: "E_QUOTA", data: { used: 10, limit: 10 } });
    const q = bridge.page.call("api.other").catch((e: Error) => e);
    bridge.receive({ k: Msg.CallResult, id: (transport.sent[1] as { id: number }).id, ok: false, err: { name: "Error", message: "plain" } });
    const plain = (await q) as Error;
    expect("code" in plain || "data" in plain).toBe(false);
  });

  test("tether.methods is what the Mount says the page may call; a Bind replaces it; a resume keeps it", () => {
    expect(bridge.page.methods).toEqual([]);
    join(["api"], ["api.add", "files.list"]);
    expect(bridge.page.methods).toEqual(["api.add", "files.list"]);
    bridge.receive({ k: Msg.Bind, s: 2, ns: [], m: ["api.add", "files.list", "ping"] });
    expect(bridge.page.methods).toEqual(["api.add", "files.list", "ping"]);
    bridge.joined();
    expect(bridge.page.methods).toEqual(["api.add", "files.list", "ping"]);
  });

  test("a call that is not answered in time rejects with TimeoutError; a late answer is ignored", async () => {
    vi.useFakeTimers();
    const p = bridge.page.call("slow", undefined, { timeout: 200 }).catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(199);
    let done = false;
    void p.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = (await p) as Error;
    expect(error.name).toBe(ErrorNames.CallTimeout);
    expect(error.message).toContain("200 ms");
    bridge.receive({ k: Msg.CallResult, id: 1, ok: true, v: "late" });
  });

  test("the default timeout is 30 000 ms", async () => {
    vi.useFakeTimers();
    const p = bridge.page.call("slow").catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(29_999);
    bridge.receive({ k: Msg.Ping } as unknown as ServerMessage);
    await vi.advanceTimersByTimeAsync(1);
    expect(((await p) as Error).name).toBe("TimeoutError");
  });

  test("params JSON cannot carry reject at once, and nothing is sent", async () => {
    await expect(bridge.page.call("f", { n: Number.NaN })).rejects.toMatchObject({ name: ErrorNames.Serialization });
    await expect(bridge.page.call("")).rejects.toThrow(TypeError);
    expect(() => bridge.page.sendEvent("e", { f() {} })).toThrow(/the detail.f is a function/);
    expect(transport.sent).toEqual([]);
  });

  test("the api proxy calls namespace.method with the params; Bind adds a namespace", async () => {
    void (bridge.page.api as Record<string, (p?: unknown) => Promise<unknown>>).add({ a: 2, b: 3 }).catch(() => {});
    bridge.receive({ k: Msg.Bind, s: 1, ns: ["tools"], m: ["tools.ping"] });
    const tools = (bridge.page as unknown as { tools: Record<string, (p?: unknown) => Promise<unknown>> }).tools;
    void tools.ping().catch(() => {});
    expect(transport.sent).toMatchObject([{ k: Msg.Call, m: "api.add", p: { a: 2, b: 3 } }, { k: Msg.Call, m: "tools.ping" }]);
    expect((bridge.page.api as unknown as { then?: unknown }).then).toBeUndefined();
  });
});

describe("a dropped connection", () => {
  test("calls not answered yet are sent again after the next join, with their ids", async () => {
    join();
    const p = bridge.page.call("slow", { x: 1 });
    const q = bridge.page.call("quick");
    const before = transport.sent.slice();
    bridge.receive({ k: Msg.CallResult, id: (before[1] as { id: number }).id, ok: true, v: "answered" });
    await expect(q).resolves.toBe("answered");
    drop();
    transport.sent = [];
    join();
    expect(transport.sent).toEqual([before[0]]);
    bridge.receive({ k: Msg.CallResult, id: (before[0] as { id: number }).id, ok: true, v: "ok" });
    await expect(p).resolves.toBe("ok");
  });

  test("an answer made while offline is sent after the join", async () => {
    join();
    drop();
    exec(1, "return 1");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(transport.sent).toEqual([]);
    join();
    expect(transport.sent).toEqual([{ k: Msg.Result, id: 1, ok: true, v: 1 }]);
  });
});

describe("on, once, off, trigger and Emit", () => {
  test("Emit reaches on() subscribers; once() fires once; off() and the unsubscribe function remove", () => {
    const seen: string[] = [];
    const unsubscribe = bridge.page.on("n", (d) => seen.push(`on:${d}`));
    bridge.page.once("n", (d) => seen.push(`once:${d}`));
    const h = (d: unknown) => seen.push(`h:${d}`);
    bridge.page.on("n", h);
    bridge.receive({ k: Msg.Emit, s: 1, ev: "n", p: 1 });
    unsubscribe();
    bridge.page.off("n", h);
    bridge.receive({ k: Msg.Emit, s: 2, ev: "n", p: 2 });
    expect(seen).toEqual(["on:1", "once:1", "h:1"]);
    bridge.page.on("m", (d) => seen.push(`m:${d}`));
    bridge.page.off("m");
    bridge.receive({ k: Msg.Emit, s: 3, ev: "m", p: 3 });
    expect(seen).toHaveLength(3);
  });

  test("an Emit no handler took yet is held, then delivered to the first subscriber: in order, once, after on() returns", async () => {
    bridge.receive({ k: Msg.Emit, s: 1, ev: "n", p: 1 });
    bridge.receive({ k: Msg.Emit, s: 2, ev: "other", p: "x" });
    bridge.receive({ k: Msg.Emit, s: 3, ev: "n", p: 2 });
    const seen: unknown[] = [];
    const off = bridge.page.on("n", (d) => seen.push(d));
    expect(seen).toEqual([]); // not inside on(): the handler may use what on() returned
    await Promise.resolve();
    expect(seen).toEqual([1, 2]);
    bridge.receive({ k: Msg.Emit, s: 4, ev: "n", p: 3 });
    expect(seen).toEqual([1, 2, 3]);
    off();
    const late: unknown[] = [];
    bridge.page.on("n", (d) => late.push(d));
    await Promise.resolve();
    expect(late).toEqual([]); // delivered once: not again to a later subscriber
    bridge.page.on("other", (d) => late.push(d));
    await Promise.resolve();
    expect(late).toEqual(["x"]);
  });

  test("a held event goes to a once() handler alone; the next one waits for the next subscriber", async () => {
    for (let p = 1; p <= 3; p++) bridge.receive({ k: Msg.Emit, s: p, ev: "n", p });
    const seen: string[] = [];
    bridge.page.once("n", (d) => seen.push(`once:${d}`));
    await Promise.resolve();
    expect(seen).toEqual(["once:1"]);
    bridge.receive({ k: Msg.Emit, s: 4, ev: "n", p: 4 }); // after the held ones, not before
    bridge.page.on("n", (d) => seen.push(`on:${d}`));
    await Promise.resolve();
    expect(seen).toEqual(["once:1", "on:2", "on:3", "on:4"]);
  });

  test("at most 256 events are held per page; later ones are dropped", async () => {
    for (let p = 1; p <= 300; p++) bridge.receive({ k: Msg.Emit, s: p, ev: "n", p });
    const seen: unknown[] = [];
    bridge.page.on("n", (d) => seen.push(d));
    await Promise.resolve();
    expect(seen).toHaveLength(256);
    expect(seen[255]).toBe(256);
  });

  test("a throwing subscriber does not stop the others", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const seen: number[] = [];
    bridge.page.on("e", () => {
      throw new Error("bad subscriber");
    });
    bridge.page.on("e", () => seen.push(1));
    bridge.trigger("e");
    expect(seen).toEqual([1]);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});

describe("getTether (runtime/client.ts)", () => {
  test("returns window.tether, typed; throws a clear error when the runtime is not loaded", () => {
    expect(() => getTether()).toThrow(/runtime is not on this page/);
    vi.stubGlobal("tether", bridge.page);
    expect(getTether<{ add(p: { a: number }): number }>()).toBe(bridge.page);
  });
});

describe("regressions", () => {
  test("a new session's request is run, not answered with the old session's answer for the same id", async () => {
    join();
    exec(1, "return 'old answer'");
    expect((await transport.result(1)).v).toBe("old answer");
    bridge.sessionChanged();
    transport.sent = [];
    exec(1, "return 'new answer'");
    expect((await transport.result(1)).v).toBe("new answer");
  });

  test("calls made to a session that ended are rejected, not run again in the new one", async () => {
    join();
    const call = bridge.call("api.slow", {}).catch((e: Error) => e);
    bridge.sessionChanged();
    expect(((await call) as Error).name).toBe(ErrorNames.SessionEnded);
  });

  test("off removes a handler added with once", () => {
    const seen: unknown[] = [];
    const handler = (d: unknown) => seen.push(d);
    bridge.once("e", handler);
    bridge.off("e", handler);
    bridge.trigger("e", 1);
    expect(seen).toEqual([]);
  });

  test("the default API type takes an object param (compile-time: this file type-checks)", () => {
    // With the default Api type, `tether.api.add({ a, b })` must compile; `npm run typecheck` checks it.
    const typed = (t: TetherPage) => t.api.add({ a: 2, b: 3 });
    expect(typeof typed).toBe("function");
  });
});
