import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { LiveList } from "../../src/component/live-list.js";
import { Op, type PatchOp } from "../../src/protocol/wire.js";
import { html } from "../../src/template/html.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import type { Renderable, VNode } from "../../src/vnode/vnode.js";
import type { LiveNode } from "../../src/diff/index.js";
import { freshHtml, liveChildren, mirrored } from "../support/ops-model.js";

interface Item {
  id: number;
  label: string;
}

const item = (id: number, label = `row ${id}`): Item => ({ id, label });

/** A page with a list in a <ul>, on a mirrored tree (every batch checked against a model of the page). */
function listPage(render: (item: Item) => Renderable, items: Item[], shapes: boolean) {
  const errors: unknown[] = [];
  const m = mirrored({ onError: (error) => errors.push(error) });
  m.tree.shapes = shapes;
  const list = new LiveList<Item>({ key: (i) => i.id, render }, items);
  class Page extends Component {
    render() {
      return html`<ul>${list.view}</ul>`;
    }
  }
  m.render(html`<${Page} />`);
  /** What a fresh render of the list's items shows. */
  const expected = () => freshHtml(html`<ul>${list.items.map(render)}</ul>`);
  return { m, list, errors, expected };
}

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const opsOf = (ops: PatchOp[], op: number) => ops.filter((o) => o[0] === op).length;

function countComponents(live: LiveNode): number {
  const v = live.vnode;
  let n = typeof v !== "string" && v.flags & VNodeFlags.Component ? 1 : 0;
  for (const child of liveChildren(live)) n += countComponents(child);
  return n;
}

const row = (i: Item) => html`<li class=${i.label.length % 2 ? "odd" : "even"} data-id=${i.id}>${i.label}</li>`;

