import { TreeKind, type ElementTree, type EncodedAttrs, type Tree } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { VNode } from "../vnode/vnode.js";
import { createComponent, renderComponent } from "./render-component.js";
import { childAt, childCount, createComponentNode, createLiveNode, setChildren, setOnlyChild, setSoleText, soleText, type LiveNode } from "./live-node.js";
import { encodeAttrs, encodeConstantAttrs } from "./props.js";
import { keptVNode } from "./kept-vnode.js";
import type { LiveTree } from "./live-tree.js";

/** Where encoded trees go: a list of trees, or an encoded element's children. */
export type TreeSink = { push(tree: Tree): number };

/**
 * Creates the live node for a new vnode and appends its DOM subtree(s) to `out`, in the
 * encoding of `Tree`. Ids are taken from `tree.nextId` in pre-order, the order in which the
 * browser assigns them, so the encoded tree carries no ids.
 *
 * `out` null: the live nodes only, for a first paint that the page gets as HTML (LiveTree.paint).
 * The encoding would be thrown away: the tab gets the tree at its join, encoded with fresh ids,
 * statics and handlers (LiveTree.encode), so none of them is recorded here either.
 */
export function createNode(tree: LiveTree, v: VNode | string, parent: LiveNode, out: TreeSink | null): LiveNode {
  if (tree.stats !== null) tree.stats.created++;
  if (typeof v === "string") {
    out?.push(v);
    return createLiveNode(tree.nextId++, v, parent);
  }
  const flags = v.flags;
  if (flags & VNodeFlags.Element) {
    const live = createLiveNode(tree.nextId++, v, parent);
    if (flags & VNodeFlags.Static) {
      out?.push(encodeStatic(tree, v));
      return live;
    }
    const tag = v.type as string;
    const el: ElementTree | null = out === null ? null : [tag, elementAttrs(tree, live, tag, v)];
    const children = v.children;
    if (flags & VNodeFlags.StaticChildren) {
      if (el === null) tree.nextId += children.length; // one id each, as encodeStaticChildren gives
      else encodeStaticChildren(tree, children, el);
    } else if (children.length === 1 && typeof children[0] === "string") {
      // A sole text child (`<td>${label}</td>`) gets its id (the element's + 1) and no live
      // node: the element holds its text (see soleText).
      if (tree.stats !== null) tree.stats.created++;
      tree.nextId++;
      el?.push(children[0]);
      setSoleText(live, children[0]);
    } else createChildren(tree, live, children, el);
    if (v.site !== null) live.vnode = keptVNode(v);
    if (el !== null) out!.push(el);
    return live;
  }
  if (flags & VNodeFlags.Raw) {
    out?.push([TreeKind.Raw, v.props.html as string]);
    return createLiveNode(tree.nextId++, v, parent);
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

/**
 * Encodes an existing live tree for a browser that has none of it yet (a new connection):
 * renumbers ids in pre-order and rebuilds the handler map, so no id is sent.
 */
export function encodeLive(tree: LiveTree, live: LiveNode, out: TreeSink): void {
  const v = live.vnode;
  if (typeof v === "string") {
    live.id = tree.nextId++;
    out.push(v);
    return;
  }
  const flags = v.flags;
  if (flags & VNodeFlags.Element) {
    live.id = tree.nextId++;
    if (flags & VNodeFlags.Static) {
      out.push(encodeStatic(tree, v));
      return;
    }
    const tag = v.type as string;
    const el: ElementTree = [tag, elementAttrs(tree, live, tag, v)];
    const text = soleText(live);
    if (flags & VNodeFlags.StaticChildren) encodeStaticChildren(tree, v.children, el);
    else if (text !== null) {
      tree.nextId++; // its sole text child
      el.push(text);
    } else {
      for (let i = 0, n = childCount(live); i < n; i++) encodeLive(tree, childAt(live, i), el);
    }
    out.push(el);
  } else if (flags & VNodeFlags.Raw) {
    live.id = tree.nextId++;
    out.push([TreeKind.Raw, v.props.html as string]);
  } else {
    for (let i = 0, n = childCount(live); i < n; i++) encodeLive(tree, childAt(live, i), out);
  }
}

function elementAttrs(tree: LiveTree, live: LiveNode, tag: string, v: VNode): EncodedAttrs | 0 {
  return v.flags & VNodeFlags.StaticProps ? encodeConstantAttrs(tree, tag, v.props) : encodeAttrs(tree, live, tag, v.props);
}

/**
 * The children of an element whose children are template text (VNodeFlags.StaticChildren):
 * text and static subtrees, one DOM node and one id each, and no live nodes, since nothing
 * will ever patch them (a change of template site replaces the element).
 */
function encodeStaticChildren(tree: LiveTree, children: ReadonlyArray<VNode | string>, el: ElementTree): void {
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    tree.nextId++;
    if (typeof c === "string") el.push(c);
    else if (c.flags & VNodeFlags.Static) el.push(encodeStatic(tree, c));
    else throw new Error("Tether: static children hold only text and static subtrees");
  }
}

/**
 * A static subtree travels once per connection: the first time as a definition, then as a
 * reference the browser clones. Its inner nodes get no ids: nothing will ever patch them.
 */
function encodeStatic(tree: LiveTree, v: VNode): Tree {
  let sid = staticIds.get(v);
  if (sid === undefined) staticIds.set(v, (sid = nextStaticId++));
  if (tree.hasStatic(sid)) return [TreeKind.StaticRef, sid];
  tree.addStatic(sid);
  return [TreeKind.StaticDef, sid, encodeStaticElement(tree, v)];
}

/**
 * Static subtrees are shared by every session (one per template site), so their
 * ids are process-wide; each session only remembers which of them its page already has.
 */
const staticIds = new WeakMap<VNode, number>();
let nextStaticId = 1;

function encodeStaticElement(tree: LiveTree, v: VNode): ElementTree {
  const tag = v.type as string;
  const el: ElementTree = [tag, encodeConstantAttrs(tree, tag, v.props)];
  const children = v.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (typeof c === "string") el.push(c);
    else if (c.flags & VNodeFlags.Raw) el.push([TreeKind.Raw, c.props.html as string]);
    else el.push(encodeStaticElement(tree, c));
  }
  return el;
}
