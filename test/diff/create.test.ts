import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { LiveTree } from "../../src/diff/live-tree.js";
import type { LiveNode } from "../../src/diff/live-node.js";
import { Op, TreeKind } from "../../src/protocol/wire.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { raw } from "../../src/template/raw.js";
import { applyOps, createModel, freshHtml, liveChildren, mirrored, storedChildren, toHtml } from "../support/ops-model.js";

const { Create, SetText } = Op;
const { Raw, StaticDef, StaticRef } = TreeKind;

const page = (name: string, items: string[]) =>
  html`<div id="app"><h1>Title</h1><p class="greeting">Hello, ${name}!</p>${raw.trusted("<hr>")}<ul>${items.map((i) => html`<li key=${i}>${i}</li>`)}</ul></div>`;

describe("first render", () => {
  it("sends the whole tree as one Create at the root, ids implied in pre-order from 1", () => {
    const m = mirrored();
    const ops = m.render(page("Ann", ["a", "b"]));
    expect(ops).toEqual([
      [
        Create, 0, 0, 1,
        [["div", { id: "app" },
          [StaticDef, 1, ["h1", 0, "Title"]],
          ["p", { class: "greeting" }, "Hello, ", "Ann", "!"],
          [Raw, "<hr>"],
          ["ul", 0, ["li", 0, "a"], ["li", 0, "b"]]]],
      ],
    ]);
    // div 1, static h1 2 (nothing inside it has an id), p 3, its texts 4-6, raw 7, ul 8, li/text 9-12
    expect(m.model.nodes.get(2)!.tag).toBe("h1");
    expect(m.model.nodes.get(5)!.text).toBe("Ann");
    expect(m.model.nodes.get(7)!.raw).toBe("<hr>");
    expect(m.model.nodes.get(11)!.tag).toBe("li");
    expect(m.tree.nextId).toBe(13);
    expect(m.tree.stats!.created).toBe(13); // the 12 DOM nodes and the list's fragment
  });

  it("addresses later patches by those ids", () => {
    const m = mirrored();
    m.render(page("Ann", ["a", "b"]));
    expect(m.render(page("Bob", ["a", "b"]))).toEqual([[SetText, 5, "Bob"]]);
    expect(m.html()).toBe('<div id="app"><h1>Title</h1><p class="greeting">Hello, <!---->Bob<!---->!</p><hr><ul><li>a</li><li>b</li></ul></div>');
  });

  it("renders nothing for null, booleans and an empty array", () => {
    for (const content of [null, undefined, false, true, []]) {
      expect(new LiveTree().render(content as never)).toEqual([]);
    }
  });

  it("sends top-level text, numbers and several roots as one Create", () => {
    expect(new LiveTree().render(["a", 1, h("b", null)])).toEqual([[Create, 0, 0, 1, ["a", "1", ["b", 0]]]]);
  });

  it("leaves out absent attributes and sends the attribute map as 0 when empty", () => {
    const ops = new LiveTree().render(h("input", { type: "text", disabled: false, title: null, required: true, tabindex: 0 }));
    expect(ops).toEqual([[Create, 0, 0, 1, [["input", { type: "text", required: "", tabindex: "0" }]]]]);
    expect(new LiveTree().render(h("p", { hidden: false }))).toEqual([[Create, 0, 0, 1, [["p", 0]]]]);
  });

  it("sends value, checked and selected as .props, and handlers as @type bindings", () => {
    const onInput = () => {};
    const onDoubleClick = () => {};
    const ops = new LiveTree().render(
      h("form", null,
        h("input", { value: "v", checked: false, onInput, onDoubleClick }),
        h("select", { value: 2 }, h("option", { value: "1", selected: true }, "one"))),
    );
    expect(ops).toEqual([
      [Create, 0, 0, 1, [["form", 0,
        ["input", { ".value": "v", ".checked": false, "@input": 1, "@dblclick": 1 }],
        ["select", { ".value": "2" }, ["option", { value: "1", ".selected": true }, "one"]]]]],
    ]);
  });

  it("registers every element with a handler, and only those", () => {
    const tree = new LiveTree();
    tree.render(h("div", null, h("button", { onClick: () => {} }, "a"), h("span", null), h("button", { onClick: () => {} })));
    expect(tree.handlers.ids().sort()).toEqual([2, 5]);
  });

  it("gives a component no node of its own: its output takes the ids", () => {
    class Hello extends Component<{ to: string }> {
      render() {
        return html`<b>${this.props.to}</b>`;
      }
    }
    const ops = new LiveTree().render(html`<p>${"x"}<${Hello} to="y" />${"z"}</p>`);
    expect(ops).toEqual([[Create, 0, 0, 1, [["p", 0, "x", ["b", 0, "y"], "z"]]]]);
  });
});

