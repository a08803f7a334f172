import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { Op } from "../../src/protocol/wire.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { Fragment, type VNode } from "../../src/vnode/vnode.js";
import { countOps, freshHtml, mirrored, type ModelNode } from "../support/ops-model.js";
import { LiveTree } from "../../src/diff/live-tree.js";

const { Create, Remove, Move, SetText, Clear } = Op;

// <ul> is id 1; on a first render the row at index i is id 2 + 2i and its text 3 + 2i.
const row = (k: number | string) => html`<li key=${k}>${String(k)}</li>`;
const list = (keys: Array<number | string>) => html`<ul>${keys.map(row)}</ul>`;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function after(first: Array<number | string>, second: Array<number | string>) {
  const m = mirrored();
  m.render(list(first));
  const ops = m.render(list(second));
  expect(m.html()).toBe(freshHtml(list(second)));
  return { ops, m };
}

describe("keyed lists: exact ops", () => {
  it("appends with one Create holding every new row", () => {
    expect(after([1, 2], [1, 2, 3, 4]).ops).toEqual([[Create, 1, 0, 6, [["li", 0, "3"], ["li", 0, "4"]]]]);
  });

  it("prepends before the first row", () => {
    expect(after([1, 2], [0, 1, 2]).ops).toEqual([[Create, 1, 2, 6, [["li", 0, "0"]]]]);
  });

  it("inserts in the middle before the next kept row", () => {
    expect(after([1, 2, 3], [1, 9, 8, 2, 3]).ops).toEqual([[Create, 1, 4, 8, [["li", 0, "9"], ["li", 0, "8"]]]]);
  });

  it("removes the first row with one Remove", () => {
    expect(after([1, 2, 3], [2, 3]).ops).toEqual([[Remove, 2]]);
  });

  it("removes rows anywhere, each with one Remove", () => {
    expect(after([1, 2, 3, 4, 5], [1, 3, 5]).ops).toEqual([[Remove, 4], [Remove, 8]]);
  });

  it("swaps rows 1 and 998 of 1000 with exactly 2 moves", () => {
    const keys = range(1000);
    const swapped = keys.slice();
    [swapped[1], swapped[998]] = [swapped[998], swapped[1]];
    const { ops } = after(keys, swapped);
    // row 1 (id 4) goes before row 999 (id 2000); row 998 (id 1998) goes before row 2 (id 6)
    expect(ops).toEqual([[Move, 4, 1, 2000], [Move, 1998, 1, 6]]);
  });

  it("swaps any two non-neighbouring rows of a long list with exactly 2 moves", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 199 }), fc.integer({ min: 0, max: 199 }), (a, b) => {
        fc.pre(Math.abs(a - b) > 1);
        const keys = range(200);
        const swapped = keys.slice();
        [swapped[a], swapped[b]] = [swapped[b], swapped[a]];
        expect(countOps(after(keys, swapped).ops)).toMatchObject({ move: 2, create: 0, remove: 0, setText: 0 });
      }),
      { numRuns: 30 },
    );
  });

  it("swaps two neighbours with a single move", () => {
    // rows 0-3 are ids 2, 4, 6, 8; row 1 stays and row 2 goes before it
    expect(after([0, 1, 2, 3], [0, 2, 1, 3]).ops).toEqual([[Move, 6, 1, 4]]);
  });

  it("reverses n rows with n - 1 moves", () => {
    // row 0 (id 2) stays; from the end, each row goes before the one placed last
    expect(after([0, 1, 2, 3, 4], [4, 3, 2, 1, 0]).ops).toEqual([
      [Move, 4, 1, 2],
      [Move, 6, 1, 4],
      [Move, 8, 1, 6],
      [Move, 10, 1, 8],
    ]);
  });

  it("moves the last row to the front with one move", () => {
    expect(after([0, 1, 2, 3], [3, 0, 1, 2]).ops).toEqual([[Move, 8, 1, 2]]);
  });

  it("removes first, then moves and creates from the end", () => {
    // row 2 (id 6) goes; row 0 (id 2) stays; row 1 (id 4) goes before it, 9 is created before
    // row 1, and row 3 (id 8) goes before the new row (id 10)
    expect(after([0, 1, 2, 3], [3, 9, 1, 0]).ops).toEqual([
      [Remove, 6],
      [Move, 4, 1, 2],
      [Create, 1, 4, 10, [["li", 0, "9"]]],
      [Move, 8, 1, 10],
    ]);
  });

  it("keeps a moved row's DOM node (its identity and input state)", () => {
    const m = mirrored();
    m.render(list([0, 1, 2]));
    const before = m.model.nodes.get(4)!; // row 1 of the new list
    m.render(list([1, 0, 2]));
    expect(m.model.nodes.get(4)).toBe(before);
    expect(m.model.counts.create).toBe(1);
  });

  it("empties a list that is its element's only child with one Clear", () => {
    expect(after([1, 2, 3], []).ops).toEqual([[Clear, 1]]);
  });

  it("removes each row of a list that has siblings", () => {
    const m = mirrored();
    const view = (keys: number[]) => html`<ul><li>head</li>${keys.map(row)}</ul>`;
    m.render(view([1, 2]));
    // the static <li>head</li> is id 2, the rows 3 and 5
    expect(m.render(view([]))).toEqual([[Remove, 3], [Remove, 5]]);
  });

  it("replaces a row whose key changes type: '1' and 1 are different keys", () => {
    expect(after([1], ["1"]).ops).toEqual([[Remove, 2], [Create, 1, 0, 4, [["li", 0, "1"]]]]);
  });

  it("patches a kept row in place: a text change is one SetText", () => {
    const m = mirrored();
    const view = (label: string) => html`<ul>${[1, 2, 3].map((k) => html`<li key=${k}>${k === 2 ? label : "x"}</li>`)}</ul>`;
    m.render(view("old"));
    expect(m.render(view("new"))).toEqual([[SetText, 5, "new"]]);
  });

  it("moves every DOM node of a keyed fragment, in order", () => {
    const m = mirrored();
    const group = (k: string) => h(Fragment, { key: k }, h("dt", null, k), h("dd", null, k));
    m.render(h("dl", null, ["a", "b"].map(group)));
    // dl 1; a: dt 2 (text 3), dd 4 (text 5); b: dt 6, dd 8. Group a stays, b's two nodes go before it.
    expect(m.render(h("dl", null, ["b", "a"].map(group)))).toEqual([[Move, 6, 1, 2], [Move, 8, 1, 2]]);
    expect(m.html()).toBe("<dl><dt>b</dt><dd>b</dd><dt>a</dt><dd>a</dd></dl>");
  });
});

