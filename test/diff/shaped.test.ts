/**
 * Shaped elements (src/diff/shaped.ts, shape-layout.ts): a list's rows kept as their values, one
 * live node a row. Every check compares with a tree that builds no shapes (live nodes for
 * everything, as before): the same ops, the same page, the same HTML, the same whole tree for a
 * new connection, the same event data; and counts what a row costs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { LiveList } from "../../src/component/live-list.js";
import { childList, handlerTarget, LiveTree, shapedSize, type LiveNode } from "../../src/diff/index.js";
import { liveToHtml } from "../../src/html/to-html.js";
import { findEventTarget, type EventCall } from "../../src/session/event-target.js";
import type { LiveEvent } from "../../src/template/event-handler.js";
import { Op, ROOT_ID, TreeKind, treesOf, type PatchOp, type ShapeTree, type Tree } from "../../src/protocol/wire.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { applyOps, checkMirror, createModel, mirrored, toHtml, type Mirrored, type ModelNode } from "../support/ops-model.js";

interface Row {
  id: number;
  label: string;
  note?: string | null;
  code?: string;
  done?: boolean;
}

let table: Rows;
const picked: LiveEvent[] = [];

/** Rows with an attribute hole, text holes, an optional text, a handler that may be absent, and a static cell. */
class Rows extends Component {
  selected = 0;
  rows = new LiveList<Row>({
    key: (r) => r.id,
    render: (r) => html`<tr class=${r.id === this.selected ? "danger" : ""}><td class="id">${r.code ?? r.id}</td><td><a class="lbl" data-id=${r.id} onClick=${r.done ? null : this.pick}>${r.label}</a>${r.note ?? null}</td><td class="spacer"></td></tr>`,
  });
  mount() {
    table = this;
  }
  pick(event: LiveEvent) {
    picked.push(event);
  }
  render() {
    return html`<table>${this.rows.view}</table>`;
  }
}

const rows = (from: number, n: number): Row[] => Array.from({ length: n }, (_, i) => ({ id: from + i, label: `row ${from + i}` }));

interface Pair {
  shaped: Mirrored;
  plain: Mirrored;
  shapedTable: Rows;
  plainTable: Rows;
  /** Makes the same change in both, flushes both; the ops of each. */
  both(change: (t: Rows) => void): [PatchOp[], PatchOp[]];
  /** Both pages, their HTML and the server's own (liveToHtml) agree. */
  same(): void;
}

function pair(): Pair {
  const shaped = mirrored();
  shaped.tree.shapes = true;
  shaped.render(h(Rows, {}));
  const shapedTable = table;
  const plain = mirrored();
  plain.render(h(Rows, {}));
  const plainTable = table;
  return {
    shaped,
    plain,
    shapedTable,
    plainTable,
    both(change) {
      change(shapedTable);
      const ops = shaped.flush();
      change(plainTable);
      return [ops, plain.flush()];
    },
    same() {
      expect(shaped.html()).toBe(plain.html());
      expect(liveToHtml(shaped.tree.root)).toBe(liveToHtml(plain.tree.root));
    },
  };
}

/** Every live node of a tree. */
function liveNodes(tree: LiveTree): LiveNode[] {
  const out: LiveNode[] = [];
  const walk = (live: LiveNode): void => {
    out.push(live);
    for (const child of childList(live)) walk(child);
  };
  walk(tree.root);
  return out;
}

/** The model's first element with this tag and class under `node`, depth first. */
function find(node: ModelNode, tag: string, cls: string, nth = 0): ModelNode {
  const found: ModelNode[] = [];
  const walk = (n: ModelNode): void => {
    if (n.tag === tag && n.attrs.class === cls) found.push(n);
    for (const c of n.children) walk(c);
  };
  walk(node);
  return found[nth]!;
}

