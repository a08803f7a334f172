/**
 * New elements of template sites as a shape and values (src/diff/shapes.ts): the same live
 * nodes, ids and page as element trees give (the ops model, which reads shapes the wire's way,
 * is checked against the live tree after every batch), and a create's cost in proportion to
 * its data: the shape once, O(N) values, not O(N × nodes per row) trees.
 */
import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { LiveList } from "../../src/component/live-list.js";
import { Op, TreeKind, type PatchOp, type Tree } from "../../src/protocol/wire.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { freshHtml, mirrored, type Mirrored } from "../support/ops-model.js";

interface Row {
  id: number;
  label: string;
}

let table: Rows;

/** A /table-like list: rows of one template with an attribute hole, text holes, handlers and a static cell. */
class Rows extends Component {
  selected = 0;
  rows = new LiveList<Row>({
    key: (r) => r.id,
    render: (r) => html`<tr class=${r.id === this.selected ? "danger" : ""}><td class="id">${r.id}</td><td><a class="lbl" data-id=${r.id} onClick=${this.pick}>${r.label}</a></td><td class="spacer"></td></tr>`,
  });
  mount() {
    table = this;
  }
  pick() {}
  render() {
    return html`<table>${this.rows.view}</table>`;
  }
}

const rows = (from: number, n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: from + i, label: `row ${from + i}` }));

/** The list rendered in a tree that sends shapes, and the same changes in one that sends trees. */
function pair(): { shaped: Mirrored; plain: Mirrored; both(change: () => void): [PatchOp[], PatchOp[]] } {
  const shaped = mirrored();
  shaped.tree.shapes = true;
  shaped.render(h(Rows, {}));
  const a = table;
  const plain = mirrored();
  plain.render(h(Rows, {}));
  const b = table;
  return {
    shaped,
    plain,
    both(change) {
      table = a;
      change();
      const ops = shaped.flush();
      table = b;
      change();
      return [ops, plain.flush()];
    },
  };
}

const creates = (ops: PatchOp[]) => ops.filter((op) => op[0] === Op.Create) as Array<[number, number, number, number, Tree[]]>;

describe("shapes", () => {
  it("a create of N rows is one tree: the shape once and 4 values a row; the page is the same as from trees", () => {
    const p = pair();
    const [ops, plainOps] = p.both(() => table.rows.set(rows(1, 1000)));
    const [create] = creates(ops);
    expect(create[4]).toHaveLength(1);
    const tree = create[4][0] as unknown[];
    expect(tree[0]).toBe(TreeKind.TemplateDef);
    // class, the id's text, data-id, the label's text: 4 values a row (the handler is in the shape).
    expect(tree.length - 3).toBe(4 * 1000);
    expect(tree.slice(3, 7)).toEqual(["", 1, 1, "row 1"]);
    expect(p.shaped.html()).toBe(p.plain.html());
    // Trees: a tr, three tds, a link, two texts and a static cell per row, in nested arrays.
    expect(JSON.stringify(ops).length * 4).toBeLessThan(JSON.stringify(plainOps).length);
  });

  it("a later create refers to the shape; appended rows go as one more tree", () => {
    const p = pair();
    p.both(() => table.rows.set(rows(1, 10)));
    const [ops] = p.both(() => table.rows.push(...rows(11, 5)));
    const [create] = creates(ops);
    expect(create[4]).toEqual([[TreeKind.Template, (create[4][0] as number[])[1], "", 11, 11, "row 11", "", 12, 12, "row 12", "", 13, 13, "row 13", "", 14, 14, "row 14", "", 15, 15, "row 15"]]);
    expect(p.shaped.html()).toBe(p.plain.html());
  });

  it("later ops reach a created row's nodes by id: update every 10th, select, swap, remove, clear", () => {
    const p = pair();
    p.both(() => table.rows.set(rows(1, 100)));
    const steps: Array<() => void> = [
      () => { for (let i = 0; i < 100; i += 10) table.rows.update(i + 1, { id: i + 1, label: `row ${i + 1} !!!` }); },
      () => { table.selected = 6; table.rows.refresh(6); },
      () => { const list = table.rows.items.slice(); [list[1], list[98]] = [list[98]!, list[1]!]; table.rows.set(list); },
      () => table.rows.remove(50),
      () => table.rows.set([]),
    ];
    for (const step of steps) {
      const [ops, plainOps] = p.both(step);
      expect(ops).toEqual(plainOps); // no create among them: the same ops, addressed to the same ids
      expect(p.shaped.html()).toBe(p.plain.html());
    }
  });

  it("an update of every 10th row of 1,000 compares only those rows' nodes", () => {
    const p = pair();
    p.both(() => table.rows.set(rows(1, 1000)));
    const stats = p.shaped.tree.countWork();
    p.both(() => { for (let i = 0; i < 1000; i += 10) table.rows.update(i + 1, { id: i + 1, label: "x" }); });
    expect(stats.rendered).toBe(101); // the list's view and the 100 rows
    // Per row: the tr, three tds and the link; nothing of the other 900 rows.
    expect(stats.compared).toBeLessThanOrEqual(100 * 6);
  });

  it("a row a hole of which holds an element, or a page that builds no shapes, gets element trees", () => {
    const m = mirrored();
    m.tree.shapes = true;
    const ops = m.render(html`<ul>${[1, 2].map((i) => html`<li key=${i}>${i === 1 ? html`<b>bold</b>` : "plain"}</li>`)}</ul>`);
    const [create] = creates(ops);
    const ul = create[4][0] as unknown[];
    expect(ul[0]).toBe("ul");
    expect(ul[2]).toEqual(["li", 0, [TreeKind.StaticDef, expect.any(Number), ["b", 0, "bold"]]]);
    expect(ul[3]).toEqual([TreeKind.TemplateDef, expect.any(Number), ["li", 0, ""], "plain"]);

    const plain = mirrored();
    const [plainCreate] = creates(plain.render(html`<ul>${[1, 2].map((i) => html`<li key=${i}>${i}</li>`)}</ul>`));
    expect(JSON.stringify(plainCreate[4])).not.toContain(`[${TreeKind.TemplateDef},`);
  });
});

describe("what goes as element trees", () => {
  it("elements whose tag is a hole (`<${tag}>`): one site, a tag per element", () => {
    const m = mirrored();
    m.tree.shapes = true;
    const ops = m.render(html`<div>${["b", "i"].map((t) => html`<${t} class=${t}>${t}</${t}>`)}</div>`);
    expect(JSON.stringify(creates(ops)[0]![4])).not.toContain(`[${TreeKind.TemplateDef},`);
    expect(m.html()).toContain(`<b class="b">b</b><i class="i">i</i>`);
  });

  it("a row that holds a <template> element (its children live in its content); what is inside may be a shape", () => {
    const content = () => html`<div>${[1, 2].map((i) => html`<section key=${i}><template><b>${i}</b></template></section>`)}</div>`;
    const m = mirrored();
    m.tree.shapes = true;
    const [create] = creates(m.render(content()));
    const section = (create[4][0] as unknown[])[2] as unknown[];
    expect(section.slice(0, 2)).toEqual(["section", 0]);
    expect(((section[2] as unknown[])[2] as unknown[])[0]).toBe(TreeKind.TemplateDef); // the <b> in the template's content
    expect(m.html()).toBe(freshHtml(content()));
  });
});