describe("identity skip", () => {
  it("sends nothing and compares only the changed path when the rows are the same vnodes", () => {
    const m = mirrored();
    const rows = range(100).map(row);
    m.render(html`<ul>${rows}</ul>`);
    const compared = m.tree.stats!.compared;
    expect(m.render(html`<ul>${rows}</ul>`)).toEqual([]);
    expect(m.tree.stats!.compared - compared).toBe(2); // the <ul> and the list's fragment
  });

  it("sends nothing for an unchanged re-render of new vnodes", () => {
    const m = mirrored();
    m.render(list(range(50)));
    expect(m.render(list(range(50)))).toEqual([]);
  });

  it("skips a static subtree by identity without comparing inside it", () => {
    const m = mirrored();
    const view = (n: number) => html`<div><nav><a href="/">home</a><a href="/about">about</a></nav><p>${n}</p></div>`;
    m.render(view(1));
    const compared = m.tree.stats!.compared;
    // div 1, the static <nav> 2 (one id for the whole subtree), p 3, text 4
    expect(m.render(view(2))).toEqual([[SetText, 4, "2"]]);
    expect(m.tree.stats!.compared - compared).toBe(3); // div, p, text
  });
});

describe("unkeyed children", () => {
  it("patches in place by position", () => {
    const m = mirrored();
    m.render(h("p", null, "a", h("b", null, "x"), "c"));
    expect(m.render(h("p", null, "A", h("b", null, "x"), "C"))).toEqual([[SetText, 5, "C"], [SetText, 2, "A"]]);
  });

  it("replaces a node of another kind", () => {
    const m = mirrored();
    m.render(h("p", null, h("b", null), "t"));
    expect(m.render(h("p", null, h("i", null), "t"))).toEqual([[Remove, 2], [Create, 1, 3, 4, [["i", 0]]]]);
  });

  it("keeps the nodes after an inserted unkeyed element", () => {
    const m = mirrored();
    m.render(h("div", null, h("h1", null), h("p", null, "body")));
    expect(m.render(h("div", null, h("h1", null), h("nav", null), h("p", null, "body")))).toEqual([[Create, 1, 3, 5, [["nav", 0]]]]);
  });

  it("unmounts components of a cleared list (their unmount hooks run)", () => {
    const gone: string[] = [];
    class Row extends Component<{ k: string }> {
      unmount() {
        gone.push(this.props.k);
      }
      render() {
        return h("li", null, this.props.k);
      }
    }
    const m = mirrored();
    m.render(h("ul", null, ["a", "b"].map((k) => h(Row, { key: k, k }))));
    expect(m.render(h("ul", null, []))).toEqual([[Clear, 1]]);
    expect(gone).toEqual(["a", "b"]);
  });
});

