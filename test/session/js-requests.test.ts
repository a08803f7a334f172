/**
 * JsRequests (src/session/js-requests.ts): requests from the server to the page, tracked by
 * id until they settle (invariant 6). `send` is a collector here: this class is a unit of its
 * own, and the messages it hands to the session are its whole output.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { JsRequests } from "../../src/session/js-requests.js";
import { JsExecutionError, JsExecutionTimeout } from "../../src/session/errors.js";
import { ErrorNames, Msg, type ExecMessage, type InvokeMessage, type ServerMessage } from "../../src/protocol/wire.js";

let sent: ServerMessage[];
let js: JsRequests;

beforeEach(() => {
  sent = [];
  js = new JsRequests(5000, { transmit: (m) => sent.push(m) });
});

afterEach(() => {
  js.rejectAll("the test ended"); // clears every timer; the rejections are caught by quiet()
  vi.useRealTimers();
});

/** Starts a request whose outcome a test does not look at. */
const quiet = (p: Promise<unknown>): void => void p.catch(() => {});

const lastExec = () => sent[sent.length - 1] as ExecMessage;
const ok = (id: number, v?: unknown) => js.settle(v === undefined ? { k: Msg.Result, id, ok: true } : { k: Msg.Result, id, ok: true, v });
const fail = (id: number, name: string, message: string, stack?: string) =>
  js.settle({ k: Msg.Result, id, ok: false, err: stack === undefined ? { name, message } : { name, message, stack } });

/** Resolves with what a promise settled with, so a test can assert on rejections by value. */
function outcome(p: Promise<unknown>): Promise<{ ok: boolean; value: unknown }> {
  return p.then((value) => ({ ok: true, value }), (value: unknown) => ({ ok: false, value }));
}

describe("executeJs: the message", () => {
  test("a waiting request is an Exec with the code, r: 1, the timeout in ms and the args", () => {
    quiet(js.executeJs("return a + b", { waitForResult: true, timeout: 1234, args: { a: 1, b: 2 } }));
    expect(sent).toEqual([{ k: Msg.Exec, s: 0, id: 1, c: "return a + b", a: { a: 1, b: 2 }, r: 1, t: 1234 }]);
  });

  test("without waitForResult: r: 0, no timeout and no args key", () => {
    quiet(js.executeJs("console.log(1)"));
    expect(sent).toEqual([{ k: Msg.Exec, s: 0, id: 1, c: "console.log(1)", r: 0 }]);
  });

  test("the default timeout is the constructor's, and can be changed", () => {
    quiet(js.executeJs("1", { waitForResult: true }));
    expect(lastExec().t).toBe(5000);
    js.timeout = 750;
    quiet(js.executeJs("1", { waitForResult: true }));
    expect(lastExec().t).toBe(750);
  });

  test("a fractional timeout rounds up to whole milliseconds", () => {
    quiet(js.executeJs("1", { waitForResult: true, timeout: 10.2 }));
    expect(lastExec().t).toBe(11);
  });

  test("each request gets its own increasing id", () => {
    quiet(js.executeJs("1"));
    quiet(js.executeJs("2", { waitForResult: true }));
    quiet(js.callClient("f"));
    expect(sent.map((m) => (m as ExecMessage).id)).toEqual([1, 2, 3]);
    expect(js.size).toBe(3);
    expect(js.unanswered()).toEqual(sent);
  });
});