describe("static subtrees", () => {
  const badge = () => html`<span class="badge">new</span>`;
  const row = (t: string) => html`<li>${t} ${badge()}</li>`;
  // Static ids are process-wide (the vnode is shared by every session); each tree remembers which it sent.
  const sid = (v: unknown) => {
    const tree = new LiveTree();
    const ops = tree.render(v as never);
    return ((ops[0] as unknown[])[4] as unknown[][])[0][1] as number;
  };

  it("are defined once per connection and then referenced, each occurrence taking one id", () => {
    const id = sid(badge());
    const m = mirrored();
    const ops = m.render(html`<ul>${["a", "b"].map(row)}</ul>`);
    expect(ops).toEqual([
      [Create, 0, 0, 1, [["ul", 0,
        ["li", 0, "a", " ", [StaticDef, id, ["span", { class: "badge" }, "new"]]],
        ["li", 0, "b", " ", [StaticRef, id]]]]],
    ]);
    expect(m.model.nodes.get(5)!.tag).toBe("span");
    expect(m.model.nodes.get(9)!.tag).toBe("span");
    expect(m.html()).toBe('<ul><li>a<!----> <span class="badge">new</span></li><li>b<!----> <span class="badge">new</span></li></ul>');
  });

  it("stay referenced in later renders of the same tree", () => {
    const id = sid(badge());
    const m = mirrored();
    m.render(html`<ul>${["a"].map(row)}</ul>`);
    const ops = m.render(html`<ul>${["a", "b"].map(row)}</ul>`);
    expect(ops).toEqual([[Create, 1, 0, 6, [["li", 0, "b", " ", [StaticRef, id]]]]]);
  });

  it("are defined anew for a new tree (a new connection has none), with the same id", () => {
    const first = new LiveTree().render(badge());
    const second = new LiveTree().render(badge());
    expect(first).toEqual([[Create, 0, 0, 1, [[StaticDef, sid(badge()), ["span", { class: "badge" }, "new"]]]]]);
    expect(second).toEqual(first);
  });

  it("encode nested static elements inside one definition, without ids", () => {
    const m = mirrored();
    const view = () => html`<div id=${"d"}><section><h2>Hi</h2><p>a<b>b</b></p></section></div>`;
    m.render(view());
    const id = ((m.model.log[0] as unknown[])[4] as unknown[][])[0][2] as unknown[];
    expect(m.model.log[0]).toEqual([Create, 0, 0, 1, [["div", { id: "d" }, [StaticDef, id[1], ["section", 0, ["h2", 0, "Hi"], ["p", 0, "a", ["b", 0, "b"]]]]]]]);
    expect(typeof id[1]).toBe("number");
    expect(m.tree.nextId).toBe(3);
  });
});

describe("static children (an element whose props have holes and whose children are template text)", () => {
  const onClick = () => {};
  const button = (n: number) => html`<button onClick=${onClick} data-n=${n}>add <b>one</b></button>`;
  const view = (n: number, count: string) => html`<p>${button(n)}<output>${count}</output></p>`;

  /** Every live node of a tree, the root included. */
  const liveNodes = (tree: LiveTree): LiveNode[] => {
    const out: LiveNode[] = [];
    const walk = (live: LiveNode) => {
      out.push(live);
      for (const child of liveChildren(live)) walk(child);
    };
    walk(tree.root);
    return out;
  };

  it("travel as before, one id per child, but keep no live nodes", () => {
    const m = mirrored();
    const ops = m.render(view(1, "0"));
    const b = ((ops[0] as unknown[])[4] as unknown[][])[0][2] as unknown[];
    expect(ops).toEqual([[Create, 0, 0, 1, [["p", 0, b, ["output", 0, "0"]]]]]);
    expect(b.slice(0, 3)).toEqual(["button", { "@click": 1, "data-n": "1" }, "add "]);
    expect((b[3] as unknown[])[0]).toBe(StaticDef);
    // p 1, button 2, its text 3 and <b> 4 (no live nodes), output 5, its text 6 (its sole child: no live node either).
    expect(m.tree.nextId).toBe(7);
    const button = liveNodes(m.tree).find((live) => live.id === 2)!;
    expect(storedChildren(button)).toBeNull();
    expect(liveNodes(m.tree).map((live) => live.id)).toEqual([0, 1, 2, 5]);
  });

  it("are not diffed when the element's props change, and later ids stay right", () => {
    const m = mirrored();
    m.render(view(1, "0"));
    const compared = m.tree.stats!.compared;
    expect(m.render(view(2, "1"))).toEqual([[SetText, 6, "1"], [Op.SetAttr, 2, "data-n", "2"]]);
    expect(m.tree.stats!.compared - compared).toBe(4); // p, button, output, its text
    expect(m.html()).toBe(freshHtml(view(2, "1")));
  });

  it("are replaced with their element when another template site takes its place", () => {
    const other = (n: number) => html`<button onClick=${onClick} data-n=${n}>remove</button>`;
    const m = mirrored();
    m.render(html`<p>${button(1)}</p>`);
    const ops = m.render(html`<p>${other(1)}</p>`);
    expect(ops.map((op) => op[0])).toEqual([Op.Remove, Create]);
    expect(m.html()).toBe(freshHtml(html`<p>${other(1)}</p>`));
    expect(m.tree.handlers.size).toBe(1);
  });

  it("are encoded again, with their ids, for a new connection", () => {
    const tree = new LiveTree();
    tree.render(view(1, "0"));
    tree.render(html`<div>${view(1, "0")}</div>`);
    const { trees } = tree.encode();
    const model = createModel();
    applyOps(model, [[Create, 0, 0, 1, trees]]);
    expect(toHtml(model)).toBe(freshHtml(html`<div>${view(1, "0")}</div>`));
    const ops = tree.render(html`<div>${view(1, "9")}</div>`);
    expect(ops).toEqual([[SetText, 7, "9"]]); // div 1, p 2, button 3, text 4, b 5, output 6, text 7
    applyOps(model, ops);
    expect(toHtml(model)).toBe(freshHtml(html`<div>${view(1, "9")}</div>`));
  });
});

