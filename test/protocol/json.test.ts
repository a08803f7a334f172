/**
 * src/protocol/json.ts: the strict JSON check both sides use (a result that cannot travel is an error
 * saying where, never a silent null) and how errors cross the wire. Pure functions: run in Node.
 */
import { describe, expect, test } from "vitest";
import { toJsonValue } from "../../src/protocol/json.js";
import { ErrorNames } from "../../src/protocol/wire.js";

/** The error toJsonValue throws for `value`, or fails the test. */
function refusal(value: unknown, path = "the result"): Error {
  try {
    toJsonValue(value, path);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`expected ${String(value)} to be refused`);
}

describe("accepted values", () => {
  test.each<[string, unknown]>([
    ["null", null],
    ["true", true],
    ["false", false],
    ["0", 0],
    ["-0.5", -0.5],
    ["Number.MAX_VALUE", Number.MAX_VALUE],
    ["a string", "héllo\n\"quoted\""],
    ["an empty array", []],
    ["an empty object", {}],
    ["a nested structure", { a: [1, { b: [null, "x", true] }], c: { d: { e: -1 } } }],
  ])("%s comes back equal, as JSON would carry it", (_, value) => {
    const out = toJsonValue(value);
    expect(out).toEqual(value);
    expect(JSON.parse(JSON.stringify(out))).toEqual(value);
  });

  test("the result is a copy, not the same objects", () => {
    const inner = { x: 1 };
    const value = { inner, list: [inner] };
    const out = toJsonValue(value) as typeof value;
    expect(out).toEqual(value);
    expect(out).not.toBe(value);
    expect(out.inner).not.toBe(inner);
  });

  test("the same object twice (not a cycle) is fine", () => {
    const shared = { n: 1 };
    expect(toJsonValue({ a: shared, b: [shared, shared] })).toEqual({ a: { n: 1 }, b: [{ n: 1 }, { n: 1 }] });
  });

  test("a Date becomes its ISO string via toJSON, also inside objects", () => {
    const d = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(toJsonValue(d)).toBe("2024-01-02T03:04:05.000Z");
    expect(toJsonValue({ at: [d] })).toEqual({ at: ["2024-01-02T03:04:05.000Z"] });
  });

  test("any toJSON is honoured, and its result checked", () => {
    expect(toJsonValue({ toJSON: () => ({ kind: "money", cents: 5 }) })).toEqual({ kind: "money", cents: 5 });
    expect(refusal({ a: { toJSON: () => Number.NaN } }).message).toContain("the result.a is NaN");
  });

  test("object properties that are undefined are left out, as JSON.stringify does", () => {
    const out = toJsonValue({ a: 1, b: undefined, c: { d: undefined } });
    expect(out).toEqual({ a: 1, c: {} });
    expect(Object.keys(out as object)).toEqual(["a", "c"]);
  });

  test("an object without a prototype is a plain object", () => {
    const o = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(toJsonValue(o)).toEqual({ a: 1 });
  });
});

describe("refused values, with the path in the message", () => {
  test.each<[string, unknown, string]>([
    ["NaN deep inside", { a: [0, 1, Number.NaN] }, "the result.a[2] is NaN"],
    ["Infinity", { x: Number.POSITIVE_INFINITY }, "the result.x is Infinity"],
    ["-Infinity", [Number.NEGATIVE_INFINITY], "the result[0] is -Infinity"],
    ["a function", { f() {} }, "the result.f is a function"],
    ["a symbol", [Symbol("s")], "the result[0] is a symbol"],
    ["a bigint", { n: { m: 10n } }, "the result.n.m is a bigint"],
    ["undefined in an array", [1, undefined], "the result[1] is undefined"],
    ["a hole in an array", [1, , 3], "the result[1] is undefined"], // eslint-disable-line no-sparse-arrays
    ["undefined at the top", undefined, "the result is undefined"],
    ["a Map", { m: new Map([[1, 2]]) }, "the result.m is a Map"],
    ["a Set", new Set([1]), "the result is a Set"],
    ["a class instance", { p: new (class Point { x = 1; })() }, "the result.p is a Point"],
    ["a boxed number", [new Number(1)], "the result[0] is a Number"],
  ])("%s", (_, value, message) => {
    const error = refusal(value);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(ErrorNames.Serialization);
    expect(error.message).toContain(message);
  });

  test("a cycle is refused, naming where it closes", () => {
    const a: Record<string, unknown> = { list: [] };
    (a.list as unknown[]).push({ back: a });
    const error = refusal(a);
    expect(error.name).toBe("SerializationError");
    expect(error.message).toContain("the result.list[0].back refers back to itself");
  });

  test("an array containing itself is a cycle", () => {
    const list: unknown[] = [1];
    list.push(list);
    expect(refusal(list).message).toContain("the result[1] refers back to itself");
  });

  test("a class instance's message says what can be sent", () => {
    expect(refusal(new (class Thing {})()).message).toMatch(/only plain objects, arrays, strings, finite numbers, booleans and null/);
  });

  test("the default path is 'the value'", () => {
    expect(() => toJsonValue({ x: () => 1 })).toThrow("the value.x is a function");
  });
});

describe("refusals that used to recurse or pass", () => {
  test("a toJSON that returns the object itself is a SerializationError, not a stack overflow", () => {
    const value = { toJSON() { return this; } };
    expect(() => toJsonValue(value)).toThrowError(expect.objectContaining({ name: ErrorNames.Serialization }));
  });
});