describe("executeJs: results", () => {
  const values: Array<[string, unknown]> = [
    ["null", null],
    ["true", true],
    ["false", false],
    ["zero", 0],
    ["a negative fraction", -12.5],
    ["an empty string", ""],
    ["a unicode string", "héllo ✓ \u{1F600}"],
    ["an empty array", []],
    ["a mixed array", [1, "two", null, false, [3]]],
    ["a nested object", { a: { b: [1, { c: null }], d: "x" }, e: true }],
  ];
  test.each(values)("resolves with %s", async (_, value) => {
    const p = js.executeJs("x", { waitForResult: true });
    ok(lastExec().id, value);
    await expect(p).resolves.toEqual(value);
    expect(js.size).toBe(0);
  });

  test("a result without a value resolves with undefined", async () => {
    const p = js.executeJs("x", { waitForResult: true });
    ok(1);
    await expect(p).resolves.toBeUndefined();
  });

  test("without waitForResult the confirmation resolves with undefined, whatever it carries", async () => {
    const p = js.executeJs("x");
    ok(1, "ignored");
    await expect(p).resolves.toBeUndefined();
  });

  test("a result for an unknown id is ignored, and so is a second result for the same id", async () => {
    const p = js.executeJs("x", { waitForResult: true });
    ok(99, "stray");
    expect(js.size).toBe(1);
    ok(1, "first");
    ok(1, "second");
    await expect(p).resolves.toBe("first");
    expect(js.size).toBe(0);
  });

  test("the page's error becomes a JsExecutionError with its name, message and stack", async () => {
    const p = outcome(js.executeJs("throw new TypeError('boom')", { waitForResult: true }));
    fail(1, "TypeError", "boom", "TypeError: boom\n    at <anonymous>:1:7");
    const { ok: resolved, value } = await p;
    expect(resolved).toBe(false);
    expect(value).toBeInstanceOf(JsExecutionError);
    expect(value).not.toBeInstanceOf(JsExecutionTimeout);
    const error = value as JsExecutionError;
    expect(error.name).toBe("JsExecutionError");
    expect(error.message).toBe("TypeError: boom");
    expect([error.jsName, error.jsMessage, error.jsStack]).toEqual(["TypeError", "boom", "TypeError: boom\n    at <anonymous>:1:7"]);
  });

  test("a timeout the page reports is a JsExecutionTimeout carrying the request's timeout", async () => {
    const p = outcome(js.executeJs("never", { waitForResult: true, timeout: 300 }));
    fail(1, ErrorNames.Timeout, "did not settle within 300 ms");
    const { value } = await p;
    expect(value).toBeInstanceOf(JsExecutionTimeout);
    expect((value as JsExecutionTimeout).timeout).toBe(300);
  });
});

