import { TreeKind, type ElementTree, type Tree } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { VNode } from "../vnode/vnode.js";
import { childAt, childCount, soleText, type LiveNode } from "./live-node.js";
import { assignIds } from "./ids.js";
import { encodeAttrs, encodeConstantAttrs } from "./props.js";
import type { LiveTree } from "./live-tree.js";

/** Where encoded trees go: a list of trees, or an encoded element's children. */
export type TreeSink = { push(tree: Tree): number };

/**
 * Encodes an existing live tree for a browser that has none of it yet (a new connection):
 * renumbers ids in pre-order (assignIds, as a Create numbers new nodes) and rebuilds the
 * handler map, so no id is sent.
 */
export function encodeLive(tree: LiveTree, live: LiveNode, out: TreeSink): void {
  assignIds(tree, live);
  const v = live.vnode;
  if (typeof v === "string") {
    out.push(v);
    return;
  }
  const flags = v.flags;
  if (flags & (VNodeFlags.Fragment | VNodeFlags.Component)) {
    // No DOM node of its own: its children go where it stands.
    for (let i = 0, n = childCount(live); i < n; i++) encodeLive(tree, childAt(live, i), out);
    return;
  }
  const encoded = encodeNode(tree, live);
  out.push(encoded);
  // An element's live children (raw HTML, static parts and a sole text have none).
  if ((flags & (VNodeFlags.Element | VNodeFlags.Static | VNodeFlags.StaticChildren)) === VNodeFlags.Element) {
    for (let i = 0, n = childCount(live); i < n; i++) encodeLive(tree, childAt(live, i), encoded as ElementTree);
  }
}

/**
 * The wire form (`Tree`) of a live node that is a DOM node (not a fragment or component),
 * without its live children, which its walk appends to the element: a text; raw HTML; a static
 * subtree; an element with its attributes and the children that have no live nodes (its static
 * children or its sole text). Registers the element's handlers under its id, so it must have
 * its ids already (assignIds).
 */
export function encodeNode(tree: LiveTree, live: LiveNode): Tree {
  const v = live.vnode;
  if (typeof v === "string") return v;
  const flags = v.flags;
  if (flags & VNodeFlags.Raw) return [TreeKind.Raw, v.props.html as string];
  if (flags & VNodeFlags.Static) return encodeStatic(tree, v);
  const tag = v.type as string;
  const el: ElementTree = [tag, flags & VNodeFlags.StaticProps ? encodeConstantAttrs(tree, tag, v.props) : encodeAttrs(tree, live, tag, v.props)];
  if (flags & VNodeFlags.StaticChildren) encodeStaticChildren(tree, v.children, el);
  else {
    const text = soleText(live);
    if (text !== null) el.push(text);
  }
  return el;
}

/**
 * The children of an element whose children are template text (VNodeFlags.StaticChildren):
 * text and static subtrees, one DOM node (and id, see assignIds) each, and no live nodes,
 * since nothing will ever patch them (a change of template site replaces the element).
 */
function encodeStaticChildren(tree: LiveTree, children: ReadonlyArray<VNode | string>, el: ElementTree): void {
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
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
