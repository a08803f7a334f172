import type { ElementTree } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { VNode } from "../vnode/vnode.js";
import { createComponent, renderComponent } from "./render-component.js";
import { createComponentNode, createLiveNode, setChildren, setOnlyChild, setSoleText, type LiveNode } from "./live-node.js";
import { encodeNode, type TreeSink } from "./encode.js";
import { assignIds } from "./ids.js";
import { keptVNode } from "./kept-vnode.js";
import type { LiveTree } from "./live-tree.js";

/**
 * Creates the live node for a new vnode and appends its DOM subtree(s) to `out`, in the
 * encoding of `Tree` (encode.ts). Ids are taken from `tree.nextId` in pre-order (assignIds),
 * the order in which the browser assigns them, so the encoded tree carries no ids.
 *
 * `out` null: the live nodes only, for a first paint that the page gets as HTML (LiveTree.paint).
 * The encoding would be thrown away: the tab gets the tree at its join, encoded with fresh ids,
 * statics and handlers (LiveTree.encode), so none of them is recorded here either.
 */
export function createNode(tree: LiveTree, v: VNode | string, parent: LiveNode, out: TreeSink | null): LiveNode {
  if (tree.stats !== null) tree.stats.created++;
  if (typeof v === "string" || v.flags & VNodeFlags.Raw) {
    // Text or raw HTML: one DOM node, nothing inside it to diff.
    const live = createLiveNode(0, v, parent);
    assignIds(tree, live);
    if (out !== null) out.push(encodeNode(tree, live));
    return live;
  }
  const flags = v.flags;
  if (flags & VNodeFlags.Element) {
    const live = createLiveNode(0, v, parent);
    const children = v.children;
    // Its children have live nodes unless it is a static subtree, its children are static (they
    // have ids but no live nodes), or its only child is text (`<td>${label}</td>`), which the
    // element holds (see soleText): a live node per text would be most of an idle session's tree.
    const liveChildren = (flags & (VNodeFlags.Static | VNodeFlags.StaticChildren)) === 0;
    const sole = liveChildren && children.length === 1 && typeof children[0] === "string";
    if (sole) {
      if (tree.stats !== null) tree.stats.created++;
      setSoleText(live, children[0] as string);
    }
    assignIds(tree, live);
    const encoded = out === null ? null : encodeNode(tree, live);
    if (encoded !== null) out!.push(encoded);
    if (liveChildren && !sole) createChildren(tree, live, children, encoded as ElementTree | null);
    if (v.site !== null && !(flags & VNodeFlags.Static)) live.vnode = keptVNode(v);
    return live;
  }
  const isFragment = (flags & VNodeFlags.Fragment) !== 0;
  const live = isFragment ? createLiveNode(0, v, parent) : createComponentNode(v, parent);
  let children: ReadonlyArray<VNode | string>;
  if (isFragment) children = v.children;
  else {
    createComponent(tree, live);
    children = renderComponent(tree, live) ?? [];
  }
  createChildren(tree, live, children, out);
  return live;
}

/** Creates `children` as the live children of a node that has none yet (createNode for each, in order). */
export function createChildren(tree: LiveTree, parent: LiveNode, children: ReadonlyArray<VNode | string>, out: TreeSink | null): void {
  if (children.length === 1) {
    setOnlyChild(parent, createNode(tree, children[0], parent, out)); // without an array of one
    return;
  }
  const live: LiveNode[] = new Array(children.length);
  for (let i = 0; i < children.length; i++) live[i] = createNode(tree, children[i], parent, out);
  setChildren(parent, live);
}