describe("an element whose only child is text", () => {
  const cell = (content: unknown) => html`<div><td class="c">${content}</td></div>`;
  const liveCount = (live: LiveNode): number => 1 + liveChildren(live).reduce((n, c) => n + liveCount(c), 0);

  it("keeps no live node for the text, which still gets its id and its SetText", () => {
    const m = mirrored();
    m.render(cell("a"));
    // root, div 1, td 2; the text is id 3 but has no live node.
    expect(m.tree.nextId).toBe(4);
    expect(liveCount(m.tree.root)).toBe(3);
    const compared = m.tree.stats!.compared;
    expect(m.render(cell("b"))).toEqual([[SetText, 3, "b"]]);
    expect(m.tree.stats!.compared - compared).toBe(3); // div, td, the text
    expect(m.render(cell("b"))).toEqual([]);
    expect(m.html()).toBe(freshHtml(cell("b")));
  });

  it("becomes a live child when the content turns into anything else, and back", () => {
    const m = mirrored();
    const contents: unknown[] = ["a", html`<b>x</b>`, "c", ["d", "e"], null, "f", [], "g", html`<i>${"h"}</i>`, "i"];
    for (const content of contents) {
      m.render(cell(content));
      expect(m.html()).toBe(freshHtml(cell(content)));
    }
    // Once a live child, the text stays one: a change is still one SetText, to the text's id.
    const ops = m.render(cell("j"));
    expect(ops).toEqual([[SetText, expect.any(Number), "j"]]);
    expect(m.model.nodes.get(ops[0][1] as number)!.text).toBe("j");
    expect(m.html()).toBe(freshHtml(cell("j")));
  });

  it("gets its text's id again for a new connection", () => {
    const tree = new LiveTree();
    tree.render(html`<p>${"x"}</p>`);
    tree.render(html`<main>${"y"}${cell("a")}</main>`);
    const { trees } = tree.encode();
    const model = createModel();
    applyOps(model, [[Create, 0, 0, 1, trees]]);
    const ops = tree.render(html`<main>${"y"}${cell("z")}</main>`);
    expect(ops).toEqual([[SetText, 5, "z"]]); // main 1, "y" 2, div 3, td 4, its text 5
    applyOps(model, ops);
    expect(toHtml(model)).toBe(freshHtml(html`<main>${"y"}${cell("z")}</main>`));
  });
});

describe("props written only in template text", () => {
  it("are encoded once per template site: every row shares one attribute map", () => {
    const row = (id: number) => html`<tr key=${id}><td class="col-id">${id}</td></tr>`;
    const ops = new LiveTree().render(html`<table>${[1, 2, 3].map(row)}</table>`);
    const table = ((ops[0] as unknown[])[4] as unknown[][])[0];
    const cells = table.slice(2).map((tr) => (tr as unknown[])[2] as unknown[]);
    expect(cells.map((td) => td[1])).toEqual([{ class: "col-id" }, { class: "col-id" }, { class: "col-id" }]);
    expect(cells[1][1]).toBe(cells[0][1]);
    expect(cells[2][1]).toBe(cells[0][1]);
    // Another tree (another connection) gets the same map: it is never written.
    const again = new LiveTree().render(html`<table>${[4].map(row)}</table>`);
    expect((((again[0] as unknown[])[4] as unknown[][])[0][2] as unknown[])[2]).toEqual(["td", { class: "col-id" }, "4"]);
  });
});
