import { describe, expect, it } from "vitest";
import {
  childAt,
  childCount,
  childList,
  clearChildren,
  createComponentNode,
  createLiveNode,
  holdsStaticContent,
  setChildren,
  setOnlyChild,
  setSoleText,
  soleText,
  type LiveNode,
} from "../../src/diff/live-node.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { createVNode } from "../../src/vnode/vnode.js";
import { storedChildren } from "../support/ops-model.js";

const td = () => createVNode(VNodeFlags.Element, "td", null, {}, [], null);
const element = (): LiveNode => createLiveNode(1, td(), null);
const text = (parent: LiveNode, s: string): LiveNode => createLiveNode(2, s, parent);

describe("the two shapes of a live node", () => {
  it("are made by the two factories, the children always fourth and no getter anywhere", () => {
    const live = element();
    expect(Object.keys(live)).toEqual(["id", "vnode", "parent", "children"]);
    const component = createComponentNode(createVNode(VNodeFlags.Component, () => null, null, {}, [], null), live);
    expect(Object.keys(component)).toEqual(["id", "vnode", "parent", "children", "instance", "dirty"]);
    for (const node of [live, component]) {
      for (const d of Object.values(Object.getOwnPropertyDescriptors(node))) expect(d.get).toBeUndefined();
    }
  });
});

describe("children", () => {
  it("of a new node: none, and its content is static until it gets some (text, raw, static parts)", () => {
    const live = element();
    expect(childCount(live)).toBe(0);
    expect(childList(live)).toEqual([]);
    expect(soleText(live)).toBeNull();
    expect(holdsStaticContent(live)).toBe(true);
    expect(storedChildren(live)).toBeNull();
  });

  it("one child is kept alone, without an array of one", () => {
    const live = element();
    const a = text(live, "a");
    setChildren(live, [a]);
    expect(storedChildren(live)).toBe(a);
    expect(childCount(live)).toBe(1);
    expect(childAt(live, 0)).toBe(a);
    expect(childList(live)).toEqual([a]);
    const b = text(live, "b");
    setOnlyChild(live, b);
    expect(storedChildren(live)).toBe(b);
    expect(childAt(live, 0)).toBe(b);
    expect(holdsStaticContent(live)).toBe(false);
  });

  it("several are kept in the array given, read by index", () => {
    const live = element();
    const list = [text(live, "a"), text(live, "b"), text(live, "c")];
    setChildren(live, list);
    expect(storedChildren(live)).toBe(list);
    expect(childCount(live)).toBe(3);
    expect([childAt(live, 0), childAt(live, 1), childAt(live, 2)]).toEqual(list);
    expect(childList(live)).toBe(list);
    expect(soleText(live)).toBeNull();
  });

  it("none: one shared, frozen empty list for every node (no array each)", () => {
    const [a, b, c] = [element(), element(), element()];
    clearChildren(a);
    setChildren(b, []);
    setChildren(c, [text(c, "x")]);
    clearChildren(c);
    expect(storedChildren(a)).toEqual([]);
    expect(storedChildren(b)).toBe(storedChildren(a));
    expect(storedChildren(c)).toBe(storedChildren(a));
    expect(Object.isFrozen(storedChildren(a))).toBe(true);
    expect(childCount(a)).toBe(0);
    // No children is not static content: the element's children are diffed, there are just none.
    expect(holdsStaticContent(a)).toBe(false);
  });
});

describe("a sole text", () => {
  it("is held by the element as a string: no live child, no array", () => {
    const live = element();
    setSoleText(live, "label");
    expect(storedChildren(live)).toBe("label");
    expect(soleText(live)).toBe("label");
    expect(childCount(live)).toBe(0);
    expect(childList(live)).toEqual([]);
    expect(holdsStaticContent(live)).toBe(false);
  });

  it("can be empty text, which is still a text", () => {
    const live = element();
    setSoleText(live, "");
    expect(soleText(live)).toBe("");
  });

  it("is replaced by children, and replaces them", () => {
    const live = element();
    setSoleText(live, "a");
    const child = text(live, "a");
    setOnlyChild(live, child);
    expect(soleText(live)).toBeNull();
    expect(childAt(live, 0)).toBe(child);
    setSoleText(live, "b");
    expect(soleText(live)).toBe("b");
    expect(childCount(live)).toBe(0);
    clearChildren(live);
    expect(soleText(live)).toBeNull();
  });
});