describe("shaped elements", () => {
  it("a create of N rows keeps one live node a row, and the page is the one live nodes give", () => {
    const p = pair();
    const [ops, plainOps] = p.both((t) => t.rows.set(rows(1, 1000)));
    expect(ops).toHaveLength(1);
    expect(plainOps).toHaveLength(1);
    p.same();
    const shapedRows = liveNodes(p.shaped.tree).filter((live) => shapedSize(live) > 0);
    expect(shapedRows).toHaveLength(1000);
    expect(shapedSize(shapedRows[0]!)).toBe(7); // tr, td, its text, td, a, its text, td (the empty hole has none)
    // Per row: the item's component and the row itself; the plain tree has a live node for each element too.
    expect(liveNodes(p.shaped.tree).length).toBeLessThan(2 * 1000 + 10);
    expect(liveNodes(p.plain.tree).length).toBeGreaterThan(6 * 1000);
  });

  it("a change of values sends the ops the full diff sends, in its order; a clear forgets every handler", () => {
    const p = pair();
    p.both((t) => t.rows.set(rows(1, 100)));
    const handlers = p.plain.tree.handlers.size;
    expect(p.shaped.tree.handlers.size).toBe(handlers);
    const steps: Array<(t: Rows) => void> = [
      (t) => { for (let i = 0; i < 100; i += 10) t.rows.update(i + 1, { id: i + 1, label: `row ${i + 1} !!!` }); },
      (t) => { t.selected = 6; t.rows.refresh(6); },
      (t) => { t.selected = 7; t.rows.refresh(6); t.rows.refresh(7); },
      // Several holes of one row: its children's ops (last first), then its own.
      (t) => { t.selected = 8; t.rows.refresh(7); t.rows.update(8, { id: 8, code: "h", label: "eight" }); },
      (t) => { const list = t.rows.items.slice(); [list[1], list[98]] = [list[98]!, list[1]!]; t.rows.set(list); },
      (t) => t.rows.remove(50),
      (t) => t.rows.set([]),
    ];
    for (const step of steps) {
      const [ops, plainOps] = p.both(step);
      expect(ops).toEqual(plainOps);
      p.same();
    }
    expect(p.shaped.tree.handlers.size).toBe(p.plain.tree.handlers.size);
    expect(p.shaped.tree.handlers.size).toBeLessThan(handlers);
  });

  it("an update of every 10th row of 1,000 compares one node a row, and sends a SetText each", () => {
    const p = pair();
    p.both((t) => t.rows.set(rows(1, 1000)));
    const stats = p.shaped.tree.countWork();
    const [ops] = p.both((t) => { for (let i = 0; i < 1000; i += 10) t.rows.update(i + 1, { id: i + 1, label: "x" }); });
    expect(stats.rendered).toBe(101); // the list's view and the 100 rows
    expect(stats.compared).toBeLessThanOrEqual(100 + 1); // each row's element, compared as its values, and the rows' fragment
    expect(ops.filter((op) => op[0] === Op.SetText)).toHaveLength(100);
    expect(ops).toHaveLength(100);
  });

  it("rows are made and updated from their template's values, without their vnodes", () => {
    // A template of its own: its first row is the template's first evaluation (its vnodes make the shape).
    class Fresh extends Component {
      list = new LiveList<Row>({ key: (r) => r.id, render: (r) => html`<li data-id=${r.id}>${r.label}<em>${r.note}</em></li>` });
      render() {
        return html`<ul>${this.list.view}</ul>`;
      }
    }
    let fresh!: Fresh;
    class Probe extends Fresh {
      mount() {
        fresh = this;
      }
    }
    const page = mirrored();
    page.tree.shapes = true;
    page.render(h(Probe, {}));
    let stats = page.tree.countWork();
    fresh.list.set(rows(1, 1000));
    page.flush();
    expect(stats.fromValues).toBe(999);
    expect(stats.expanded).toBe(0);
    stats = page.tree.countWork();
    for (let i = 0; i < 1000; i += 10) fresh.list.update(i + 1, { id: i + 1, label: "x" });
    page.flush();
    expect(stats.fromValues).toBe(100);
    expect(stats.expanded).toBe(0);
    // A row whose values need another shape (text in a hole that had none): its vnodes, once.
    stats = page.tree.countWork();
    fresh.list.update(5, { id: 5, label: "five", note: "n" });
    page.flush();
    expect(stats.expanded).toBe(1);
    expect(stats.fromValues).toBe(0);
    expect(page.html()).toContain('<li data-id="5">five<em>n</em></li>');
    expect(page.html()).toContain('<li data-id="11">x<em></em></li>');
  });

  it("a row whose holes hold something else now (no text, no handler) becomes live nodes, with the same ops and page", () => {
    const p = pair();
    p.both((t) => t.rows.set(rows(1, 20)));
    const steps: Array<(t: Rows) => void> = [
      (t) => t.rows.update(3, { id: 3, label: "three", note: " (a note)" }),
      (t) => t.rows.update(4, { id: 4, label: "four", done: true }),
      (t) => t.rows.update(3, { id: 3, label: "three" }),
      (t) => t.rows.update(4, { id: 4, label: "four" }),
      (t) => t.rows.update(3, { id: 3, label: "three again" }),
    ];
    for (const step of steps) {
      const [ops, plainOps] = p.both(step);
      expect(ops).toEqual(plainOps);
      p.same();
    }
    const shapedRows = liveNodes(p.shaped.tree).filter((live) => shapedSize(live) > 0);
    expect(shapedRows).toHaveLength(18); // rows 3 and 4 are live nodes now; the others still shaped
  });

  it("an event on a row's link reaches its handler with the element's data as rendered (a number stays a number)", () => {
    const p = pair();
    p.both((t) => t.rows.set(rows(1, 10)));
    const link = find(p.shaped.model.root, "a", "lbl", 4);
    const before = liveNodes(p.shaped.tree).length;
    const call = findEventTarget(p.shaped.tree, link.id, "click", {}) as EventCall;
    expect(typeof call.run).toBe("function");
    picked.length = 0;
    call.run();
    expect(picked).toHaveLength(1);
    expect(picked[0]!.data).toEqual({ id: 5 });
    // The row became its live nodes to answer the event; the page is unchanged.
    expect(liveNodes(p.shaped.tree).length).toBeGreaterThan(before);
    expect(handlerTarget(p.shaped.tree, link.id)?.id).toBe(link.id);
    p.same();
    // And later changes of that row still send what the full diff sends.
    const [ops, plainOps] = p.both((t) => t.rows.update(5, { id: 5, label: "five" }));
    expect(ops).toEqual(plainOps);
  });

  it("a new connection gets the same whole tree from shaped rows as from live nodes, and events work after it", () => {
    const p = pair();
    p.both((t) => t.rows.set(rows(1, 30)));
    p.both((t) => t.rows.update(7, { id: 7, label: "seven", note: "!" })); // one row made of live nodes
    const shapedTrees = p.shaped.tree.encode();
    const plainTrees = p.plain.tree.encode();
    expect(JSON.stringify(shapedTrees)).toBe(JSON.stringify(plainTrees));
    expect(p.shaped.tree.handlers.ids().sort()).toEqual(p.plain.tree.handlers.ids().sort());
    // The new page, built from that tree, takes the next changes.
    const page = createModel();
    applyOps(page, [[Op.Create, ROOT_ID, 0, shapedTrees.firstId, shapedTrees.trees]]);
    const plainPage = createModel();
    applyOps(plainPage, [[Op.Create, ROOT_ID, 0, plainTrees.firstId, plainTrees.trees]]);
    const change = (t: Rows) => { t.selected = 2; t.rows.refresh(2); t.rows.update(9, { id: 9, label: "nine" }); };
    change(p.shapedTable);
    const ops = p.shaped.tree.flush();
    change(p.plainTable);
    const plainOps = p.plain.tree.flush();
    expect(ops).toEqual(plainOps);
    applyOps(page, ops);
    applyOps(plainPage, plainOps);
    checkMirror(p.shaped.tree.root, page);
    expect(toHtml(page)).toBe(toHtml(plainPage));
    expect(toHtml(page)).toContain(`<tr class="danger">`);
  });

  it("a first paint that shows a list keeps its rows as shaped elements: the same HTML, the same tree at the join, and events and changes after it", () => {
    class Painted extends Rows {
      mount() {
        super.mount();
        this.rows.set(rows(1, 50));
      }
    }
    const painted = new LiveTree();
    painted.paint(h(Painted, {}));
    const paintedTable = table;
    expect(painted.hasLists).toBe(true);
    expect(liveNodes(painted).filter((live) => shapedSize(live) > 0)).toHaveLength(50);
    const plain = mirrored();
    plain.render(h(Painted, {}));
    const plainTable = table;
    expect(liveNodes(plain.tree).filter((live) => shapedSize(live) > 0)).toHaveLength(0);
    expect(liveToHtml(painted.root)).toBe(liveToHtml(plain.tree.root));
    // The join: the tree written out from the shaped rows is the live nodes' own.
    const trees = painted.encode();
    const plainTrees = plain.tree.encode();
    expect(JSON.stringify(trees)).toBe(JSON.stringify(plainTrees));
    expect(painted.handlers.ids().sort()).toEqual(plain.tree.handlers.ids().sort());
    const page = createModel();
    applyOps(page, [[Op.Create, ROOT_ID, 0, trees.firstId, trees.trees]]);
    const plainPage = createModel();
    applyOps(plainPage, [[Op.Create, ROOT_ID, 0, plainTrees.firstId, plainTrees.trees]]);
    // An event on a painted row reaches its handler with its data.
    const link = find(page.root, "a", "lbl", 2);
    const call = findEventTarget(painted, link.id, "click", {}) as EventCall;
    picked.length = 0;
    call.run();
    expect(picked[0]!.data).toEqual({ id: 3 });
    // Later changes send what the live nodes' diff sends.
    const change = (t: Rows) => { t.selected = 4; t.rows.refresh(4); t.rows.update(9, { id: 9, label: "nine" }); t.rows.remove(20); };
    change(paintedTable);
    const ops = painted.flush();
    change(plainTable);
    const plainOps = plain.tree.flush();
    expect(ops).toEqual(plainOps);
    applyOps(page, ops);
    applyOps(plainPage, plainOps);
    checkMirror(painted.root, page);
    expect(toHtml(page)).toBe(toHtml(plainPage));
    expect(toHtml(page)).toContain('<tr class="danger"><td class="id">4</td>');
  });

  it("rows of form fields, page-owned content or keyed elements inside stay live nodes", () => {
    const cases = [
      html`<ul>${[1, 2].map((i) => html`<li key=${i}><input type="checkbox" checked=${i === 1} /> ${i}</li>`)}</ul>`,
      html`<ul>${[1, 2].map((i) => html`<li key=${i}><details><summary>${i}</summary></details></li>`)}</ul>`,
      html`<ul>${[1, 2].map((i) => html`<li key=${i} t-ignore>${i}</li>`)}</ul>`,
      html`<ul>${[1, 2].map((i) => html`<li key=${i}><b key=${i}>${i}</b></li>`)}</ul>`,
    ];
    for (const content of cases) {
      const m = mirrored();
      m.tree.shapes = true;
      m.render(content);
      expect(liveNodes(m.tree).filter((live) => shapedSize(live) > 0)).toEqual([]);
    }
  });
});