describe("timeouts", () => {
  test("a waiting request rejects with JsExecutionTimeout exactly when its timeout expires", async () => {
    vi.useFakeTimers();
    const p = outcome(js.executeJs("await new Promise(() => {})", { waitForResult: true, timeout: 250 }));
    let settled = false;
    void p.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(249);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { ok: resolved, value } = await p;
    expect(resolved).toBe(false);
    expect(value).toBeInstanceOf(JsExecutionTimeout);
    expect(value).toBeInstanceOf(JsExecutionError);
    expect((value as JsExecutionTimeout).timeout).toBe(250);
    expect((value as Error).name).toBe("JsExecutionTimeout");
    expect((value as Error).message).toContain("250 ms");
    expect(js.size).toBe(0);
  });

  test("a result arriving after the timeout is ignored", async () => {
    vi.useFakeTimers();
    const p = outcome(js.executeJs("x", { waitForResult: true, timeout: 100 }));
    await vi.advanceTimersByTimeAsync(100);
    ok(1, "late");
    expect((await p).value).toBeInstanceOf(JsExecutionTimeout);
  });

  test("a request that settles in time leaves no timer behind", async () => {
    vi.useFakeTimers();
    const p = js.executeJs("x", { waitForResult: true, timeout: 100 });
    ok(1, 7);
    await expect(p).resolves.toBe(7);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("a request that does not wait has no server-side timer", () => {
    vi.useFakeTimers();
    quiet(js.executeJs("x"));
    expect(vi.getTimerCount()).toBe(0);
  });

  test("callClient times out like executeJs", async () => {
    vi.useFakeTimers();
    const p = outcome(js.callClient("slow", [], { timeout: 40 }));
    await vi.advanceTimersByTimeAsync(40);
    const { value } = await p;
    expect(value).toBeInstanceOf(JsExecutionTimeout);
    expect((value as JsExecutionTimeout).timeout).toBe(40);
    expect((value as Error).message).toContain('"slow"');
  });
});

describe("refused before anything is sent", () => {
  test("a timeout without waitForResult is a TypeError", async () => {
    await expect(js.executeJs("x", { timeout: 100 })).rejects.toThrow(TypeError);
    await expect(js.executeJs("x", { timeout: 100, waitForResult: false })).rejects.toThrow(/waitForResult/);
    expect(sent).toEqual([]);
  });

  test.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])("timeout %s is a TypeError", async (timeout) => {
    await expect(js.executeJs("x", { waitForResult: true, timeout })).rejects.toThrow(TypeError);
    await expect(js.callClient("f", [], { timeout })).rejects.toThrow(TypeError);
    expect(sent).toEqual([]);
  });

  test.each(["a-b", "1x", "", "a b", "x;alert(1)//"])("argument name %j is a TypeError", async (name) => {
    await expect(js.executeJs("x", { args: { [name]: 1 } })).rejects.toThrow(TypeError);
    expect(sent).toEqual([]);
  });

  test("identifier argument names are accepted", () => {
    quiet(js.executeJs("x", { args: { $el: 1, _y: 2, camelCase3: 3 } }));
    expect(lastExec().a).toEqual({ $el: 1, _y: 2, camelCase3: 3 });
  });

  test("code that is not a string is a TypeError", async () => {
    await expect(js.executeJs(42 as unknown as string)).rejects.toThrow(TypeError);
    expect(sent).toEqual([]);
  });

  test("an already aborted signal rejects with its reason and sends nothing", async () => {
    const reason = new Error("gave up");
    await expect(js.executeJs("x", { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sent).toEqual([]);
    expect(js.size).toBe(0);
  });
});

describe("getJsResult", () => {
  test("runs the code and returns the variable, in one waiting request", async () => {
    const p = js.getJsResult("const size = { w: innerWidth };", "size", { timeout: 900 });
    const m = lastExec();
    expect(m.r).toBe(1);
    expect(m.t).toBe(900);
    expect(m.c.startsWith("const size = { w: innerWidth };")).toBe(true);
    expect(m.c.trimEnd().endsWith("return (size);")).toBe(true);
    ok(m.id, { w: 800 });
    await expect(p).resolves.toEqual({ w: 800 });
  });

  test("a dotted path is a variable", () => {
    quiet(js.getJsResult("", "window.innerWidth"));
    expect(lastExec().c).toContain("return (window.innerWidth)");
  });

  test.each(["a b", "x;alert(1)", "a..b", "", "1st", "a[0]", "f()"])("variable %j is a TypeError", async (variable) => {
    await expect(js.getJsResult("let a = 1;", variable)).rejects.toThrow(TypeError);
    expect(sent).toEqual([]);
  });
});

describe("callClient", () => {
  test("is an Invoke with the function name, the args list and the timeout", async () => {
    const p = js.callClient("mul", [6, 7], { timeout: 500 });
    expect(sent).toEqual([{ k: Msg.Invoke, s: 0, id: 1, f: "mul", a: [6, 7], t: 500 }]);
    ok(1, 42);
    await expect(p).resolves.toBe(42);
  });

  test("a single non-array argument is wrapped; no argument is an empty list", () => {
    quiet(js.callClient("one", { x: 1 }));
    quiet(js.callClient("none"));
    expect((sent[0] as InvokeMessage).a).toEqual([{ x: 1 }]);
    expect((sent[1] as InvokeMessage).a).toEqual([]);
  });

  test("an empty name is a TypeError", async () => {
    await expect(js.callClient("")).rejects.toThrow(TypeError);
    expect(sent).toEqual([]);
  });

  test("a name the page does not know is a JsExecutionError named NotFoundError", async () => {
    const p = outcome(js.callClient("nope"));
    fail(1, ErrorNames.NotFound, 'no function "nope" is exposed');
    const { value } = await p;
    expect(value).toBeInstanceOf(JsExecutionError);
    expect((value as JsExecutionError).jsName).toBe("NotFoundError");
  });
});

describe("abort", () => {
  test("rejects with the signal's reason and sends Cancel with the id", async () => {
    const controller = new AbortController();
    quiet(js.executeJs("1"));
    const p = outcome(js.executeJs("await forever", { waitForResult: true, signal: controller.signal }));
    const reason = new DOMException("stop", "AbortError");
    controller.abort(reason);
    expect((await p).value).toBe(reason);
    expect(sent[sent.length - 1]).toEqual({ k: Msg.Cancel, id: 2 });
    expect(js.size).toBe(1);
    ok(2, "late");
    expect(js.size).toBe(1);
  });

  test("aborting a callClient cancels it the same way", async () => {
    const controller = new AbortController();
    const p = outcome(js.callClient("f", [], { signal: controller.signal }));
    controller.abort();
    expect((await p).value).toBeInstanceOf(DOMException);
    expect(sent[1]).toEqual({ k: Msg.Cancel, id: 1 });
  });

  test("aborting after the request settled sends nothing", async () => {
    const controller = new AbortController();
    const p = js.executeJs("x", { waitForResult: true, signal: controller.signal });
    ok(1, 3);
    await expect(p).resolves.toBe(3);
    controller.abort();
    expect(sent.map((m) => m.k)).toEqual([Msg.Exec]);
  });

  test("abort clears the timeout timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const p = outcome(js.executeJs("x", { waitForResult: true, timeout: 1000, signal: controller.signal }));
    controller.abort("why");
    expect((await p).value).toBe("why");
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("rejectAll", () => {
  test("every pending request rejects with a JsExecutionError saying why, not a timeout", async () => {
    vi.useFakeTimers();
    const all = [
      outcome(js.executeJs("a")),
      outcome(js.executeJs("b", { waitForResult: true, timeout: 60_000 })),
      outcome(js.getJsResult("", "x")),
      outcome(js.callClient("f")),
    ];
    js.rejectAll("the session ended");
    const results = await Promise.all(all);
    for (const { ok: resolved, value } of results) {
      expect(resolved).toBe(false);
      expect(value).toBeInstanceOf(JsExecutionError);
      expect(value).not.toBeInstanceOf(JsExecutionTimeout);
      expect((value as Error).message).toContain("the session ended");
      expect((value as JsExecutionError).jsName).toBeUndefined();
    }
    expect(js.size).toBe(0);
    expect(js.unanswered()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});

test("1,000 concurrent requests each settle with their own result, answered in shuffled order", async () => {
  const promises = Array.from({ length: 1000 }, (_, i) => js.executeJs("return i", { waitForResult: true, args: { i } }));
  const ids = sent.map((m) => (m as ExecMessage).id);
  expect(new Set(ids).size).toBe(1000);
  // Deterministic shuffle (a small LCG), so a failure reproduces.
  let seed = 12345;
  const order = ids.slice();
  for (let i = order.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const byId = new Map(sent.map((m) => [(m as ExecMessage).id, (m as ExecMessage).a!.i]));
  for (const id of order) ok(id, { echo: byId.get(id) });
  const results = await Promise.all(promises);
  expect(results).toEqual(Array.from({ length: 1000 }, (_, i) => ({ echo: i })));
  expect(js.size).toBe(0);
});

describe("regressions", () => {
  test("args JSON would change are refused, not sent: BigInt, NaN, undefined", async () => {
    for (const a of [{ n: 1n }, { n: NaN }, { n: undefined }]) {
      const result = await outcome(js.executeJs("return n", { waitForResult: true, args: a as Record<string, unknown> }));
      expect(result.ok).toBe(false);
      expect(["SerializationError", "TypeError"]).toContain((result.value as Error).name);
    }
    expect(sent).toEqual([]);
  });

  test("reserved words are not argument names", async () => {
    const result = await outcome(js.executeJs("return 1", { waitForResult: true, args: { class: 1 } }));
    expect(result.value).toBeInstanceOf(TypeError);
  });

  test("after the session ended, a new request fails at once instead of waiting", async () => {
    js.rejectAll("the session ended");
    for (const request of [js.executeJs("1"), js.executeJs("1", { waitForResult: true }), js.callClient("f")]) {
      const result = await outcome(request);
      expect(result.value).toBeInstanceOf(JsExecutionError);
      expect(result.value).not.toBeInstanceOf(JsExecutionTimeout);
    }
    expect(js.size).toBe(0);
  });

  test("a page-side timeout of callClient names the function, not 'the code'", async () => {
    const p = outcome(js.callClient("pick", [], { timeout: 100 }));
    const id = (sent[0] as InvokeMessage).id;
    fail(id, ErrorNames.Timeout, "did not settle within 100 ms");
    const result = await p;
    expect(result.value).toBeInstanceOf(JsExecutionTimeout);
    expect((result.value as Error).message).toContain('"pick"');
  });

  test("Infinity and 0 are not timeouts", async () => {
    expect((await outcome(js.executeJs("1", { waitForResult: true, timeout: Infinity }))).value).toBeInstanceOf(TypeError);
    expect(() => new JsRequests(0, { transmit() {} }).timeout).not.toThrow(); // the constructor takes what the session checked
  });
});