describe("a LiveList's rows (diff/rows.ts)", () => {
  for (const shapes of [false, true]) {
    it(`keeps the page as a fresh render of the items through random changes (${shapes ? "rows as shapes" : "element trees"})`, () => {
      const next = random(shapes ? 7 : 11);
      const { m, list, expected } = listPage(row, [], shapes);
      let nextId = 1;
      for (let step = 0; step < 400; step++) {
        const items = list.items;
        const pick = () => items[Math.floor(next() * items.length)];
        const choice = next();
        let reorderOnly = false;
        if (choice < 0.15 || items.length === 0) list.push(...Array.from({ length: 1 + Math.floor(next() * 5) }, () => item(nextId++)));
        else if (choice < 0.25) list.insert(Math.floor(next() * (items.length + 1)), item(nextId++));
        else if (choice < 0.4) list.remove(pick().id);
        else if (choice < 0.55) {
          const kept = [...items].sort(() => next() - 0.5);
          list.set(kept);
          reorderOnly = true;
        } else if (choice < 0.7) {
          // Some kept, some new, some gone, some replaced by a new object of the same key.
          const mixed = items.filter(() => next() < 0.7).map((i) => (next() < 0.2 ? item(i.id, `${i.label}!`) : i));
          for (let k = Math.floor(next() * 4); k > 0; k--) mixed.splice(Math.floor(next() * (mixed.length + 1)), 0, item(nextId++));
          list.set(mixed.sort(() => next() - 0.5));
        } else if (choice < 0.85) {
          const target = pick();
          list.update(target.id, item(target.id, `${target.label}?`));
        } else if (choice < 0.95) list.refresh(pick().id);
        else list.set(items.length > 20 ? [] : items);
        const ops = m.flush();
        if (reorderOnly) expect(opsOf(ops, Op.Create) + opsOf(ops, Op.Remove)).toBe(0); // kept rows only move
        expect(m.html()).toBe(expected());
      }
    });
  }

  it("creates 1,000 rows as one Create op, rendering each row once and keeping no component per row", () => {
    const { m, list, expected } = listPage(row, [], true);
    m.tree.countWork();
    const ops = m.flush();
    expect(ops).toEqual([]);
    list.set(Array.from({ length: 1000 }, (_, i) => item(i + 1)));
    const created = m.flush();
    expect(created).toHaveLength(1);
    expect(created[0][0]).toBe(Op.Create);
    expect(m.tree.stats!.rendered).toBe(1000 + 1); // the rows and the list's view
    expect(countComponents(m.tree.root)).toBe(2); // the page and the list's view
    expect(m.html()).toBe(expected());
  });

  it("renders again only the rows whose item is a new object, when the items are set again", () => {
    const { m, list, expected } = listPage(row, Array.from({ length: 100 }, (_, i) => item(i + 1)), true);
    const items = [...list.items];
    items[40] = item(41, "changed");
    items.reverse();
    m.tree.countWork();
    const ops = m.flush();
    expect(ops).toEqual([]);
    list.set(items);
    const changed = m.flush();
    expect(m.tree.stats!.rendered).toBe(1 + 1); // row 41 and the list's view
    expect(opsOf(changed, Op.SetText)).toBe(1);
    expect(opsOf(changed, Op.Create) + opsOf(changed, Op.Remove)).toBe(0);
    expect(m.html()).toBe(expected());
  });

  it("shows rows of any kind (text, several nodes, a component, nothing) and replaces a row that changes kind in place", () => {
    function Badge(props: { label: string }) {
      return html`<em>${props.label}</em>`;
    }
    const anyRow = (i: Item): Renderable => {
      switch (i.label[0]) {
        case "t":
          return `text ${i.id}`;
        case "f":
          return [html`<b>${i.id}</b>`, html`<i>${i.label}</i>`];
        case "c":
          return html`<${Badge} label=${i.label} />`;
        case "n":
          return null;
        default:
          return html`<li>${i.label}</li>`;
      }
    };
    const kinds = ["text", "frag", "comp", "none", "elem"];
    const { m, list, expected } = listPage(anyRow, kinds.map((k, i) => item(i + 1, k)), true);
    expect(m.html()).toBe(expected());
    // Each row becomes the next kind, by update (in place) and then by a reorder (keyed diff).
    for (let round = 1; round < kinds.length; round++) {
      for (let i = 0; i < kinds.length; i++) list.update(i + 1, item(i + 1, kinds[(i + round) % kinds.length]));
      m.flush();
      expect(m.html()).toBe(expected());
      list.set([...list.items].reverse().map((r) => item(r.id, kinds[(kinds.indexOf(r.label) + 1) % kinds.length])));
      m.flush();
      expect(m.html()).toBe(expected());
    }
  });

  it("reports a row whose render throws: a new one shows nothing, an updated one keeps what it showed", () => {
    const risky = (i: Item) => {
      if (i.label === "boom") throw new Error(`row ${i.id} cannot render`);
      return row(i);
    };
    const { m, list, errors } = listPage(risky, [item(1), item(2, "boom"), item(3)], true);
    expect(errors).toHaveLength(1);
    expect(m.html()).toBe(freshHtml(html`<ul>${[item(1), item(3)].map(row)}</ul>`));
    list.update(1, item(1, "boom"));
    expect(m.flush()).toEqual([]);
    expect(errors).toHaveLength(2);
    expect(m.html()).toBe(freshHtml(html`<ul>${[item(1), item(3)].map(row)}</ul>`));
    list.update(2, item(2, "fine now"));
    list.set([...list.items].reverse());
    m.flush();
    expect(errors).toHaveLength(3); // row 1 still throws when the reorder renders it (its item is new)
    expect(m.html()).toBe(freshHtml(html`<ul>${[item(3), item(2, "fine now"), item(1)].map(row)}</ul>`));
  });

  it("gives a second item of the same key a row of its own", () => {
    const { m, list, expected } = listPage(row, [item(1), item(2)], false);
    list.set([item(1), item(2, "first"), item(2, "second"), item(3)]);
    m.flush();
    expect(m.html()).toBe(expected());
    list.set([item(2, "second"), item(1)]);
    m.flush();
    expect(m.html()).toBe(expected());
  });

  it("shows what the list holds when its view comes back, after changes made while it was not on the page", () => {
    const errors: unknown[] = [];
    const m = mirrored({ onError: (error) => errors.push(error) });
    const list = new LiveList<Item>({ key: (i) => i.id, render: row }, [item(1), item(2)]);
    let page!: Page;
    class Page extends Component<Record<string, never>, { shown: boolean }> {
      state = { shown: true };
      constructor(props: Record<string, never>) {
        super(props);
        page = this;
      }
      render() {
        return html`<ul>${this.state.shown ? list.view : null}</ul>`;
      }
    }
    m.render(html`<${Page} />`);
    list.update(1, item(1, "one"));
    page.setState({ shown: false }); // the update and the hiding in one flush
    m.flush();
    expect(m.html()).toBe("<ul></ul>");
    list.push(item(3));
    list.update(2, item(2, "two"));
    list.refresh(3);
    expect(m.flush()).toEqual([]); // nothing on the page to change
    page.setState({ shown: true });
    m.flush();
    expect(m.html()).toBe(freshHtml(html`<ul>${[item(1, "one"), item(2, "two"), item(3)].map(row)}</ul>`));
    list.update(3, item(3, "three")); // found again: the list is on the page
    m.flush();
    expect(m.html()).toBe(freshHtml(html`<ul>${[item(1, "one"), item(2, "two"), item(3, "three")].map(row)}</ul>`));
    expect(errors).toEqual([]);
  });

  it("keeps a number in a text hole as the number: its text on the page, no op for the same text", () => {
    interface Cell {
      id: number;
      n: number | string;
    }
    const m = mirrored();
    m.tree.shapes = true;
    const cell = (c: Cell) => html`<li data-id=${c.id}>${c.n}</li>`;
    const list = new LiveList<Cell>({ key: (c) => c.id, render: cell });
    class Page extends Component {
      render() {
        return html`<ul>${list.view}</ul>`;
      }
    }
    m.render(html`<${Page} />`);
    const cells: Cell[] = [1.5, -0, NaN, 1e21, -3, 42].map((n, i) => ({ id: i + 1, n }));
    list.set(cells);
    m.flush();
    expect(m.html()).toBe(freshHtml(html`<ul>${cells.map(cell)}</ul>`));
    expect(m.html()).toContain("<li data-id=\"3\">NaN</li>");
    list.update(6, { id: 6, n: "42" }); // the same text, as a string
    expect(m.flush()).toEqual([]);
    list.update(6, { id: 6, n: 43 });
    const ops = m.flush();
    expect(ops).toEqual([[Op.SetText, expect.any(Number), "43"]]);
    expect(m.html()).toContain("<li data-id=\"6\">43</li>");
  });

  it("renders the list's view as a rows fragment that holds no children of its own", () => {
    const { m } = listPage(row, [item(1)], false);
    const view = liveChildren(liveChildren(liveChildren(m.tree.root)[0])[0])[0]; // page → <ul> → the list's view
    const rows = liveChildren(view)[0];
    expect(((rows.vnode as VNode).flags & VNodeFlags.Rows) !== 0).toBe(true);
    expect((rows.vnode as VNode).children).toHaveLength(0);
    expect(liveChildren(rows)).toHaveLength(1);
  });
});
