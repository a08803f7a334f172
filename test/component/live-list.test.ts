import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { LiveList } from "../../src/component/live-list.js";
import { LiveTree } from "../../src/diff/index.js";
import { Op, type PatchOp } from "../../src/protocol/wire.js";
import { html } from "../../src/template/html.js";
import { applyOps, createModel, toHtml } from "../support/ops-model.js";

interface Row {
  id: number;
  label: string;
}

const rows = (n: number, from = 1): Row[] => Array.from({ length: n }, (_, i) => ({ id: from + i, label: `row ${from + i}` }));

/** A table page: a counter beside a LiveList of rows, with selection read by each row's render. */
function setup(n: number) {
  let page!: Page;
  class Page extends Component<Record<string, never>, { clicks: number }> {
    state = { clicks: 0 };
    selected = 0;
    rows = new LiveList<Row>(
      { key: (r) => r.id, render: (r) => html`<tr class=${r.id === this.selected ? "danger" : ""}><td>${r.id}</td><td><a>${r.label}</a></td></tr>` },
      rows(n),
    );
    constructor(props: Record<string, never>) {
      super(props);
      page = this;
    }
    select(id: number) {
      const previous = this.selected;
      this.selected = id;
      this.rows.refresh(previous);
      this.rows.refresh(id);
    }
    render() {
      return html`<p>${this.state.clicks}</p><table>${this.rows.view}</table>`;
    }
  }
  const tree = new LiveTree();
  const model = createModel();
  applyOps(model, tree.render(html`<${Page} />`));
  const step = (ops: PatchOp[]) => {
    applyOps(model, ops);
    return ops;
  };
  return { tree, model, page: () => page, step };
}

