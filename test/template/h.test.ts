import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { h } from "../../src/template/h.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { Fragment, HOLE, type VNode } from "../../src/vnode/vnode.js";
import { keysSeen } from "../support/keys.js";
import { LiveSession } from "../../src/session/live-session.js";

const { Element, Static, StaticProps } = VNodeFlags;

class Counter extends Component {
  render() {
    return null;
  }
}
const Label = (props: { text: string }) => props.text;

describe("h: elements", () => {
  it("builds an element vnode with normalized children", () => {
    const v = h("p", { id: "a" }, "x", 1, null, false, true, undefined, h("b", null));
    expect(v.flags).toBe(Element);
    expect(v.type).toBe("p");
    expect(v.key).toBeNull();
    expect(v.props).toEqual({ id: "a" });
    // null, false, true and undefined keep their places as holes, so siblings keep their positions.
    expect(v.children).toHaveLength(7);
    expect(v.children.slice(0, 2)).toEqual(["x", "1"]);
    expect(v.children.slice(2, 6)).toEqual([HOLE, HOLE, HOLE, HOLE]);
    expect((v.children[6] as VNode).type).toBe("b");
  });

  it("takes `key` out of the props, keeping numbers and strings as given", () => {
    const a = h("li", { key: "a", class: "x" });
    expect(a.key).toBe("a");
    expect(a.props).toEqual({ class: "x" });
    expect(h("li", { key: 0 }).key).toBe(0);
    expect(h("li", { key: null }).key).toBeNull();
  });

  it("drops `children` and `ref` props and resolves React-style aliases", () => {
    const v = h("label", { className: "c", htmlFor: "f", ref: {}, children: "ignored" });
    expect(v.props).toEqual({ class: "c", for: "f" });
  });

  it("gives an element without props one shared empty props object", () => {
    const a = h("br", null);
    const b = h("hr", null);
    expect(a.props).toEqual({});
    expect(a.props).toBe(b.props);
    expect(Object.isFrozen(a.props)).toBe(true);
  });

  it("passes SVG elements and their camelCase attributes through unchanged", () => {
    const v = h("svg", { viewBox: "0 0 10 10", "xmlns:xlink": "http://www.w3.org/1999/xlink" }, h("path", { d: "M0 0L10 10", strokeWidth: 2 }));
    expect(v.type).toBe("svg");
    expect(v.props).toEqual({ viewBox: "0 0 10 10", "xmlns:xlink": "http://www.w3.org/1999/xlink" });
    const path = v.children[0] as VNode;
    expect(path.type).toBe("path");
    expect(path.props).toEqual({ d: "M0 0L10 10", strokeWidth: 2 });
  });

  it("keeps boolean, number and null attribute values for the encoder to decide", () => {
    const v = h("input", { disabled: true, hidden: false, tabindex: 0, title: null });
    expect(v.props).toEqual({ disabled: true, hidden: false, tabindex: 0, title: null });
  });

  it("turns an array among children into a Fragment vnode, keeping keys of its items", () => {
    const v = h("ul", null, "head", [h("li", { key: 1 }), h("li", { key: 2 })], "tail");
    expect(v.children).toHaveLength(3);
    const list = v.children[1] as VNode;
    expect(list.flags).toBe(VNodeFlags.Fragment);
    expect(list.children.map((c) => (c as VNode).key)).toEqual([1, 2]);
  });

  it("leaves an absent class or style absent, in the HTML too", () => {
    const html = (v: VNode) => new LiveSession("/", v).toHtml();
    expect(html(h("div", { class: undefined, style: null, title: "t" }))).toBe('<div title="t"></div>');
    expect(html(h("p", { class: false, style: undefined }))).toBe("<p></p>");
  });

  it("normalizes class and style objects to strings", () => {
    const v = h("div", { class: { a: true, b: false, c: 1 }, style: { marginTop: 4, opacity: 0.5 } });
    expect(v.props).toEqual({ class: "a c", style: "margin-top:4px;opacity:0.5" });
  });

  it("blocks javascript: URLs and refuses string event handlers", () => {
    expect(h("a", { href: "javascript:alert(1)" }).props.href).toBe("about:blank#blocked");
    expect(() => h("button", { onclick: "alert(1)" })).toThrow(TypeError);
  });

  it("refuses an empty or non-string type with a TypeError", () => {
    expect(() => h("", null)).toThrow(TypeError);
    expect(() => h(42 as never, null)).toThrow(/must be a tag name, a component or Fragment/);
    expect(() => h(undefined as never, null)).toThrow(TypeError);
  });
});

describe("h: props are own keys, in objects that inherit nothing", () => {
  it("reads only the given props' own keys: inherited ones were never checked", () => {
    const props = Object.assign(Object.create({ onclick: "alert(1)", href: "javascript:alert(1)" }) as object, { id: "x" });
    expect(keysSeen(h("a", props).props)).toEqual(["id"]);
  });

  it("gives element props a prototype chain without keys: Object.prototype is not in it", () => {
    const v = h("a", { id: "x" });
    expect(Object.getPrototypeOf(Object.getPrototypeOf(v.props))).toBeNull();
    expect(Object.isFrozen(Object.getPrototypeOf(v.props))).toBe(true);
    expect("toString" in v.props).toBe(false);
    expect(Object.getPrototypeOf(h("br", null).props)).toBe(Object.getPrototypeOf(v.props)); // the shared empty props too
  });

  it("is not misled by a polluted Object.prototype", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.onmouseover = "alert(1)";
    try {
      expect(keysSeen(h("p", { id: "x" }).props)).toEqual(["id"]);
    } finally {
      delete proto.onmouseover;
    }
  });
});

