import { describe, expect, it } from "vitest";
import { keysSeen } from "../support/keys.js";
import { Component } from "../../src/component/component.js";
import { html } from "../../src/template/html.js";
import { raw } from "../../src/template/raw.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { HOLE, type VNode } from "../../src/vnode/vnode.js";

const { Element, Static, StaticProps, Fragment, Raw } = VNodeFlags;
const vnode = (x: unknown): VNode => x as VNode;

describe("html: identity of static parts (the cache the diff relies on)", () => {
  const card = (title: string) => vnode(html`<section class="card"><h2>Title</h2><p>${title}</p><footer><a href="/more">more</a></footer></section>`);

  it("returns the identical vnode for a fully static subtree on every evaluation", () => {
    const a = card("one");
    const b = card("two");
    expect(a).not.toBe(b);
    expect(b.children[0]).toBe(a.children[0]); // <h2>Title</h2>
    expect(b.children[2]).toBe(a.children[2]); // <footer>…</footer>
    expect((b.children[2] as VNode).children[0]).toBe((a.children[2] as VNode).children[0]);
  });

  it("flags the static subtrees Static | StaticProps, all the way down", () => {
    const footer = vnode(card("x").children[2]);
    expect(footer.flags).toBe(Element | Static | StaticProps);
    expect(vnode(footer.children[0]).flags).toBe(Element | Static | StaticProps);
  });

  it("returns the identical vnode for a template with no hole at all", () => {
    const logo = () => html`<div class="logo"><b>T</b></div>`;
    const first = logo();
    expect(logo()).toBe(first);
    expect(vnode(first).flags & Static).toBe(Static);
  });

  it("gives an element whose only holes are in its children StaticProps, not Static", () => {
    const a = card("one");
    const b = card("two");
    expect(a.flags).toBe(Element | StaticProps);
    expect(vnode(a.children[1]).flags).toBe(Element | StaticProps); // <p>${title}</p>
    expect(b.site).toBe(a.site); // same template site: the diff may skip comparing props
    expect(vnode(b.children[1]).site).toBe(vnode(a.children[1]).site);
    expect(a.props).toEqual({ class: "card" });
  });

  it("gives an element with a dynamic prop no static-props flag, and static children when its children are template text", () => {
    const item = (cls: string) => vnode(html`<li class=${cls}>static text</li>`);
    const v = item("a");
    expect(v.flags).toBe(Element | VNodeFlags.StaticChildren);
    expect(item("b").props).toEqual({ class: "b" });
    expect(vnode(html`<li class=${"a"}>${"hole"}</li>`).flags).toBe(Element);
  });

  it("does not share vnodes between two template sites with the same text", () => {
    const a = html`<b>same</b>`;
    const b = html`<b>same</b>`;
    expect(a).not.toBe(b);
    expect(a).toEqual(b); // equal shape, distinct sites and objects
  });

  it("builds a new vnode for each item of a mapped template", () => {
    const rows = ["a", "b"].map((t) => vnode(html`<li>${t}</li>`));
    expect(rows[0]).not.toBe(rows[1]);
    expect(rows[0].site).toBe(rows[1].site);
  });
});

