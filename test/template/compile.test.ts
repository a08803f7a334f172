import { describe, expect, it } from "vitest";
import { html } from "../../src/template/html.js";
import { h } from "../../src/template/h.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { HOLE, type VNode } from "../../src/vnode/vnode.js";

const vnode = (x: unknown): VNode => x as VNode;

/** The same tree as htm's own evaluation would give, built by calling h the way htm does. */
function strip(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(strip);
  const n = v as VNode;
  return { flags: n.flags & ~(VNodeFlags.Static | VNodeFlags.StaticProps), type: n.type, key: n.key, props: n.props, children: n.children.map(strip) };
}

describe("compiled templates: what a site evaluates to", () => {
  it("returns a value alone at the top as it is, as htm does", () => {
    const items = [1, 2];
    const node = html`<b>x</b>`;
    expect(html`${items}`).toBe(items);
    expect(html`${node}`).toBe(node);
    expect(html`${null}`).toBe(null);
    const many = html`${"a"}<i>b</i>${3}` as unknown[];
    expect(many[0]).toBe("a");
    expect(vnode(many[1]).type).toBe("i");
    expect(many[2]).toBe(3);
  });

  it("returns undefined for an empty template", () => {
    expect(html``).toBeUndefined();
  });

  it("builds the same trees as calling h element by element", () => {
    const onClick = () => {};
    const built = html`<ul class="list" data-n=${3}><li key="a" onClick=${onClick}>one ${"two"}</li><li>${null}</li></ul>`;
    const byHand = h("ul", { class: "list", "data-n": 3 }, h("li", { key: "a", onClick }, "one ", "two"), h("li", null, null));
    expect(strip(built)).toEqual(strip(byHand));
    expect(vnode(vnode(built).children[1]).children).toEqual([HOLE]);
  });

  it("normalizes props with holes as h does: aliases, class and style values, keys, null handlers, javascript: URLs", () => {
    const onClick = () => {};
    const cases: Array<[unknown, unknown]> = [
      [
        html`<a key=${7} className=${{ on: true, off: false }} style=${{ color: "red" }} href=${"javascript:alert(1)"} onClick=${null} title="t">x</a>`,
        h("a", { key: 7, className: { on: true, off: false }, style: { color: "red" }, href: "javascript:alert(1)", onClick: null, title: "t" }, "x"),
      ],
      [html`<label htmlFor=${"f"} onClick=${onClick} key="k-${1}">y</label>`, h("label", { htmlFor: "f", onClick, key: "k-1" }, "y")],
      [html`<i class=${["a", null, "b"]} data-x=${undefined}></i>`, h("i", { class: ["a", null, "b"], "data-x": undefined })],
    ];
    for (const [built, byHand] of cases) {
      expect(vnode(built).props).toEqual(vnode(byHand).props);
      expect(Object.keys(vnode(built).props)).toEqual(Object.keys(vnode(byHand).props));
      expect(vnode(built).key).toBe(vnode(byHand).key);
    }
    expect(() => html`<a onClick=${"alert(1)"}>x</a>`).toThrow(/must be server functions/);
  });

  it("shares the children of an element whose props alone have holes across evaluations (the diff skips them by identity)", () => {
    const render = (n: number) => vnode(html`<button data-n=${n}>fixed <b>label</b></button>`);
    const a = render(1);
    const b = render(2);
    expect(a.props).toEqual({ "data-n": 1 });
    expect(b.children).toBe(a.children);
    expect(Object.isFrozen(a.children)).toBe(true);
  });

  it("evaluates a hole at the start of an attribute followed by text", () => {
    const v = vnode(html`<p class="${"a"} b ${"c"}" title="${0}">x</p>`);
    expect(v.props).toEqual({ class: "a b c", title: 0 });
  });

  it("keeps a template whose text ends in ... before a hole right (it takes htm's own path)", () => {
    const v = vnode(html`<p>Loading...${"done"}</p>`);
    expect(v.children).toEqual(["Loading...", "done"]);
    const extra = { id: "x", title: "t" };
    const spread = vnode(html`<div title="first" ...${extra} class=${"c"}>${1}</div>`);
    expect(spread.props).toEqual({ title: "t", id: "x", class: "c" });
    expect(spread.children).toEqual(["1"]);
  });

  it("hands a component its children as written, not normalized", () => {
    const Box = (props: { children?: unknown }) => props.children as never;
    const v = vnode(html`<${Box}>${7}<//>`);
    expect(v.props.children).toBe(7);
    const two = vnode(html`<${Box}>${7}<b>x</b><//>`);
    expect((two.props.children as unknown[])[0]).toBe(7);
    expect(vnode((two.props.children as unknown[])[1]).type).toBe("b");
  });

  it("throws at every evaluation of a site that is invalid, not only the first", () => {
    const bad = () => html`<a onclick="alert(1)">a</a>`;
    expect(bad).toThrow(TypeError);
    expect(bad).toThrow(TypeError);
  });

  it("gives every element of a site one site object, different from other elements'", () => {
    const row = (t: string) => vnode(html`<tr><td>${t}</td><td>${t}</td></tr>`);
    const a = row("a");
    const b = row("b");
    expect(b.site).toBe(a.site);
    expect(vnode(b.children[0]).site).toBe(vnode(a.children[0]).site);
    expect(vnode(a.children[0]).site).not.toBe(vnode(a.children[1]).site);
    expect(a.site).not.toBe(vnode(a.children[0]).site);
  });
});
