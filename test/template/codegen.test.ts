/**
 * The code generated for template plans (src/template/codegen.ts): the trees it builds are
 * those of the plan's own evaluation (h, as htm calls it), vnodes keep createVNode's shape,
 * the template's text never becomes code, and what a literal cannot say is left to the plan.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { html } from "../../src/template/html.js";
import { h } from "../../src/template/h.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { createVNode, type VNode } from "../../src/vnode/vnode.js";

const vnode = (x: unknown): VNode => x as VNode;

/** A tree without what only templates know (sites, static flags), to compare with h's. */
function strip(v: unknown): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (Array.isArray(v)) return v.map(strip);
  const n = v as VNode;
  const flags = n.flags & ~(VNodeFlags.Static | VNodeFlags.StaticProps | VNodeFlags.StaticChildren);
  return { flags, type: n.type, key: n.key, props: n.props, children: n.children.map(strip) };
}

describe("generated template code", () => {
  it("builds the trees h builds, for every kind of hole and prop", () => {
    const onClick = () => {};
    const Item = (p: { label: string }) => p.label;
    const cases: Array<[() => unknown, () => unknown]> = [
      [() => html`<main><h1>T</h1><p>${1}<b>${"x"}</b></p></main>`, () => h("main", null, h("h1", null, "T"), h("p", null, "1", h("b", null, "x")))],
      [() => html`<tr key=${"r1"} class=${{ on: true }}><td>${"a"}</td><td>b</td></tr>`, () => h("tr", { key: "r1", class: { on: true } }, h("td", null, "a"), h("td", null, "b"))],
      [() => html`<li key="k-${2}" data-id=${2} style=${{ color: "red" }}>${[1, 2]}</li>`, () => h("li", { key: "k-2", "data-id": 2, style: { color: "red" } }, [1, 2])],
      [() => html`<a href=${"javascript:x"} title="t ${3} u" onClick=${onClick}>${null}${false}</a>`, () => h("a", { href: "javascript:x", title: "t 3 u", onClick }, null, false)],
      [() => html`<input value=${"v"} checked=${true} disabled />`, () => h("input", { value: "v", checked: true, disabled: true })],
      [() => html`<ul>${html`<li>${"n"}</li>`}<${Item} label=${"c"} /></ul>`, () => h("ul", null, h("li", null, "n"), h(Item, { label: "c" }))],
      [() => html`<svg viewBox=${"0 0 1 1"}><circle cx=${1} /></svg>`, () => h("svg", { viewBox: "0 0 1 1" }, h("circle", { cx: 1 }))],
      [() => html`<label htmlFor=${"f"} className=${"c"}>x</label>`, () => h("label", { htmlFor: "f", className: "c" }, "x")],
      [() => html`<b>${1}</b><i>${2}</i>`, () => [h("b", null, "1"), h("i", null, "2")]],
    ];
    for (const [built, byHand] of cases) {
      for (let i = 0; i < 3; i++) expect(strip(built())).toEqual(strip(byHand())); // every evaluation, not the first only
    }
  });

  it("gives vnodes the shape createVNode gives them, keys in its order", () => {
    const v = vnode(html`<p id=${"a"}>${1}</p>`);
    expect(Reflect.ownKeys(v)).toEqual(Reflect.ownKeys(createVNode(VNodeFlags.Element, "p", null, {}, [], null))); // the brand last
  });

  it("gives props objects that inherit nothing, one constructor per element site", () => {
    const make = (id: string) => vnode(html`<p id=${id} class="c">x</p>`).props;
    const a = make("a");
    expect(a).toEqual({ id: "a", class: "c" });
    expect(Object.getPrototypeOf(Object.getPrototypeOf(a))).toBeNull();
    expect(Object.getPrototypeOf(make("b"))).toBe(Object.getPrototypeOf(a));
    expect(Object.keys(make("b"))).toEqual(["id", "class"]); // template order, as a literal had them
  });

  it("leaves an event prop that is not a function this time to the plan: null leaves it out, text is refused", () => {
    const button = (handler: unknown) => vnode(html`<button id="b" onClick=${handler}>x</button>`);
    const f = () => {};
    expect(button(f).props).toEqual({ id: "b", onClick: f });
    expect(Object.keys(button(null).props)).toEqual(["id"]);
    expect(Object.keys(button(false).props)).toEqual(["id"]);
    expect(() => button("alert(1)")).toThrow(/must be server functions/);
    expect(button(f).props.onClick).toBe(f); // the fast path again afterwards
  });

  it("leaves a function in a prop that is not on… to the plan, which refuses it, at every evaluation", () => {
    const link = (title: unknown) => vnode(html`<a id="l" title=${title}>x</a>`);
    expect(() => link(() => "alert(1)")).toThrow(/only on… props take functions/);
    expect(() => link(() => "alert(1)")).toThrow(/only on… props take functions/);
    expect(link("t").props).toEqual({ id: "l", title: "t" }); // the fast path again afterwards
    expect(vnode(html`<a title="x ${() => 1}">x</a>`).props.title).toBe("x () => 1"); // text and holes joined are text
  });

  it("never runs the template's text as code: quotes, backticks and script-like text stay text", () => {
    const hostile = `"); globalThis.pwned = 1; ("`;
    const v = vnode(html`<p title="a'b&quot;c\`d" data-x="${"`"}${hostile}">"); globalThis.pwned = 2; ("${hostile}</p>`);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
    expect(v.props.title).toBe("a'b&quot;c`d"); // htm decodes no entities; the encoder escapes
    expect(v.props["data-x"]).toBe("`" + hostile);
    expect(v.children).toEqual([`"); globalThis.pwned = 2; ("`, hostile]);
  });

  it("refuses an attribute name HTML does not allow, at every evaluation", () => {
    const bad = () => html`<p ${"x"}=${1}>x</p>`; // htm reads a hole in a name's place as an empty name
    expect(bad).toThrow();
    expect(bad).toThrow();
  });

  it("reads the plans instead in a process that disallows code generation from strings", () => {
    const script = `
      const { html } = await import(process.argv[1]);
      const v = html\`<ul class=\${"a"}><li key=\${1} onClick=\${() => 1}>\${"x"}</li></ul>\`;
      console.log(JSON.stringify({ props: v.props, key: v.children[0].key, handler: typeof v.children[0].props.onClick, text: v.children[0].children }));
    `;
    const htmlModule = fileURLToPath(new URL("../../src/template/html.ts", import.meta.url));
    const run = spawnSync(process.execPath, ["--disallow-code-generation-from-strings", "--import", "tsx", "--input-type=module", "-e", script, htmlModule], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ props: { class: "a" }, key: 1, handler: "function", text: ["x"] });
  });
});
