import { TreeKind, expandShapes, type ElementTree, type StaticDefTree, type TemplateValue, type Tree } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { VNode } from "../vnode/vnode.js";
import { childAt, childCount, shapedContent, soleText, type LiveNode } from "./live-node.js";
import { assignIds } from "./ids.js";
import { encodeAttrs, encodeConstantAttrs } from "./props.js";
import { appendWireValues, registerHandlers } from "./shape-layout.js";
import type { ShapedContent } from "./shaped-content.js";
import type { LiveTree } from "./live-tree.js";

/** Where encoded trees go: a list of trees, or an encoded element's children. */
export type TreeSink = Tree[] | ElementTree;

/**
 * Encodes an existing live tree for a browser that has none of it yet (a new connection):
 * renumbers ids in pre-order (assignIds, as a Create numbers new nodes) and rebuilds the
 * handler map, so no id is sent.
 */
export function encodeLive(tree: LiveTree, live: LiveNode, out: TreeSink): void {
  const shaped = shapedContent(live);
  if (shaped !== null) {
    encodeShaped(tree, live, shaped, out);
    return;
  }
  assignIds(tree, live);
  const v = live.vnode;
  if (typeof v === "string") {
    out.push(v);
    return;
  }
  const flags = v.flags;
  if (flags & VNodeFlags.Element) {
    if (flags & VNodeFlags.Static) {
      out.push(encodeStatic(tree, v));
      return;
    }
    const el = encodeElement(tree, live, v);
    // Its live children: none if its children are static or its only child is text (encodeElement wrote them).
    for (let i = 0, n = childCount(live); i < n; i++) encodeLive(tree, childAt(live, i), el);
    out.push(el);
  } else if (flags & VNodeFlags.Raw) {
    out.push(encodeRaw(v));
  } else {
    // A fragment or component: no DOM node of its own, its children go where it stands.
    for (let i = 0, n = childCount(live); i < n; i++) encodeLive(tree, childAt(live, i), out);
  }
}

/**
 * A shaped element (shaped.ts) in the whole tree for a new connection: fresh ids
 * from `tree.nextId`, its handlers under them, and its element tree, its static subtrees sent
 * once per connection as encodeStatic sends them.
 */
function encodeShaped(tree: LiveTree, live: LiveNode, content: ShapedContent, out: TreeSink): void {
  const shape = content.shape;
  const layout = shape.layout!;
  live.id = tree.nextId;
  tree.nextId += layout.size;
  registerHandlers(tree, live, layout);
  const instance: unknown[] = [TreeKind.TemplateDef, shape.sid, shape.tree];
  appendWireValues(layout, content.values, instance as TemplateValue[]);
  const [el] = expandShapes(instance as never, new Map());
  out.push(withStatics(tree, el!));
}

/** `el` with each static subtree as encodeStatic gives it: a definition the first time, then a reference. */
function withStatics(tree: LiveTree, el: ElementTree): ElementTree {
  for (let i = 2; i < el.length; i++) {
    const c = el[i] as Tree;
    if (typeof c === "string") continue;
    if (c[0] === TreeKind.StaticDef) {
      const sid = c[1] as number;
      if (!tree.firstSend(sid)) el[i] = [TreeKind.StaticRef, sid];
    } else if (typeof c[0] === "string") withStatics(tree, c as ElementTree);
  }
  return el;
}

/**
 * An element, `v` (not a static subtree), as a Tree: its tag, its attributes, and the children
 * that have no live nodes, its static children or its sole text; its walk appends the live
 * ones. Registers its handlers under its id, so it must have its ids already (assignIds).
 */
export function encodeElement(tree: LiveTree, live: LiveNode, v: VNode): ElementTree {
  const tag = v.type as string;
  const el: ElementTree = [tag, v.flags & VNodeFlags.StaticProps ? encodeConstantAttrs(tree, tag, v.props) : encodeAttrs(tree, live, tag, v.props)];
  if (v.flags & VNodeFlags.StaticChildren) encodeStaticChildren(tree, v.children, el);
  else {
    const text = soleText(live);
    if (text !== null) el.push(text);
  }
  return el;
}

/** Raw HTML as a Tree. */
export function encodeRaw(v: VNode): Tree {
  return [TreeKind.Raw, v.props.html as string];
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
export function encodeStatic(tree: LiveTree, v: VNode): Tree {
  const sid = staticIdOf(v);
  if (!tree.firstSend(sid)) return [TreeKind.StaticRef, sid];
  return [TreeKind.StaticDef, sid, encodeStaticElement(tree, v)];
}

/**
 * A static subtree's definition as a shape holds it (shapes.ts): the page builds it as part of
 * the shape, so this session's record of the statics it has is left as it is.
 */
export function staticDefinition(tree: LiveTree, v: VNode): StaticDefTree {
  return [TreeKind.StaticDef, staticIdOf(v), encodeStaticElement(tree, v)];
}

function staticIdOf(v: VNode): number {
  let sid = staticIds.get(v);
  if (sid === undefined) staticIds.set(v, (sid = newStaticId()));
  return sid;
}

/**
 * Static subtrees and shapes (shapes.ts) are shared by every session (one per template site),
 * so their ids are process-wide, from one counter: each session remembers which of them its
 * page already has in one set (LiveTree.hasStatic).
 */
const staticIds = new WeakMap<VNode, number>();
let nextStaticId = 1;

/** A new id for a static subtree or a shape. */
export function newStaticId(): number {
  return nextStaticId++;
}

function encodeStaticElement(tree: LiveTree, v: VNode): ElementTree {
  const tag = v.type as string;
  const el: ElementTree = [tag, encodeConstantAttrs(tree, tag, v.props)];
  const children = v.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (typeof c === "string") el.push(c);
    else if (c.flags & VNodeFlags.Raw) el.push(encodeRaw(c));
    else el.push(encodeStaticElement(tree, c));
  }
  return el;
}
