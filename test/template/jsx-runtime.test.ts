import { describe, expect, it } from "vitest";
import { keysSeen } from "../support/keys.js";
import { Component } from "../../src/component/component.js";
import { h } from "../../src/template/h.js";
import { Fragment, jsx, jsxDEV, jsxs } from "../../src/template/jsx-runtime.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { Fragment as VNodeFragment, HOLE, type VNode } from "../../src/vnode/vnode.js";

/** A vnode without its template site, for comparing JSX output with `h` output. */
function shape(v: VNode | string): unknown {
  if (typeof v === "string") return v;
  return { flags: v.flags, type: v.type, key: v.key, props: v.props, children: v.children.map(shape) };
}

describe("jsx", () => {
  it("exports jsxDEV as jsx, and the vnode Fragment marker", () => {
    expect(jsxDEV).toBe(jsx);
    expect(Fragment).toBe(VNodeFragment);
  });

  it("keeps a single array child as an array (jsx), as html does", () => {
    const List = (props: { children?: unknown }) => String(props.children);
    const item = jsx("li", { children: "one" });
    expect(jsx(List, { children: [item] }).props.children).toEqual([item]);
    expect(jsx(List, { children: [] }).props.children).toEqual([]);
    // jsxs: the array is the list of children.
    expect(jsxs(List, { children: [item, item] }).props.children).toEqual([item, item]);
  });

  it("builds an element from a single child in props.children", () => {
    const v = jsx("p", { id: "a", children: "text" });
    expect(shape(v)).toEqual({ flags: VNodeFlags.Element, type: "p", key: null, props: { id: "a" }, children: ["text"] });
  });

  it("builds an element from several children (the jsxs form)", () => {
    const v = jsxs("p", { children: ["a", jsx("b", { children: 1 }), null, false, "c"] });
    expect(v.children).toHaveLength(5);
    expect(v.children[0]).toBe("a");
    expect((v.children[1] as VNode).children).toEqual(["1"]);
    expect(v.children.slice(2, 4)).toEqual([HOLE, HOLE]);
    expect(v.children[4]).toBe("c");
  });

  it("builds an element without children from props without a children field", () => {
    const v = jsx("br", {});
    expect(v.children).toHaveLength(0);
    expect(v.props).toEqual({});
  });

  it("takes the key from the third argument, never into props", () => {
    const v = jsx("li", { class: "row", children: "x" }, "k1");
    expect(v.key).toBe("k1");
    expect(v.props).toEqual({ class: "row" });
    expect(jsx("li", {}, 0).key).toBe(0);
    expect(jsx("li", {}).key).toBeNull();
  });

  it("never marks anything static: JSX has no template sites", () => {
    const v = jsx("div", { class: "const", children: jsx("b", { children: "const" }) });
    expect(v.flags).toBe(VNodeFlags.Element);
    expect((v.children[0] as VNode).flags).toBe(VNodeFlags.Element);
    expect(v.site).toBeNull();
  });

  it("builds fragments, with nested arrays as fragments inside", () => {
    const v = jsxs(Fragment, { children: ["a", ["b", "c"]] }, "f");
    expect(v.flags).toBe(VNodeFlags.Fragment);
    expect(v.key).toBe("f");
    expect(v.children[0]).toBe("a");
    expect((v.children[1] as VNode).flags).toBe(VNodeFlags.Fragment);
    expect((v.children[1] as VNode).children).toEqual(["b", "c"]);
  });

  it("keeps an array among several children as its own fragment, so its keys have their own space", () => {
    const rows = [jsx("li", {}, "a"), jsx("li", {}, "b")];
    const v = jsxs("ul", { children: [jsx("li", { children: "head" }), rows] });
    expect(v.children).toHaveLength(2);
    const list = v.children[1] as VNode;
    expect(list.flags).toBe(VNodeFlags.Fragment);
    expect(list.children.map((c) => (c as VNode).key)).toEqual(["a", "b"]);
  });

  it("builds class components with their props and children", () => {
    class Card extends Component<{ title: string }> {
      render() {
        return null;
      }
    }
    const body = jsx("p", { children: "body" });
    const v = jsx(Card, { title: "T", children: body }, "c");
    expect(v.flags).toBe(VNodeFlags.Component | VNodeFlags.ClassComponent);
    expect(v.key).toBe("c");
    expect(v.props).toEqual({ title: "T", children: body });
  });

  it("builds function components with props untouched (no class/style normalization)", () => {
    const Label = (p: { style: unknown }) => String(p.style);
    const style = { color: "red" };
    const v = jsx(Label, { style });
    expect(v.flags).toBe(VNodeFlags.Component);
    expect(v.props.style).toBe(style);
  });

  it("normalizes attributes exactly as h does", () => {
    const v = jsx("a", { className: { on: true, off: false }, htmlFor: "x", style: { fontSize: 12 }, href: "javascript:x" });
    expect(v.props).toEqual({ class: "on", for: "x", style: "font-size:12px", href: "about:blank#blocked" });
    expect(() => jsx("button", { onClick: "go()" })).toThrow(TypeError);
    const onClick = () => {};
    expect(jsx("button", { onClick }).props.onClick).toBe(onClick);
  });

  it("reads props as own keys, with children or without: inherited ones were never checked", () => {
    const inherited = () => Object.assign(Object.create({ onclick: "alert(1)", href: "javascript:alert(1)" }) as object, { id: "x" });
    expect(keysSeen(jsx("a", inherited()).props)).toEqual(["id"]);
    expect(keysSeen(jsx("a", Object.assign(inherited(), { children: "c" })).props)).toEqual(["id"]);
    expect(keysSeen(jsx("a", inherited(), "k").props)).toEqual(["id"]);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(jsx("a", { id: "y" }).props))).toBeNull();
  });

  it("does not mutate the props object it is given", () => {
    const props = { id: "x", children: "c" };
    jsx("p", props, "k");
    expect(props).toEqual({ id: "x", children: "c" });
  });

  it("produces the same tree as h for the same markup", () => {
    const fromJsx = jsxs("ul", {
      class: ["list", { empty: false }],
      children: [jsx("li", { children: "first" }), [jsx("li", { children: "a" }, "a"), jsx("li", { children: 2 }, "b")], "tail"],
    });
    const fromH = h("ul", { class: ["list", { empty: false }] }, h("li", null, "first"), [h("li", { key: "a" }, "a"), h("li", { key: "b" }, 2)], "tail");
    expect(shape(fromJsx)).toEqual(shape(fromH));
  });
});