/** A row with a key and a little content that may change between renders. */
interface Row {
  key: number;
  text: string;
  cls: string | null;
}

const rowArb = (key: number): fc.Arbitrary<Row> =>
  fc.record({ key: fc.constant(key), text: fc.constantFrom("a", "b", ""), cls: fc.constantFrom(null, "on", "off") });
const rowsArb: fc.Arbitrary<Row[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 59 }), { maxLength: 40 })
  .chain((keys) => (keys.length === 0 ? fc.constant([]) : fc.tuple(...keys.map(rowArb))));
const textsArb = (n: number) => fc.array(fc.constantFrom("x", "y", "z", ""), { minLength: n, maxLength: n });

const keyedRow = (r: Row) => html`<li key=${r.key} class=${r.cls} data-k=${r.key}>${r.text}</li>`;
// The siblings' count is fixed per template, as with real templates; their text varies.
const listView = (before: string[], rows: Row[], afterTexts: string[]) => h("div", null, ...before, rows.map(keyedRow), ...afterTexts);

function byKey(nodes: ModelNode[]): Map<string, ModelNode> {
  const map = new Map<string, ModelNode>();
  for (const n of nodes) if (n.attrs["data-k"] !== undefined) map.set(String(n.attrs["data-k"]), n);
  return map;
}

