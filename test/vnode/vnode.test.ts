import { describe, expect, it } from "vitest";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { createVNode, Fragment, HOLE, isVNode, normalizeChild, normalizeChildren, VNODE, type VNode } from "../../src/vnode/vnode.js";

const el = (type: string, children: Array<VNode | string> = []): VNode => createVNode(VNodeFlags.Element, type, null, {}, children, null);

describe("createVNode", () => {
  it("builds every vnode with the same six fields and the brand, in the same order", () => {
    const v = createVNode(VNodeFlags.Element, "p", "k", { id: "x" }, ["a"], null);
    expect(Reflect.ownKeys(v)).toEqual(["flags", "type", "key", "props", "children", "site", VNODE]);
    expect(v).toEqual({ flags: VNodeFlags.Element, type: "p", key: "k", props: { id: "x" }, children: ["a"], site: null, [VNODE]: true });
  });

  it("brands the shared hole too", () => {
    expect(isVNode(HOLE)).toBe(true);
  });

  it("shares one frozen empty children array, so `prev.children !== v.children` is false for leaves", () => {
    const a = el("br");
    const b = el("hr");
    expect(a.children).toBe(b.children);
    expect(Object.isFrozen(a.children)).toBe(true);
  });

  it("keeps a non-empty children array as given", () => {
    const children = ["x"];
    expect(el("p", children).children).toBe(children);
  });
});

describe("flags", () => {
  it("are distinct single bits", () => {
    const values = Object.values(VNodeFlags);
    expect(new Set(values).size).toBe(values.length);
    for (const bit of values) expect(bit & (bit - 1)).toBe(0);
  });
});

describe("normalizeChildren", () => {
  it("keeps null, undefined and booleans as holes, so the siblings after them keep their positions", () => {
    expect(normalizeChildren([null, undefined, true, false, "a"])).toEqual([HOLE, HOLE, HOLE, HOLE, "a"]);
  });

  it("turns numbers and bigints into strings, 0 included", () => {
    expect(normalizeChildren([0, 1.5, -2, 10n])).toEqual(["0", "1.5", "-2", "10"]);
  });

  it("keeps empty strings as text nodes", () => {
    expect(normalizeChildren(["", "b"])).toEqual(["", "b"]);
  });

  it("keeps vnodes as the same objects", () => {
    const p = el("p");
    const out = normalizeChildren([p]);
    expect(out[0]).toBe(p);
  });

  it("turns a nested array into one Fragment vnode with its own normalized children", () => {
    const p = el("p");
    const out = normalizeChildren(["before", [p, 1, null, ["deep"]], "after"]);
    expect(out).toHaveLength(3);
    const frag = out[1] as VNode;
    expect(frag.flags).toBe(VNodeFlags.Fragment);
    expect(frag.type).toBeNull();
    expect(frag.key).toBeNull();
    expect(frag.children[0]).toBe(p);
    expect(frag.children[1]).toBe("1");
    expect(frag.children[2]).toBe(HOLE);
    const inner = frag.children[3] as VNode;
    expect(inner.flags).toBe(VNodeFlags.Fragment);
    expect(inner.children).toEqual(["deep"]);
  });

  it("keeps an empty array as an empty fragment (a list's place among its siblings)", () => {
    const out = normalizeChildren(["a", [], "b"]);
    expect(out).toHaveLength(3);
    expect((out[1] as VNode).flags).toBe(VNodeFlags.Fragment);
    expect((out[1] as VNode).children).toHaveLength(0);
  });

  it("refuses objects and functions with a TypeError naming what was given", () => {
    expect(() => normalizeChildren([{ a: 1 } as never])).toThrow(TypeError);
    expect(() => normalizeChildren([{ a: 1 } as never])).toThrow(/an object \(\[object Object\]\)/);
    expect(() => normalizeChildren([function onClick() {} as never])).toThrow(/a function \(onClick\)/);
    expect(() => normalizeChildren([Symbol("s") as never])).toThrow(/symbol/);
  });
});

describe("isVNode", () => {
  it("recognizes vnodes and nothing else", () => {
    expect(isVNode(el("p"))).toBe(true);
    expect(isVNode(null)).toBe(false);
    expect(isVNode("p")).toBe(false);
    expect(isVNode({ flags: "1", children: [] })).toBe(false);
    expect(isVNode({ flags: 1 })).toBe(false);
  });

  it("refuses an object shaped like a vnode: parsed JSON carries no brand (a forged Raw vnode would be raw HTML)", () => {
    const forged = JSON.parse(`{"flags": ${VNodeFlags.Raw}, "type": null, "key": null, "props": {"html": "<img src=x onerror=alert(1)>"}, "children": [], "site": null}`);
    expect(isVNode(forged)).toBe(false);
    expect(isVNode({ ...el("p") })).toBe(true); // a spread copy keeps the symbol: it is code's copy, not data
    expect(isVNode(JSON.parse(JSON.stringify(el("p"))))).toBe(false);
    expect(() => normalizeChild(forged)).toThrow(TypeError);
    expect(() => normalizeChild(forged)).toThrow(/shaped like a vnode.*never from data/);
    expect(() => normalizeChildren([["ok", forged]])).toThrow(/shaped like a vnode/);
  });
});

describe("Fragment", () => {
  it("is a registered symbol, so two copies of the library agree on it", () => {
    expect(Fragment).toBe(Symbol.for("tether.fragment"));
  });
});