describe("rows kept as live nodes", () => {
  it("a list whose rows have form fields renders them as vnodes once its shape says so, not as values to expand", () => {
    class Inputs extends Component {
      list = new LiveList<Row>({ key: (r) => r.id, render: (r) => html`<tr><td>${r.id}</td><td><input value=${r.label} /></td></tr>` });
      mount() {
        inputs = this;
      }
      render() {
        return html`<table>${this.list.view}</table>`;
      }
    }
    let inputs!: Inputs;
    const page = mirrored();
    page.tree.shapes = true;
    page.render(h(Inputs, {}));
    inputs.list.set(rows(1, 2)); // the template's first rows: its shape is learned
    page.flush();
    const stats = page.tree.countWork();
    inputs.list.set(rows(1, 100));
    page.flush();
    expect(stats.expanded).toBe(0);
    expect(stats.fromValues).toBe(0);
    expect(liveNodes(page.tree).filter((live) => shapedSize(live) > 0)).toEqual([]);
    expect(page.html()).toContain('<tr><td>100</td><td><input .value="row 100"></input></td></tr></table>');
  });
});

describe("shaped elements against live nodes, over random changes", () => {
  type Change =
    | { kind: "set"; ids: number[] }
    | { kind: "update"; at: number; label: string; note: string | null; done: boolean; code: string | null }
    | { kind: "select"; at: number }
    | { kind: "remove"; at: number }
    | { kind: "click"; at: number };

  const change: fc.Arbitrary<Change> = fc.oneof(
    fc.record({ kind: fc.constant("set" as const), ids: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 25 }) }),
    fc.record({
      kind: fc.constant("update" as const),
      at: fc.nat(30),
      label: fc.constantFrom("a", "b", "c & <d>", "12"),
      note: fc.constantFrom(null, " note", "7"),
      done: fc.boolean(),
      code: fc.constantFrom(null, "x", "y"),
    }),
    fc.record({ kind: fc.constant("select" as const), at: fc.nat(30) }),
    fc.record({ kind: fc.constant("remove" as const), at: fc.nat(30) }),
    fc.record({ kind: fc.constant("click" as const), at: fc.nat(30) }),
  );

  /** A batch's ops with each Create's trees as element trees and static subtrees by id only: what the page ends up with, whatever the encoding. */
  const normalized = (ops: PatchOp[], shapes: Map<number, ShapeTree>): unknown => {
    const plainStatic = (tree: unknown): unknown => {
      if (!Array.isArray(tree)) return tree;
      if (tree[0] === TreeKind.StaticDef || tree[0] === TreeKind.StaticRef) return ["static", tree[1]];
      return tree.map((c, i) => (i < 2 ? c : plainStatic(c)));
    };
    return ops.map((op) => (op[0] === Op.Create ? [...op.slice(0, 4), (op[4] as Tree[]).flatMap((t) => treesOf(t, shapes)).map(plainStatic)] : op));
  };

  it("every batch leaves the same page, HTML and handlers, its ops the same but for how new rows are written", () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 25 }), (changes) => {
        const p = pair();
        const shapes = new Map<number, ShapeTree>();
        normalized(p.both((t) => t.rows.set(rows(1, 12)))[0], shapes); // the shape's definition
        for (const c of changes) {
          if (c.kind === "click") {
            // An event on the nth row's link: the same handler call and data on both sides.
            const item = p.shapedTable.rows.items[c.at % Math.max(1, p.shapedTable.rows.size)];
            if (item === undefined || item.done) continue;
            const links = [p.shaped, p.plain].map((m) => find(m.model.root, "a", "lbl", p.shapedTable.rows.items.indexOf(item)).id);
            expect(links[0]).toBe(links[1]);
            picked.length = 0;
            (findEventTarget(p.shaped.tree, links[0]!, "click", {}) as EventCall).run();
            (findEventTarget(p.plain.tree, links[1]!, "click", {}) as EventCall).run();
            expect(picked.map((e) => e.data)).toEqual([{ id: item.id }, { id: item.id }]);
            expect(p.shaped.tree.handlers.ids().sort((a, b) => a - b)).toEqual(p.plain.tree.handlers.ids().sort((a, b) => a - b));
            continue;
          }
          const [ops, plainOps] = p.both((t) => {
            const items = t.rows.items;
            const item = items.length === 0 ? undefined : items[("at" in c ? c.at : 0) % items.length];
            if (c.kind === "set") t.rows.set(c.ids.map((id) => ({ id, label: `row ${id}` })));
            else if (item === undefined) return;
            else if (c.kind === "update") t.rows.update(item.id, { id: item.id, label: c.label, note: c.note, done: c.done, ...(c.code === null ? {} : { code: c.code }) });
            else if (c.kind === "select") {
              const previous = t.selected;
              t.selected = item.id;
              t.rows.refresh(previous);
              t.rows.refresh(item.id);
            } else t.rows.remove(item.id);
          });
          expect(normalized(ops, shapes)).toEqual(normalized(plainOps, new Map()));
          p.same();
        }
      }),
      { numRuns: 80 },
    );
  });
});