describe("random keyed lists (properties)", () => {
  it("patching A into B gives what rendering B from scratch gives, and keeps kept rows' nodes", () => {
    const shape = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }));
    const input = shape.chain(([nb, na]) => fc.tuple(textsArb(nb), rowsArb, textsArb(na), textsArb(nb), rowsArb, textsArb(na)));
    fc.assert(
      fc.property(input, ([b1, rowsA, a1, b2, rowsB, a2]) => {
        const m = mirrored(); // checks ids and the model after every batch
        m.render(listView(b1, rowsA, a1));
        const nodesA = byKey(m.model.root.children[0].children);
        m.render(listView(b2, rowsB, a2));
        expect(m.html()).toBe(freshHtml(listView(b2, rowsB, a2)));
        const nodesB = byKey(m.model.root.children[0].children);
        for (const r of rowsB) if (nodesA.has(String(r.key))) expect(nodesB.get(String(r.key))).toBe(nodesA.get(String(r.key)));
        expect(m.render(listView(b2, rowsB, a2))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("works for keyed rows mixed with unkeyed text and elements in one child list", () => {
    type Item = { kind: "row"; key: number } | { kind: "text"; text: string } | { kind: "hr" };
    const item: fc.Arbitrary<Item> = fc.oneof(
      fc.record({ kind: fc.constant("row" as const), key: fc.integer({ min: 0, max: 15 }) }),
      fc.record({ kind: fc.constant("text" as const), text: fc.constantFrom("t", "u") }),
      fc.record({ kind: fc.constant("hr" as const) }),
    );
    const items = fc.array(item, { maxLength: 25 }).map((xs) => {
      const seen = new Set<number>();
      return xs.filter((x) => x.kind !== "row" || (!seen.has(x.key) && seen.add(x.key)));
    });
    const build = (xs: Item[]): VNode =>
      h("section", null, "start", ...xs.map((x) => (x.kind === "row" ? h("p", { key: x.key }, String(x.key)) : x.kind === "text" ? x.text : h("hr", null))), "end");
    fc.assert(
      fc.property(items, items, items, (a, b, c) => {
        const m = mirrored();
        m.render(build(a));
        m.render(build(b));
        expect(m.html()).toBe(freshHtml(build(b)));
        m.render(build(c));
        expect(m.html()).toBe(freshHtml(build(c)));
      }),
      { numRuns: 300 },
    );
  });

  it("moves exactly n - LIS nodes for a pure permutation, and creates and removes none", () => {
    const lisLength = (xs: number[]): number => {
      const tails: number[] = []; // patience sorting, independent of the code under test
      for (const x of xs) {
        let lo = 0;
        let hi = tails.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (tails[mid] < x) lo = mid + 1;
          else hi = mid;
        }
        tails[lo] = x;
      }
      return tails.length;
    };
    const permutation = fc.integer({ min: 0, max: 40 }).chain((n) => fc.shuffledSubarray(range(n), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(permutation, (perm) => {
        const { ops } = after(range(perm.length), perm);
        const counts = countOps(ops);
        expect(counts.move).toBe(perm.length - lisLength(perm));
        expect(ops.length).toBe(counts.move);
      }),
      { numRuns: 300 },
    );
  });
});

describe("regressions", () => {
  it("does not Clear an element that gains a sibling of the list as the list empties", () => {
    const view = (items: string[], footer: boolean) =>
      html`<ul>${items.map((i) => html`<li key=${i}>${i}</li>`)}${footer && html`<li>footer</li>`}</ul>`;
    const tree = new LiveTree();
    tree.render(view(["a", "b"], false));
    const ops = tree.render(view([], true));
    expect(ops).not.toContainEqual([Op.Clear, 1]);
    expect(ops.filter((op) => op[0] === Op.Remove)).toHaveLength(2);
  });

  it("clears a list that stays its element's only child with one op", () => {
    const view = (items: string[]) => html`<ul>${items.map((i) => html`<li key=${i}>${i}</li>`)}</ul>`;
    const tree = new LiveTree();
    tree.render(view(["a", "b", "c"]));
    expect(tree.render(view([]))).toEqual([[Op.Clear, 1]]);
  });
});

describe("holes keep positions", () => {
  it("removes only a conditional element that disappears; the same-tag sibling after it keeps its node", () => {
    const tree = new LiveTree();
    const view = (showA: boolean) => html`<form>${showA ? html`<input id="a" name=${"a"} />` : null}<input id="b" name=${"b"} /></form>`;
    tree.render(view(true)); // form 1, input#a 2, input#b 3
    expect(tree.render(view(false))).toEqual([[Op.Remove, 2]]);
    expect(tree.render(view(true))).toEqual([[Op.Create, 1, 3, 4, [["input", { id: "a", name: "a" }]]]]);
  });
});