describe("html: structure", () => {
  it("returns an array for several top-level nodes and a string for text alone", () => {
    const many = html`<dt>a</dt><dd>b</dd>`;
    expect(Array.isArray(many)).toBe(true);
    expect((many as VNode[]).map((v) => v.type)).toEqual(["dt", "dd"]);
    expect(html`just text`).toBe("just text");
  });

  it("turns an interpolated array into one Fragment child between its siblings", () => {
    const items = ["x", "y"].map((k) => html`<li key=${k}>${k}</li>`);
    const v = vnode(html`<ul><li>first</li>${items}<li>last</li></ul>`);
    expect(v.children).toHaveLength(3);
    const list = vnode(v.children[1]);
    expect(list.flags).toBe(Fragment);
    expect(list.children.map((c) => vnode(c).key)).toEqual(["x", "y"]);
  });

  it("reads keys from static and dynamic key attributes and leaves them out of props", () => {
    const id = 7;
    const a = vnode(html`<li key="k">a</li>`);
    const b = vnode(html`<li key=${id} id="b">b</li>`);
    expect(a.key).toBe("k");
    expect(a.props).toEqual({});
    expect(b.key).toBe(7);
    expect(b.props).toEqual({ id: "b" });
  });

  it("renders boolean, number and nullish holes as children the way normalizeChildren does", () => {
    const v = vnode(html`<p>${true}${false}${null}${undefined}${0}${3.5}${"s"}</p>`);
    expect(v.children).toEqual([HOLE, HOLE, HOLE, HOLE, "0", "3.5", "s"]);
  });

  it("trims whitespace that spans lines but keeps inline spaces", () => {
    const v = vnode(html`
      <p>
        a <b>b</b> c
      </p>
    `);
    expect(v.children[0]).toBe("a ");
    expect(v.children[2]).toBe(" c");
  });

  it("passes SVG through with its camelCase attributes", () => {
    const r = 4;
    const v = vnode(html`<svg viewBox="0 0 10 10"><circle cx="5" cy="5" r=${r} /><path d="M0 0" /></svg>`);
    expect(v.type).toBe("svg");
    expect(v.props).toEqual({ viewBox: "0 0 10 10" });
    expect(vnode(v.children[0]).props).toEqual({ cx: "5", cy: "5", r: 4 });
    expect(vnode(v.children[1]).flags & Static).toBe(Static);
  });

  it("gives a bare attribute the value true and keeps an interpolated false", () => {
    const off = false;
    const v = vnode(html`<input type="checkbox" disabled checked=${off} />`);
    expect(v.props).toEqual({ type: "checkbox", disabled: true, checked: false });
  });

  it("concatenates an attribute made of text and holes into one string", () => {
    const size = "lg";
    const v = vnode(html`<button class="btn btn-${size}" data-n="${1}${2}">x</button>`);
    expect(v.props).toEqual({ class: "btn btn-lg", "data-n": "12" });
  });

  it("spreads an object of props and normalizes it like the rest", () => {
    const extra = { className: ["a", { b: true }], style: { width: 10 }, title: "t" };
    const v = vnode(html`<div id="d" ...${extra} />`);
    expect(v.props).toEqual({ id: "d", class: "a b", style: "width:10px", title: "t" });
  });

  it("builds components from <${C}> with props and children, closed with <//>", () => {
    class Panel extends Component<{ title: string }> {
      render() {
        return null;
      }
    }
    const v = vnode(html`<${Panel} key="p" title=${"T"}><b>kid</b><//>`);
    expect(v.flags).toBe(VNodeFlags.Component | VNodeFlags.ClassComponent);
    expect(v.type).toBe(Panel);
    expect(v.key).toBe("p");
    expect(v.props.title).toBe("T");
    expect(vnode(v.props.children).type).toBe("b");
  });

  it("keeps function event handlers as props", () => {
    const onClick = () => {};
    const v = vnode(html`<button onClick=${onClick}>+</button>`);
    expect(v.props.onClick).toBe(onClick);
  });

  it("embeds raw() HTML as a Raw vnode child", () => {
    const v = vnode(html`<div>${raw("<em>trusted</em>")}</div>`);
    const r = vnode(v.children[0]);
    expect(r.flags).toBe(Raw);
    expect(r.props).toEqual({ html: "<em>trusted</em>" });
  });
});

describe("html: attribute safety", () => {
  it("replaces javascript: URLs, whether written in the template, interpolated or concatenated", () => {
    const url = "javascript:alert(1)";
    expect(vnode(html`<a href="javascript:alert(1)">a</a>`).props.href).toBe("about:blank#blocked");
    expect(vnode(html`<a href=${url}>a</a>`).props.href).toBe("about:blank#blocked");
    expect(vnode(html`<img src="java${"script"}:x" />`).props.src).toBe("about:blank#blocked");
    expect(vnode(html`<a href=${"/safe?javascript:"}>a</a>`).props.href).toBe("/safe?javascript:");
  });

  it("refuses a string event handler with a TypeError, static or interpolated", () => {
    expect(() => html`<a onclick="alert(1)">a</a>`).toThrow(TypeError);
    expect(() => html`<a onClick=${"alert(1)"}>a</a>`).toThrow(/event handlers must be server functions/);
  });

  it("reads spread props as own keys: a JSON __proto__ key brings no keys that were never checked", () => {
    const json = JSON.parse(`{"__proto__": {"onclick": "alert(1)", "href": "javascript:alert(1)"}, "title": "t"}`);
    const v = vnode(html`<a id="a" ...${json}>x</a>`);
    expect(keysSeen(v.props)).toEqual(["id", "title"]);
    expect(Object.getPrototypeOf(Object.getPrototypeOf(v.props))).toBeNull();
  });

  it("gives the props of every kind of element site objects that inherit nothing", () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.onmouseover = "alert(1)";
    try {
      const dynamic = vnode(html`<p id=${"x"} onClick=${() => {}}>a</p>`);
      const constant = vnode(html`<p id="y">${"b"}</p>`);
      const tag = vnode(html`<${"p"} id=${"z"}>c<//>`);
      expect(keysSeen(dynamic.props)).toEqual(["id", "onClick"]);
      expect(keysSeen(constant.props)).toEqual(["id"]);
      expect(keysSeen(tag.props)).toEqual(["id"]);
      for (const v of [dynamic, constant, tag]) expect(Object.getPrototypeOf(Object.getPrototypeOf(v.props))).toBeNull();
    } finally {
      delete proto.onmouseover;
    }
  });

  it("leaves text that looks like markup as text (the encoder escapes it)", () => {
    const v = vnode(html`<p>${"<script>alert(1)</script>"}</p>`);
    expect(v.children).toEqual(["<script>alert(1)</script>"]);
  });
});
