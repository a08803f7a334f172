import { VNodeFlags } from "../vnode/flags.js";
import type { ValuesVNode, VNode } from "../vnode/vnode.js";
import { createComponent, renderComponent } from "./render-component.js";
import { createComponentNode, createLiveNode, setChildren, setOnlyChild, setSoleText, type LiveNode } from "./live-node.js";
import { encodeElement, encodeRaw, encodeStatic, type TreeSink } from "./encode.js";
import { assignIds } from "./ids.js";
import { keptVNode } from "./kept-vnode.js";
import { createFromShape, createFromValues } from "./shapes.js";
import { expandRow } from "./shaped.js";
import { createRows } from "./rows.js";
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
  if (typeof v === "string") {
    const live = createLiveNode(0, v, parent);
    assignIds(tree, live);
    if (out !== null) out.push(v);
    return live;
  }
  if (v.flags & VNodeFlags.Values) {
    // A row's values (template/flat.ts): a shaped element made from them when its shape has
    // one, else the element's vnode, created as any other.
    if (out !== null && tree.shapes) {
      const shaped = createFromValues(tree, v as ValuesVNode, parent, out);
      if (shaped !== null) return shaped;
    }
    v = expandRow(tree, v as ValuesVNode);
  }
  const flags = v.flags;
  if (flags & VNodeFlags.Element) {
    // Sent as a shape and its values when it can be (a list's rows: see shapes.ts); in a first
    // paint that shows a list, kept as a shaped element all the same (nothing is sent: the tab
    // gets the tree at its join, where a shaped element is written out as its element).
    if (v.site !== null && !(flags & VNodeFlags.Static) && (out !== null ? tree.shapes : tree.hasLists)) {
      const shaped = createFromShape(tree, v, parent, out);
      if (shaped !== null) return shaped;
    }
    const live = createLiveNode(0, v, parent);
    if (flags & VNodeFlags.Static) {
      assignIds(tree, live);
      if (out !== null) out.push(encodeStatic(tree, v));
      return live;
    }
    const children = v.children;
    const sole = takeSoleText(tree, live, v);
    assignIds(tree, live);
    const el = out === null ? null : encodeElement(tree, live, v);
    // Static children have ids but no live nodes (nothing will ever patch them).
    if (!sole && !(flags & VNodeFlags.StaticChildren)) createChildren(tree, live, children, el);
    if (v.site !== null) live.vnode = keptVNode(v);
    if (el !== null) out!.push(el);
    return live;
  }
  if (flags & VNodeFlags.Raw) {
    const live = createLiveNode(0, v, parent);
    assignIds(tree, live);
    if (out !== null) out.push(encodeRaw(v));
    return live;
  }
  const isFragment = (flags & VNodeFlags.Fragment) !== 0;
  const live = isFragment ? createLiveNode(0, v, parent) : createComponentNode(v, parent);
  if (flags & VNodeFlags.Rows) {
    createRows(tree, live, v, out); // a LiveList's rows, from its items (rows.ts)
    return live;
  }
  let children: ReadonlyArray<VNode | string>;
  if (isFragment) children = v.children;
  else {
    createComponent(tree, live);
    children = renderComponent(tree, live) ?? [];
  }
  createChildren(tree, live, children, out);
  return live;
}

/**
 * A sole text child (`<td>${label}</td>`) has no live node: the element holds its text (see
 * soleText), set here before its ids are assigned. A live node per text would be most of an
 * idle session's tree. True if `v` has one.
 */
export function takeSoleText(tree: LiveTree, live: LiveNode, v: VNode): boolean {
  const children = v.children;
  if (v.flags & VNodeFlags.StaticChildren || children.length !== 1 || typeof children[0] !== "string") return false;
  if (tree.stats !== null) tree.stats.created++;
  setSoleText(live, children[0]);
  return true;
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
