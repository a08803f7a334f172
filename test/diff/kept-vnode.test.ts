import { describe, expect, it } from "vitest";
import { LiveTree } from "../../src/diff/live-tree.js";
import { childAt, soleText, type LiveNode } from "../../src/diff/live-node.js";
import { html } from "../../src/template/html.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import type { VNode } from "../../src/vnode/vnode.js";
import { freshHtml, liveChildren, mirrored } from "../support/ops-model.js";

function add() {}
const view = (n: number, onClick: unknown = add) =>
  html`<main><h1>Counter</h1><p><button onClick=${onClick}>+</button><output>${n}</output></p></main>`;

/** The live element with this tag (depth first). */
function find(live: LiveNode, tag: string): LiveNode | undefined {
  return allNodes(live).find((node) => typeof node.vnode !== "string" && node.vnode.type === tag);
}

/** Every live node below and including `live`, depth first. */
function allNodes(live: LiveNode): LiveNode[] {
  return [live, ...liveChildren(live).flatMap(allNodes)];
}

describe("the vnodes live elements keep", () => {
  it("are one vnode per template site, shared by every session, that keeps no render's children", () => {
    const [a, b] = [new LiveTree(), new LiveTree()];
    const first = view(1);
    a.render(first);
    b.render(view(2));
    expect(find(a.root, "main")!.vnode).not.toBe(first);
    for (const tag of ["main", "p", "button"]) {
      const kept = find(a.root, tag)!.vnode as VNode;
      expect(find(b.root, tag)!.vnode).toBe(kept);
      expect(kept.children.length).toBe(tag === "button" ? 1 : 0); // static children stay; live ones are not kept twice
      expect(kept.flags & VNodeFlags.Kept).toBe(VNodeFlags.Kept);
    }
    const p = find(a.root, "p")!.vnode;
    a.render(view(3));
    expect(find(a.root, "p")!.vnode).toBe(p);
    // A static subtree is one vnode already.
    expect(find(a.root, "h1")!.vnode).toBe(find(b.root, "h1")!.vnode);
    expect((find(a.root, "h1")!.vnode as VNode).flags & VNodeFlags.Static).toBe(VNodeFlags.Static);
    expect((find(a.root, "button")!.vnode as VNode).props.onClick).toBe(add);
  });

  it("are an element's own when its props differ from the site's, or when it has a key", () => {
    const [a, b] = [new LiveTree(), new LiveTree()];
    a.render(view(1, () => 1));
    b.render(view(1, () => 2));
    expect(find(b.root, "button")!.vnode).not.toBe(find(a.root, "button")!.vnode);
    expect(((find(b.root, "button")!.vnode as VNode).props.onClick as () => number)()).toBe(2);
    // The <output> keeps the shared copy and holds its text itself.
    expect(soleText(find(a.root, "output")!)).toBe("1");
    expect(find(a.root, "output")!.vnode).toBe(find(b.root, "output")!.vnode);
    const item = (k: number) => html`<li key=${k}>${k}</li>`;
    const tree = new LiveTree();
    const items = [item(1), item(2)];
    const list = html`<ul>${items}</ul>`;
    tree.render(list);
    expect(find(tree.root, "ul")!.vnode).not.toBe(list); // the <ul>: a copy
    expect(find(tree.root, "li")!.vnode).toBe(items[0]);
  });

  it("leave patches and the page as they were", () => {
    const m = mirrored();
    for (const n of [1, 2, 2, 3]) {
      m.render(view(n));
      expect(m.html()).toBe(freshHtml(view(n)));
    }
    const other = () => {};
    m.render(view(4, other));
    expect((find(m.tree.root, "button")!.vnode as VNode).props.onClick).toBe(other);
    m.render(view(5));
    expect((find(m.tree.root, "button")!.vnode as VNode).props.onClick).toBe(add);
    expect(m.html()).toBe(freshHtml(view(5)));
  });

  it("make a template's result rendered again compared, not skipped: no op, work bounded by that subtree", () => {
    const tree = new LiveTree();
    tree.countWork();
    const memo = view(1);
    tree.render(html`<div>${memo}</div>`);
    const compared = tree.stats!.compared;
    expect(tree.render(html`<div>${memo}</div>`)).toEqual([]);
    // div, main, p, button, output; not the static <h1>
    expect(tree.stats!.compared - compared).toBe(5);
  });
});

describe("what an idle session keeps of the counter example", () => {
  it("is one live node per patchable DOM node, and no vnode of its own renders", async () => {
    const { Counter } = await import("../../examples/counter.js");
    const { h } = await import("../../src/template/h.js");
    const [a, b] = [new LiveTree(), new LiveTree()];
    a.render(h(Counter, {}));
    b.render(h(Counter, {}));
    childAt(a.root, 0).instance!.setState({ count: 5 });
    a.flush();
    const nodes = allNodes(a.root);
    // root, Counter, main, h1, p, button, output (holding its text), button, p: the static <a> and texts have none.
    expect(nodes.length).toBe(9);
    const elements = nodes.slice(2).map((live) => live.vnode as VNode);
    for (const v of elements) expect(v.flags & (VNodeFlags.Static | VNodeFlags.Kept)).not.toBe(0);
    expect(soleText(find(a.root, "output")!)).toBe("5");
    // Every one of them is the other session's too.
    allNodes(b.root).slice(2).forEach((live, i) => expect(live.vnode).toBe(elements[i]));
  });
});