describe("LiveList", () => {
  it("updates one row of 10,000 by rendering and comparing a bounded number of nodes", () => {
    const { tree, page, step } = setup(10_000);
    tree.countWork();
    page().rows.update(5000, { id: 5000, label: "changed" });
    const ops = step(tree.flush());
    expect(ops).toHaveLength(1);
    expect(ops[0][0]).toBe(Op.SetText);
    expect(ops[0][2]).toBe("changed");
    expect(tree.stats!.rendered).toBe(2); // the list's view (which renders no row by itself) and the row
    expect(tree.stats!.compared).toBeLessThan(10);
  });

  it("selects a row by re-rendering only the two rows whose class changes", () => {
    const { tree, model, page, step } = setup(10_000);
    page().select(10);
    step(tree.flush());
    tree.countWork();
    page().select(20);
    const ops = step(tree.flush());
    expect(ops).toEqual([
      [Op.SetAttr, expect.any(Number), "class", ""],
      [Op.SetAttr, expect.any(Number), "class", "danger"],
    ]);
    expect(tree.stats!.rendered).toBe(3); // the list's view and the two rows
    expect(toHtml(model)).toContain('<tr class="danger"><td>20</td>');
  });

  it("leaves the list alone when its parent re-renders: the list's vnode is the same object", () => {
    const { tree, page, step } = setup(10_000);
    tree.countWork();
    page().setState({ clicks: 1 });
    const ops = step(tree.flush());
    expect(ops).toHaveLength(1);
    expect(tree.stats!.rendered).toBe(1);
    expect(tree.stats!.compared).toBeLessThan(10);
  });

  it("diffs the list by key on structural changes, moving kept rows", () => {
    const { tree, model, page, step } = setup(5);
    const list = page().rows;
    list.set([list.items[4], ...list.items.slice(1, 4), list.items[0]]); // swap first and last
    const ops = step(tree.flush());
    expect(ops.filter((op) => op[0] === Op.Move)).toHaveLength(2);
    expect(ops.filter((op) => op[0] === Op.Create)).toHaveLength(0);
    list.remove(3);
    list.push({ id: 6, label: "row 6" });
    list.insert(0, { id: 7, label: "row 7" });
    step(tree.flush());
    expect(list.items.map((r) => r.id)).toEqual([7, 5, 2, 4, 1, 6]);
    const ids = [...toHtml(model).matchAll(/<tr[^>]*><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(ids).toEqual([7, 5, 2, 4, 1, 6]);
    expect(list.get(4)).toEqual({ id: 4, label: "row 4" });
    expect(list.update(99, { id: 99, label: "none" })).toBe(false);
  });

  it("finds a row by key after the rows moved: a refresh re-renders the moved row alone", () => {
    const { tree, model, page, step } = setup(5);
    const list = page().rows;
    list.set([...list.items].reverse());
    step(tree.flush());
    tree.countWork();
    page().select(2);
    const ops = step(tree.flush());
    expect(ops).toEqual([[Op.SetAttr, expect.any(Number), "class", "danger"]]);
    expect(tree.stats!.rendered).toBe(2); // the list's view and row 2 (row 0, the one selected before, is none)
    expect(toHtml(model)).toContain('<tr class="danger"><td>2</td>');
    const ids = [...toHtml(model).matchAll(/<tr[^>]*><td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(ids).toEqual([5, 4, 3, 2, 1]);
  });

  it("forgets removed rows: a refresh of a removed key re-renders nothing, a new row of that key is found", () => {
    const { tree, model, page, step } = setup(3);
    const list = page().rows;
    list.remove(2);
    step(tree.flush());
    page().selected = 2;
    list.refresh(2);
    expect(tree.flush()).toEqual([]);
    page().selected = 0;
    list.insert(0, { id: 2, label: "back" });
    step(tree.flush());
    page().selected = 2;
    list.refresh(2);
    tree.countWork();
    expect(step(tree.flush())).toEqual([[Op.SetAttr, expect.any(Number), "class", "danger"]]);
    expect(tree.stats!.rendered).toBe(2); // the list's view and the row
    expect(toHtml(model)).toContain('<tr class="danger"><td>2</td><td><a>back</a>');
    list.set([]);
    step(tree.flush());
    list.refresh(1);
    expect(tree.flush()).toEqual([]);
  });

  it("renders no row that shows its item already, whether it stayed in place or moved", () => {
    const { tree, page, step } = setup(100);
    const list = page().rows;
    list.push({ id: 101, label: "row 101" });
    tree.countWork();
    step(tree.flush());
    expect(tree.stats!.rendered).toBe(2); // the list and the new row
    list.set([list.items[99], ...list.items.slice(0, 99), list.items[100]]);
    tree.countWork();
    const ops = step(tree.flush());
    expect(tree.stats!.rendered).toBe(1); // the list's view only: every row shows its item
    expect(ops.filter((op) => op[0] === Op.Move)).toHaveLength(1);
  });
});

describe("LiveList handlers", () => {
  it("binds handlers in the list's render to the component that owns the list", async () => {
    const { LiveSession } = await import("../../src/session/live-session.js");
    const { Msg } = await import("../../src/protocol/wire.js");
    let owner!: Owner;
    class Owner extends Component {
      chosen: unknown = null;
      list = new LiveList<Row>({ key: (r) => r.id, render: (r) => html`<li data-id=${r.id} onClick=${this.choose}>${r.label}</li>` }, rows(3));
      constructor(props: Record<string, unknown>) {
        super(props);
        owner = this;
      }
      choose(event: { data: Record<string, unknown> }) {
        this.chosen = event.data.id;
      }
      render() {
        return html`<ul>${this.list.view}</ul>`;
      }
    }
    const sent: string[] = [];
    const session = new LiveSession("/", html`<${Owner} />`);
    session.attach({ send: (data) => sent.push(data), close: () => {} });
    const [id] = session.tree.handlers.ids().slice(1, 2); // the second row's <li>
    session.receive({ k: Msg.Event, e: 1, n: id, t: "click", d: {} });
    expect(owner.chosen).toBe(2);
    expect(sent.some((m) => m.includes('"code":"handler_failed"'))).toBe(false);
    session.end();
  });
});

describe("LiveList clear", () => {
  it("empties a list that is its element's only content with one Clear op", () => {
    const { tree, model, page, step } = setup(1000);
    page().rows.set([]);
    const ops = step(tree.flush());
    expect(ops).toEqual([[Op.Clear, expect.any(Number)]]);
    page().selected = 1;
    page().rows.refresh(1); // a row that was cleared away: nothing to render
    expect(tree.flush()).toEqual([]);
    expect(toHtml(model)).toContain("<table></table>");
    // The list fills again as before.
    page().rows.push({ id: 1, label: "again" });
    step(tree.flush());
    expect(toHtml(model)).toContain("<table><tr");
  });
});
