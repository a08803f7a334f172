import { describe, expect, test } from "vitest";
import { summarize, SUMMARY_LIMITS, type SummaryBudget } from "../../src/protocol/summarize.js";
import type { Summary, SummaryEntries } from "../../src/protocol/wire.js";

const entries = (value: Summary) => value as SummaryEntries;

describe("summarize", () => {
  test("JSON's own values stay as they are; an object lists its fields", () => {
    expect(summarize({ count: 1, name: "a", on: true, none: null })).toEqual({
      t: "Object",
      n: 4,
      e: [["count", 1], ["name", "a"], ["on", true], ["none", null]],
    });
    expect(summarize([1, "x"])).toEqual({ t: "Array", n: 2, e: [["0", 1], ["1", "x"]] });
    expect(summarize(42)).toBe(42);
  });

  test("what JSON cannot carry is shown as text: functions as ƒ name, undefined, NaN, bigint, symbols", () => {
    function inc() {}
    expect(summarize(inc)).toEqual({ x: "ƒ inc" });
    expect(summarize(() => 0)).toEqual({ x: "ƒ anonymous" });
    expect(summarize(undefined)).toEqual({ x: "undefined" });
    expect(summarize(Number.NaN)).toEqual({ x: "NaN" });
    expect(summarize(-Infinity)).toEqual({ x: "-Infinity" });
    expect(summarize(12n)).toEqual({ x: "12n" });
    expect(summarize(Symbol("s"))).toEqual({ x: "Symbol(s)" });
  });

  test("Dates, RegExps, errors, promises, URLs and binary data as text", () => {
    expect(summarize(new Date(Date.UTC(2024, 4, 1)))).toEqual({ x: "Date 2024-05-01T00:00:00.000Z" });
    expect(summarize(new Date(Number.NaN))).toEqual({ x: "Invalid Date" });
    expect(summarize(/a+/g)).toEqual({ x: "/a+/g" });
    expect(summarize(new TypeError("bad"))).toEqual({ x: "TypeError: bad" });
    expect(summarize(Promise.resolve(1))).toEqual({ x: "Promise" });
    expect(summarize(new URL("http://127.0.0.1/a"))).toEqual({ x: "URL http://127.0.0.1/a" });
    expect(summarize(new Uint8Array(3))).toEqual({ x: "Uint8Array(3 bytes)" });
    expect(summarize(new WeakMap())).toEqual({ x: "WeakMap" });
  });

  test("Maps and Sets list their entries; a Map's key is shown as text", () => {
    expect(summarize(new Map<unknown, unknown>([["a", 1], [2, "b"], [{}, 3]]))).toEqual({
      t: "Map",
      n: 3,
      e: [["a", 1], ["2", "b"], ["Object", 3]],
    });
    expect(summarize(new Set(["x", "y"]))).toEqual({ t: "Set", n: 2, e: [["0", "x"], ["1", "y"]] });
  });

  test("a class instance is named by its class; an object that inherits nothing is an Object", () => {
    class Point {
      x = 1;
    }
    expect(summarize(new Point())).toEqual({ t: "Point", n: 1, e: [["x", 1]] });
    expect(summarize(Object.assign(Object.create(null) as object, { a: 1 }))).toEqual({ t: "Object", n: 1, e: [["a", 1]] });
  });

  test("a cycle is shown where it closes; an object met twice elsewhere is shown twice", () => {
    const node: Record<string, unknown> = { name: "root" };
    node.self = node;
    expect(summarize(node)).toEqual({ t: "Object", n: 2, e: [["name", "root"], ["self", { x: "↻ cycle" }]] });
    const shared = { v: 1 };
    const twice = entries(summarize({ a: shared, b: shared }));
    expect(twice.e[0][1]).toEqual(twice.e[1][1]);
  });

  test("depth: containers deeper than the limit are cut", () => {
    const deep = { a: { b: { c: [1, 2] } } };
    expect(summarize(deep, undefined, undefined, { ...SUMMARY_LIMITS, depth: 2 })).toEqual({
      t: "Object",
      n: 1,
      e: [["a", { t: "Object", n: 1, e: [["b", { x: "Object {…}" }]] }]],
    });
    expect(summarize([[[1]]], undefined, undefined, { ...SUMMARY_LIMITS, depth: 1 })).toEqual({ t: "Array", n: 1, e: [["0", { x: "Array(1)" }]] });
  });

  test("length: a long string is cut with …, a long container lists its first entries and counts them all", () => {
    const limits = { ...SUMMARY_LIMITS, text: 5, entries: 3 };
    expect(summarize("abcdefgh", undefined, undefined, limits)).toBe("abcde…");
    const list = entries(summarize(Array.from({ length: 1000 }, (_, i) => i), undefined, undefined, limits));
    expect(list.n).toBe(1000);
    expect(list.e).toEqual([["0", 0], ["1", 1], ["2", 2]]);
    expect(entries(summarize(new Map(Array.from({ length: 10 }, (_, i) => [i, i])), undefined, undefined, limits)).e).toHaveLength(3);
  });

  test("the budget is shared: once spent, what remains is cut, so a report stays bounded", () => {
    const budget: SummaryBudget = { left: 10 };
    const first = entries(summarize(Array.from({ length: 100 }, (_, i) => ({ i })), budget));
    expect(first.n).toBe(100);
    expect(first.e.length).toBeLessThan(10);
    expect(budget.left).toBeLessThanOrEqual(0);
    // The next summary of the same report gets only a mark.
    expect(summarize({ a: 1 }, budget)).toEqual({ x: "Object {…}" });
  });

  test("a getter is shown, never run; a proxy that throws is shown as unreadable; nothing throws", () => {
    let runs = 0;
    const withGetter = Object.defineProperty({ a: 1 }, "b", { enumerable: true, get: () => ++runs });
    expect(summarize(withGetter)).toEqual({ t: "Object", n: 2, e: [["a", 1], ["b", { x: "get" }]] });
    expect(runs).toBe(0);
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error("no"); }, getPrototypeOf: () => Object.prototype });
    expect(summarize({ hostile })).toEqual({ t: "Object", n: 1, e: [["hostile", { x: "(unreadable)" }]] });
  });

  test("the caller names the objects it knows better", () => {
    const vnode = { tag: "li" };
    expect(summarize({ child: vnode }, undefined, (v) => (v === vnode ? "<li>" : undefined))).toEqual({ t: "Object", n: 1, e: [["child", { x: "<li>" }]] });
  });

  test("the summary is JSON: it survives a round trip unchanged", () => {
    const state = { when: new Date(0), tags: new Set(["a"]), by: new Map([["k", [1, 2]]]), f() {}, n: undefined };
    const summary = summarize(state);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});
