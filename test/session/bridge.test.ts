/**
 * Bridge (src/session/bridge.ts): the calls and events a page may send, and what the server
 * pushes. `send` is a collector: the messages are this unit's output.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { Bridge } from "../../src/session/bridge.js";
import { ErrorNames, Msg, type CallResultMessage, type ServerMessage } from "../../src/protocol/wire.js";

let sent: ServerMessage[];
let reported: Array<{ error: unknown; where: string }>;
let bridge: Bridge;

const report = (error: unknown, where: string) => reported.push({ error, where });

function make(dev: boolean): Bridge {
  return new Bridge({ transmit: (m) => sent.push(m), onError: report }, dev);
}

beforeEach(() => {
  sent = [];
  reported = [];
  bridge = make(false);
});

/** Hands the bridge a Call from the page; its answer lands in `sent`. */
function call(id: number, m: string, p?: unknown): void {
  bridge.call(p === undefined ? { k: Msg.Call, id, m } : { k: Msg.Call, id, m, p });
}
const results = () => sent.filter((m): m is CallResultMessage => m.k === Msg.CallResult);
const last = () => results()[results().length - 1];
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("calls the session answers itself (linked windows')", () => {
  test("a built-in call is answered by the sink's handler; an app cannot bind a name of that prefix", () => {
    const builtIn = new Bridge({ transmit: (m) => sent.push(m), onError: report, builtInCall: (m) => (m === "tether:windows.state" ? () => ({ id: null }) : undefined) }, false);
    builtIn.call({ k: Msg.Call, id: 1, m: "tether:windows.state" });
    builtIn.call({ k: Msg.Call, id: 2, m: "tether:other" });
    expect(results()).toMatchObject([{ id: 1, ok: true, v: { id: null } }, { id: 2, ok: false, err: { name: ErrorNames.NotFound } }]);
    expect(() => builtIn.bindCall("tether:windows.state", () => "mine")).toThrow(/Tether's own/);
  });
});

describe("bindCall and call", () => {
  test("an object param arrives as one argument", () => {
    const seen: unknown[][] = [];
    bridge.bindCall("add", (...args: unknown[]) => {
      seen.push(args);
      const { a, b } = args[0] as { a: number; b: number };
      return a + b;
    });
    call(1, "add", { a: 2, b: 3 });
    expect(seen).toEqual([[{ a: 2, b: 3 }]]);
    expect(sent).toEqual([{ k: Msg.CallResult, id: 1, ok: true, v: 5 }]);
  });

  test("an array param spreads to positional arguments", () => {
    const seen: unknown[][] = [];
    bridge.bindCall("f", (...args: unknown[]) => (seen.push(args), args.length));
    call(1, "f", [1, "two", { three: 3 }]);
    call(2, "f", []);
    expect(seen).toEqual([[1, "two", { three: 3 }], []]);
    expect(results().map((r) => r.v)).toEqual([3, 0]);
  });

  test("no param is no argument; a primitive param is one argument", () => {
    const seen: unknown[][] = [];
    bridge.bindCall("f", (...args: unknown[]) => void seen.push(args));
    call(1, "f");
    call(2, "f", 7);
    call(3, "f", null);
    expect(seen).toEqual([[], [7], [null]]);
  });

  test("a handler returning undefined answers ok without a value", () => {
    bridge.bindCall("f", () => undefined);
    call(1, "f");
    expect(sent).toEqual([{ k: Msg.CallResult, id: 1, ok: true }]);
  });

  test("an unknown method is a NotFoundError naming it", () => {
    call(4, "nope");
    expect(sent).toHaveLength(1);
    const answer = last();
    expect(answer).toMatchObject({ k: Msg.CallResult, id: 4, ok: false, err: { name: ErrorNames.NotFound } });
    expect(answer.err!.message).toContain('"nope"');
  });

  test("an unbound method is unknown again; unbinding a replaced handler leaves the new one", () => {
    const unbind = bridge.bindCall("f", () => 1);
    unbind();
    call(1, "f");
    expect(last().err?.name).toBe(ErrorNames.NotFound);
    const unbindOld = bridge.bindCall("g", () => "old");
    bridge.bindCall("g", () => "new");
    unbindOld();
    call(2, "g");
    expect(last().v).toBe("new");
  });

  test("methods lists every method bound now, bindCall's and bindApi's", () => {
    expect(bridge.methods).toEqual([]);
    const unbind = bridge.bindCall("files.list", () => []);
    bridge.bindApi({ add: () => 1 }, "api");
    expect(bridge.methods).toEqual(["files.list", "api.add"]);
    expect(unbind()).toBe(true);
    expect(unbind()).toBe(false);
    expect(bridge.methods).toEqual(["api.add"]);
  });

  test("bad arguments to bindCall are TypeErrors", () => {
    expect(() => bridge.bindCall("", () => 1)).toThrow(TypeError);
    expect(() => bridge.bindCall("f", "not a function" as never)).toThrow(TypeError);
  });
});

describe("errors", () => {
  class ValueError extends Error {
    override name = "ValueError";
  }

  test("a thrown error travels as { name, message } without the stack outside development, and is reported", () => {
    bridge.bindCall("fail", () => {
      throw new ValueError("bad value");
    });
    call(1, "fail");
    expect(sent).toEqual([{ k: Msg.CallResult, id: 1, ok: false, err: { name: "ValueError", message: "bad value" } }]);
    expect(reported).toHaveLength(1);
    expect(reported[0].error).toBeInstanceOf(ValueError);
    expect(reported[0].where).toContain('"fail"');
  });

  test("in development the stack travels too", () => {
    bridge = make(true);
    bridge.bindCall("fail", () => {
      throw new ValueError("bad value");
    });
    call(1, "fail");
    expect(last().err!.stack).toContain("ValueError: bad value");
  });

  test("an error's own code (a string or a number) and data travel with it, as AuroraView's do", async () => {
    bridge.bindCall("save", async () => {
      throw Object.assign(new ValueError("disk full"), { code: "E_FULL", data: { free: 0, paths: ["/a"] } });
    });
    bridge.bindCall("count", () => {
      throw Object.assign(new Error("too many"), { code: 429 });
    });
    bridge.bindCall("odd", () => {
      throw Object.assign(new Error("odd"), { code: { not: "a code" } });
    });
    call(1, "save");
    await settled();
    expect(last().err).toEqual({ name: "ValueError", message: "disk full", code: "E_FULL", data: { free: 0, paths: ["/a"] } });
    call(2, "count");
    expect(last().err).toEqual({ name: "Error", message: "too many", code: 429 });
    call(3, "odd");
    expect(last().err).toEqual({ name: "Error", message: "odd" });
  });

  test("data JSON cannot carry is left out, and reported", () => {
    bridge.bindCall("fail", () => {
      throw Object.assign(new Error("bad"), { code: "E_BAD", data: { when: Number.NaN } });
    });
    call(1, "fail");
    expect(last().err).toEqual({ name: "Error", message: "bad", code: "E_BAD" });
    expect(reported.map((r) => (r.error as Error).name)).toEqual(["Error", ErrorNames.Serialization]);
    expect(reported[1].where).toContain('"fail"');
  });

  test("a thrown non-Error becomes { name: 'Error', message: String(value) }", () => {
    bridge.bindCall("fail", () => {
      throw "just a string";
    });
    call(1, "fail");
    expect(last().err).toEqual({ name: "Error", message: "just a string" });
  });

  test.each([
    ["a BigInt", () => ({ n: 1n })],
    ["a cycle", () => {
      const o: Record<string, unknown> = {};
      o.self = o;
      return o;
    }],
  ])("a result JSON cannot carry (%s) is a SerializationError", (_, make) => {
    bridge.bindCall("bad", make);
    call(1, "bad");
    const answer = last();
    expect(answer.ok).toBe(false);
    expect(answer.err!.name).toBe(ErrorNames.Serialization);
    expect(answer.err!.message).toMatch(/^the result/); // says where in the result the problem is
    expect("v" in answer).toBe(false);
  });
});

describe("async handlers", () => {
  test("the answer waits for the promise", async () => {
    let release!: (v: number) => void;
    bridge.bindCall("slow", () => new Promise<number>((resolve) => (release = resolve)));
    call(1, "slow");
    expect(sent).toEqual([]);
    release(42);
    await settled();
    expect(sent).toEqual([{ k: Msg.CallResult, id: 1, ok: true, v: 42 }]);
  });

  test("a rejection travels like a throw and is reported", async () => {
    bridge.bindCall("slow", async () => {
      throw new RangeError("later");
    });
    call(1, "slow");
    await settled();
    expect(sent).toEqual([{ k: Msg.CallResult, id: 1, ok: false, err: { name: "RangeError", message: "later" } }]);
    expect(reported).toHaveLength(1);
  });

  test("an async result JSON cannot carry is a SerializationError", async () => {
    bridge.bindCall("slow", async () => 10n);
    call(1, "slow");
    await settled();
    expect(last().err?.name).toBe(ErrorNames.Serialization);
  });
});

describe("a repeated call id (re-sent after a reconnect)", () => {
  test("is answered again from memory; the handler runs once", () => {
    let runs = 0;
    bridge.bindCall("count", () => ++runs);
    call(7, "count");
    call(7, "count");
    call(7, "count");
    expect(runs).toBe(1);
    expect(results()).toEqual([1, 2, 3].map(() => ({ k: Msg.CallResult, id: 7, ok: true, v: 1 })));
    call(8, "count");
    expect(runs).toBe(2);
    expect(last()).toEqual({ k: Msg.CallResult, id: 8, ok: true, v: 2 });
  });

  test("while the first run is still pending, the repeat waits for it: one run, one answer", async () => {
    let runs = 0;
    let release!: () => void;
    bridge.bindCall("slow", () => {
      runs++;
      return new Promise<string>((resolve) => (release = () => resolve("done")));
    });
    call(3, "slow");
    call(3, "slow");
    expect(runs).toBe(1);
    expect(sent).toEqual([]);
    release();
    await settled();
    expect(sent).toEqual([{ k: Msg.CallResult, id: 3, ok: true, v: "done" }]);
  });

  test("an error answer is remembered too", () => {
    let runs = 0;
    bridge.bindCall("fail", () => {
      runs++;
      throw new Error("once");
    });
    call(1, "fail");
    call(1, "fail");
    expect(runs).toBe(1);
    expect(results().map((r) => r.err?.message)).toEqual(["once", "once"]);
  });
});

describe("bindApi", () => {
  class Base {
    greet(name: string) {
      return `hello ${name}`;
    }
    shared() {
      return "base";
    }
  }
  class Api extends Base {
    factor = 10;
    notAFunction = "x";
    scale(n: number) {
      return n * this.factor;
    }
    override shared() {
      return "derived";
    }
    _hidden() {
      return "secret";
    }
  }

  test("binds own and inherited methods, not the constructor or _private ones, and returns their names", () => {
    const api = new Api();
    (api as unknown as Record<string, unknown>).ownFn = () => "own";
    const names = bridge.bindApi(api, "api");
    expect(names.sort()).toEqual(["greet", "ownFn", "scale", "shared"]);
    expect(bridge.namespaces!.has("api")).toBe(true);

    call(1, "api.scale", [4]);
    call(2, "api.greet", ["ann"]);
    call(3, "api.shared");
    call(4, "api.ownFn");
    expect(results().map((r) => r.v)).toEqual([40, "hello ann", "derived", "own"]);

    for (const [id, name] of [[5, "api.constructor"], [6, "api._hidden"], [7, "api.factor"], [8, "api.notAFunction"], [9, "scale"]] as const) {
      call(id, name);
      expect(last().err?.name, name).toBe(ErrorNames.NotFound);
    }
  });

  test("methods of a plain object literal are bound with `this` set to the object", () => {
    const counter = { n: 0, inc() { return ++this.n; } };
    expect(bridge.bindApi(counter, "counter")).toEqual(["inc"]);
    call(1, "counter.inc");
    call(2, "counter.inc");
    expect(results().map((r) => r.v)).toEqual([1, 2]);
    expect(counter.n).toBe(2);
  });

  test("a namespace must be an identifier", () => {
    expect(() => bridge.bindApi({ f() {} }, "not valid")).toThrow(TypeError);
    expect(() => bridge.bindApi({ f() {} }, "a.b")).toThrow(TypeError);
    expect(bridge.namespaces).toBeNull(); // nothing was bound
  });
});

describe("page events (on, dispatch)", () => {
  test("every handler of the event gets the detail; unsubscribing removes one", () => {
    const seen: string[] = [];
    const off = bridge.on("ping", (d) => void seen.push(`a:${JSON.stringify(d)}`));
    bridge.on("ping", (d) => void seen.push(`b:${JSON.stringify(d)}`));
    bridge.dispatch("ping", { n: 1 });
    off();
    bridge.dispatch("ping", 2);
    expect(seen).toEqual(['a:{"n":1}', 'b:{"n":1}', "b:2"]);
    expect(reported).toEqual([]);
    expect(sent).toEqual([]);
  });

  test("an event with no handler is reported, not thrown", () => {
    expect(() => bridge.dispatch("nobody", undefined)).not.toThrow();
    expect(String(reported[0].error)).toContain('"nobody"');
  });

  test("a throwing handler is reported and the others still run; an async rejection is reported", async () => {
    const seen: number[] = [];
    bridge.on("e", () => {
      throw new Error("first fails");
    });
    bridge.on("e", () => void seen.push(2));
    bridge.on("e", async () => {
      throw new Error("async fails");
    });
    bridge.dispatch("e", null);
    await settled();
    expect(seen).toEqual([2]);
    expect(reported.map((r) => (r.error as Error).message).sort()).toEqual(["async fails", "first fails"]);
  });
});

describe("emit", () => {
  test("builds an Emit message, with the payload only when there is one", () => {
    expect(bridge.emit("notice", { n: 1 })).toEqual({ k: Msg.Emit, s: 0, ev: "notice", p: { n: 1 } });
    expect(bridge.emit("tick", undefined)).toEqual({ k: Msg.Emit, s: 0, ev: "tick" });
    expect(bridge.emit("zero", 0)).toEqual({ k: Msg.Emit, s: 0, ev: "zero", p: 0 });
  });

  test("an empty event name is a TypeError", () => {
    expect(() => bridge.emit("", 1)).toThrow(TypeError);
  });
});

describe("regressions", () => {
  test("a result JSON would change (NaN, a Map) is a SerializationError, not a silent null or {}", async () => {
    bridge.bindCall("nan", () => NaN);
    bridge.bindCall("map", () => new Map([[1, 2]]));
    call(1, "nan");
    call(2, "map");
    await settled();
    expect(results().map((r) => [r.ok, r.err?.name])).toEqual([
      [false, "SerializationError"],
      [false, "SerializationError"],
    ]);
  });

  test("bindApi returns the names it bound also for a namespace bound before", () => {
    expect(bridge.bindApi({ x() {} }, "api")).toEqual(["x"]);
    expect(bridge.bindApi({ y() {} }, "api")).toEqual(["y"]);
  });

  test("emit refuses a payload JSON would change", () => {
    expect(() => bridge.emit("e", { n: NaN })).toThrowError(expect.objectContaining({ name: "SerializationError" }));
  });
});
