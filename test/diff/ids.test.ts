/**
 * assignIds (src/diff/ids.ts) numbers the nodes of every walk: a first paint (createNode
 * without encoding), a Create (createNode with encoding) and a join (encodeLive). Random pages
 * must come out of the three with the same ids, and the browser (the ops model, numbering a
 * Create's trees as runtime/dom/build.ts does) must agree with them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Component } from "../../src/component/component.js";
import { soleTextId } from "../../src/diff/ids.js";
import { childList, createLiveNode, type LiveNode } from "../../src/diff/live-node.js";
import { LiveTree } from "../../src/diff/live-tree.js";
import { Op, type PatchOp, type Tree } from "../../src/protocol/wire.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { raw } from "../../src/template/raw.js";
import type { Renderable } from "../../src/vnode/vnode.js";
import { applyOps, checkMirror, createModel, freshHtml, mirrored, toHtml } from "../support/ops-model.js";

/** A page, as data (fast-check prints and shrinks it); `build` makes its vnodes. */
type Shape =
  | { t: "text"; s: string }
  | { t: "cell"; s: string }
  | { t: "badge" }
  | { t: "button"; n: number }
  | { t: "raw" }
  | { t: "hole" }
  | { t: "div"; id: string | null; kids: Shape[] }
  | { t: "p"; kids: Shape[] }
  | { t: "list"; keys: number[] }
  | { t: "fragment"; kids: Shape[] }
  | { t: "class"; kid: Shape }
  | { t: "fn"; kid: Shape };

const onClick = () => {};

class Wrap extends Component<{ children?: unknown }> {
  render() {
    return this.props.children as Renderable;
  }
}

const Show = (props: { kid: Renderable }) => html`<em>${props.kid}</em>`;

function build(shape: Shape): Renderable {
  switch (shape.t) {
    case "text": return shape.s;
    case "cell": return html`<td class="c">${shape.s}</td>`; // a sole text
    case "badge": return html`<span class="badge">new <b>!</b></span>`; // a static subtree
    case "button": return html`<button onClick=${onClick} data-n=${shape.n}>add <b>one</b></button>`; // static children
    case "raw": return raw("<i>raw</i>");
    case "hole": return null;
    case "div": return h("div", shape.id === null ? null : { id: shape.id }, ...shape.kids.map(build));
    case "p": return html`<p>${shape.kids.map(build)}<hr /></p>`;
    case "list": return html`<ul>${shape.keys.map((k) => html`<li key=${k}>${k}</li>`)}</ul>`;
    case "fragment": return shape.kids.map(build);
    case "class": return h(Wrap, null, build(shape.kid));
    case "fn": return h(Show, { kid: build(shape.kid) });
  }
}

const { shape } = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: "medium", withCrossShrink: true },
    fc.record({ t: fc.constant("text" as const), s: fc.constantFrom("a", "b", "") }),
    fc.record({ t: fc.constant("cell" as const), s: fc.constantFrom("x", "y", "") }),
    fc.constant({ t: "badge" as const }),
    fc.record({ t: fc.constant("button" as const), n: fc.integer({ min: 0, max: 2 }) }),
    fc.constant({ t: "raw" as const }),
    fc.constant({ t: "hole" as const }),
    fc.record({ t: fc.constant("div" as const), id: fc.constantFrom(null, "d"), kids: fc.array(tie("shape"), { maxLength: 4 }) }),
    fc.record({ t: fc.constant("p" as const), kids: fc.array(tie("shape"), { maxLength: 3 }) }),
    fc.record({ t: fc.constant("list" as const), keys: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 5 }) }),
    fc.record({ t: fc.constant("fragment" as const), kids: fc.array(tie("shape"), { maxLength: 3 }) }),
    fc.record({ t: fc.constant("class" as const), kid: tie("shape") }),
    fc.record({ t: fc.constant("fn" as const), kid: tie("shape") }),
  ),
}));

/** A page: a few shapes side by side at the root. */
const page = fc.array(shape, { minLength: 1, maxLength: 5 }).map((kids): Shape => ({ t: "fragment", kids }));

/** Every live node's id in pre-order, the root's included (0: a fragment or component). */
function ids(root: LiveNode): number[] {
  const out: number[] = [];
  const walk = (live: LiveNode) => {
    out.push(live.id);
    for (const child of childList(live)) walk(child);
  };
  walk(root);
  return out;
}

/** The trees of a first render's ops: one Create at the root from id 1, or nothing. */
function createdTrees(ops: PatchOp[]): Tree[] {
  if (ops.length === 0) return [];
  expect(ops).toHaveLength(1);
  const [kind, parent, before, firstId, trees] = ops[0] as [number, number, number, number, Tree[]];
  expect([kind, parent, before, firstId]).toEqual([Op.Create, 0, 0, 1]);
  return trees;
}

describe("assignIds: one numbering for every walk (properties)", () => {
  it("a first paint, a Create and a join give every node the same id", () => {
    fc.assert(
      fc.property(page, (s) => {
        const painted = new LiveTree();
        painted.paint(build(s));
        const created = new LiveTree();
        const trees = createdTrees(created.render(build(s)));

        // The first paint (no encoding) numbers as the Create does.
        expect(ids(painted.root)).toEqual(ids(created.root));
        expect(painted.nextId).toBe(created.nextId);

        // The join renumbers the painted tree: the same ids again, and the same trees the Create sent.
        const join = painted.encode();
        expect(join.firstId).toBe(1);
        expect(ids(painted.root)).toEqual(ids(created.root));
        expect(painted.nextId).toBe(created.nextId);
        expect(join.trees).toEqual(trees);
        expect(painted.handlers.ids()).toEqual(created.handlers.ids());

        // And the browser, numbering the trees as it builds them, has those ids for the same nodes.
        for (const [tree, sent] of [[created, trees], [painted, join.trees]] as const) {
          const model = createModel();
          if (sent.length > 0) applyOps(model, [[Op.Create, 0, 0, 1, sent]]);
          checkMirror(tree.root, model);
          expect(toHtml(model)).toBe(freshHtml(build(s)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a join after updates numbers the page as a Create of it would", () => {
    fc.assert(
      fc.property(page, page, (before, after) => {
        const m = mirrored(); // checks every batch's ids against the model
        m.render(build(before));
        m.render(build(after));
        const fresh = new LiveTree();
        const trees = createdTrees(fresh.render(build(after)));
        const join = m.tree.encode();
        expect(join.trees).toEqual(trees);
        expect(m.tree.nextId).toBe(fresh.nextId);
        const model = createModel();
        if (join.trees.length > 0) applyOps(model, [[Op.Create, 0, 0, join.firstId, join.trees]]);
        checkMirror(m.tree.root, model);
        expect(toHtml(model)).toBe(freshHtml(build(after)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("soleTextId", () => {
  it("is the id after its element's: the text's place in pre-order", () => {
    expect(soleTextId(createLiveNode(7, "x", null))).toBe(8);
  });
});