describe("h: static flags", () => {
  // htm calls h with `this` = the template site's operation list; bit 1 = dynamic tag/props, bit 2 = dynamic children.
  const site = (bits: number): unknown[] => [bits, 3, 0, "p"];

  it("marks nothing static when called directly (no template site)", () => {
    const v = h("p", null, "x");
    expect(v.flags & (Static | StaticProps)).toBe(0);
    expect(v.site).toBeNull();
  });

  it("marks a fully static site Static | StaticProps and records the site", () => {
    const ops = site(0);
    const v = h.call(ops, "p", null, "x");
    expect(v.flags).toBe(Element | Static | StaticProps);
    expect(v.site).toBe(ops);
  });

  it("marks StaticProps only when only the children are dynamic", () => {
    expect(h.call(site(2), "p", null, "x").flags).toBe(Element | StaticProps);
  });

  it("marks neither when the props are dynamic; static children when only the props are", () => {
    expect(h.call(site(1), "p", null).flags).toBe(Element | VNodeFlags.StaticChildren);
    expect(h.call(site(3), "p", null).flags).toBe(Element);
    // Without a site (JSX, h called by hand) nothing says the children are template text.
    expect(h("p", { id: "x" }, "text").flags).toBe(Element);
  });
});

describe("h: fragments", () => {
  it("builds a Fragment vnode from the Fragment marker, keeping its key", () => {
    const v = h(Fragment, { key: "f" }, "a", ["b"]);
    expect(v.flags).toBe(VNodeFlags.Fragment);
    expect(v.type).toBeNull();
    expect(v.key).toBe("f");
    expect(v.children[0]).toBe("a");
    expect((v.children[1] as VNode).flags).toBe(VNodeFlags.Fragment);
  });
});

describe("h: components", () => {
  it("detects class components by their render method", () => {
    const v = h(Counter, { start: 1 });
    expect(v.flags).toBe(VNodeFlags.Component | VNodeFlags.ClassComponent);
    expect(v.type).toBe(Counter);
    expect(v.children).toHaveLength(0);
  });

  it("marks function components without the class bit", () => {
    expect(h(Label, { text: "x" }).flags).toBe(VNodeFlags.Component);
  });

  it("passes props through untouched, except key, which becomes the vnode's key", () => {
    const onSave = () => {};
    const v = h(Label, { key: "k", text: "x", className: "c", onSave, style: { a: 1 } });
    expect(v.key).toBe("k");
    expect(v.props).toEqual({ text: "x", className: "c", onSave, style: { a: 1 } });
  });

  it("passes one child as props.children itself, several as an array, none as no prop", () => {
    const child = h("b", null);
    expect(h(Label, null, child).props.children).toBe(child);
    expect(h(Label, null, "a", "b").props.children).toEqual(["a", "b"]);
    expect("children" in h(Label, null).props).toBe(false);
  });

  it("does not normalize a component's children (the component decides what to do with them)", () => {
    const list = [1, null, "x"];
    expect(h(Label, null, list).props.children).toBe(list);
  });
});

describe("functions are handlers in on… props only", () => {
  it("keeps a function in an on… prop spelled in any case", () => {
    const f = () => {};
    expect(h("button", { ONCLICK: f }).props.ONCLICK).toBe(f);
    expect(h("button", { OnClick: f }).props.OnClick).toBe(f);
  });

  it("refuses a function in any other prop, naming it: its source would be script in the page", () => {
    function onSave() {}
    expect(() => h("a", { title: onSave })).toThrow(TypeError);
    expect(() => h("a", { title: onSave })).toThrow("<a title=${onSave}> is refused: only on… props take functions");
    expect(() => h("a", { href: () => "x" })).toThrow(TypeError);
    expect(() => h("input", { value: () => "x" })).toThrow(TypeError);
    expect(() => h("p", { style: () => "x" })).toThrow(TypeError);
  });

  it("leaves components' props alone: a component decides what a function means", () => {
    const render = () => "x";
    expect(h(Label, { text: "t", render } as never).props.render).toBe(render);
  });
});

describe("refusals are case-insensitive and type-independent", () => {
  it("blocks javascript: URLs given as URL objects or in upper-case attribute names", () => {
    expect(h("a", { href: new URL("javascript:alert(1)") }).props.href).toBe("about:blank#blocked");
    expect(h("a", { HREF: "javascript:alert(1)" }).props.HREF).toBe("about:blank#blocked");
    expect(h("button", { formAction: "javascript:alert(1)" }).props.formAction).toBe("about:blank#blocked");
  });

  it("refuses string handlers in any case", () => {
    expect(() => h("button", { ONCLICK: "alert(1)" })).toThrow(TypeError);
  });
});
