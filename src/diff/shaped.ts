import { Op, type TemplateValue } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import { expandValues, templateSiteOf, type TemplateSite, type ValuesVNode, type VNode } from "../vnode/vnode.js";
import { createNode, takeSoleText } from "./create.js";
import { assignIds } from "./ids.js";
import { keptVNode } from "./kept-vnode.js";
import { createLiveNode, setChildren, setOnlyChild, setShapedContent, setStaticContent, shapedContent, type LiveNode } from "./live-node.js";
import { attrText, eventTypeOf, isDomProp, propValue } from "./props.js";
import { ShapedContent } from "./shaped-content.js";
import { appendWireValues, dropValues, HoleKind, LayoutElement, rebuild, registerHandlers, signatureOf, takeValues, TextHole, textOf, textValue, unregisterHandlers, type Shape, type ShapeLayout } from "./shape-layout.js";
import type { LiveTree } from "./live-tree.js";

/**
 * Shaped elements: a new element of a shape (shapes.ts) kept as the values of its holes, not
 * as a live node for every node below it. A list's row is then one live node and one array of
 * its data, where it would be a live node per element and text and the vnodes those keep: a
 * 10,000-row create allocates and keeps a fraction of the objects, and the garbage collector,
 * which copies what survives, has a fraction of the work.
 *
 * The shape's layout (made once per shape, from its first element) says where each hole's
 * node is (its id's offset from the element's), and what is constant. With it:
 * - a render of the same site and signature compares the values only, and sends the ops the
 *   full diff would send, in its order (updateShaped);
 * - the page's whole tree for a new connection writes the element from its values (encodeShaped);
 * - anything else (another signature, an event on one of its elements, its HTML) first makes
 *   the live nodes it stands for, with the ids the page has (promoteShaped), then goes on as
 *   for any element. So nothing outside this module sees a shaped element but as an element
 *   with no live children.
 *
 * Not shaped (created as live nodes, as before): elements whose state is the user's (form
 * fields, <details>, media, frames), whose content belongs to the page (`t-ignore`, islands,
 * hooks) or is editable, and elements below the root with a key of their own.
 */

/**
 * createNode for an element of a shape whose elements are kept as live nodes (shapes.ts): the
 * same live nodes, ids, handlers and kept vnodes, with its holes' values appended to `values`
 * in the order the page fills them: an element's attribute holes, then its children's, depth first.
 */
export function createShaped(tree: LiveTree, v: VNode, site: TemplateSite, parent: LiveNode, values: TemplateValue[] | null): LiveNode {
  const live = createLiveNode(0, v, parent);
  fillShaped(tree, live, v, site, values);
  return live;
}

/**
 * createShaped's work on a live node: its ids from `tree.nextId`, its handlers, its live
 * children; the values appended to `values` unless it is null (a promotion: nothing is sent).
 */
function fillShaped(tree: LiveTree, live: LiveNode, v: VNode, site: TemplateSite, values: TemplateValue[] | null): void {
  if (tree.stats !== null) tree.stats.created++;
  const flags = v.flags;
  const children = v.children;
  const sole = takeSoleText(tree, live, v);
  assignIds(tree, live);
  if (!(flags & VNodeFlags.StaticProps)) {
    const holes = site.holeProps;
    const props = v.props;
    const tag = v.type as string;
    let handlers = false;
    for (let i = 0; i < holes.length; i++) {
      const name = holes[i];
      const value = props[name];
      if (eventTypeOf(name, value) !== null) handlers = true;
      else if (values === null) continue;
      else if (typeof value === "number" && Number.isFinite(value) && !isDomProp(tag, name)) values.push(value); // its text, two quotes shorter
      else values.push(isDomProp(tag, name) ? propValue(value) : attrText(value));
    }
    if (handlers) tree.handlers.add(live);
  }
  if (sole) {
    if (site.holeChildren[0] && values !== null) values.push(textValue(children[0] as string));
  } else if (!(flags & VNodeFlags.StaticChildren)) {
    // Static children have ids but no live nodes (nothing will ever patch them), as in createNode.
    const n = children.length;
    if (n === 1) setOnlyChild(live, createChild(tree, children[0], site.holeChildren[0], live, values));
    else {
      const made: LiveNode[] = new Array(n);
      for (let i = 0; i < n; i++) made[i] = createChild(tree, children[i], site.holeChildren[i], live, values);
      setChildren(live, made);
    }
  }
  if (v.site !== null) live.vnode = keptVNode(v);
}

function createChild(tree: LiveTree, c: VNode | string, hole: boolean, parent: LiveNode, values: TemplateValue[] | null): LiveNode {
  if (typeof c === "string") {
    if (hole && values !== null) values.push(textValue(c));
    return createNode(tree, c, parent, null);
  }
  // An element of the template; else a static subtree or an empty hole, which have no values.
  if (!hole && (c.flags & (VNodeFlags.Element | VNodeFlags.Static)) === VNodeFlags.Element) return createShaped(tree, c, templateSiteOf(c)!, parent, values);
  return createNode(tree, c, parent, null);
}

/**
 * Creates a new element of `shape` (which has a layout) with the holes' values `values` (the
 * element's signatureOf walk read them, or its row gave them: template/flat.ts) as a shaped
 * element: one live node with its ids, its handlers registered, and its values appended to
 * `wire` as createShaped would (none in a first paint: null). `vnode` is what it keeps: the
 * shape's `kept`, or a keyed element's own vnode (its key is its identity in a keyed list).
 */
export function createShapedElement(tree: LiveTree, shape: Shape, values: unknown[], vnode: VNode, parent: LiveNode, wire: TemplateValue[] | null): LiveNode {
  if (tree.stats !== null) tree.stats.created++;
  const layout = shape.layout!;
  const live = createLiveNode(tree.nextId, vnode, parent);
  tree.nextId += layout.size;
  setShapedContent(live, new ShapedContent(shape, values));
  registerHandlers(tree, live, layout);
  if (wire !== null) appendWireValues(layout, values, wire);
  return live;
}

/** The element's vnode that a row's values (template/flat.ts) stand for, when the diff cannot keep them as values. */
export function expandRow(tree: LiveTree, v: ValuesVNode): VNode {
  if (tree.stats !== null) tree.stats.expanded++;
  return expandValues(v);
}

/**
 * Updates a shaped element to show `v`. True if done: `v` is of the same site and signature, so
 * only values changed, and the ops are the ones the full diff would send, in its order. False
 * if the element is now an element like any other (promoteShaped), for the caller to update.
 */
export function updateShaped(tree: LiveTree, live: LiveNode, v: VNode): boolean {
  const content = shapedContent(live)!;
  const shape = content.shape;
  const layout = shape.layout!;
  const site = layout.root.site;
  let next: unknown[];
  if (v.flags & VNodeFlags.Values) {
    // A row's values (template/flat.ts): its signature and values are read already.
    const values = v as ValuesVNode;
    if (values.site !== site || values.signature !== shape.signature) {
      promoteShaped(tree, live);
      return false;
    }
    next = values.values;
    if (tree.stats !== null) tree.stats.fromValues++;
  } else {
    if (templateSiteOf(v) !== site || signatureOf(v, site) !== shape.signature) {
      dropValues();
      promoteShaped(tree, live);
      return false;
    }
    next = takeValues();
  }
  diffElement(tree, layout.root, live.id, layout, content.values, next);
  content.values = next;
  if (v.key !== null) live.vnode = v; // a keyed element keeps its own vnode, as it was created
  return true;
}

/** As updateNode does for an element: its children from the last to the first (diffChildren), then its props. */
function diffElement(tree: LiveTree, el: LayoutElement, base: number, layout: ShapeLayout, old: unknown[], next: unknown[]): void {
  const content = el.content;
  for (let k = content.length - 1; k >= 0; k--) {
    const c = content[k];
    if (c instanceof TextHole) {
      const prev = old[c.i];
      const value = next[c.i];
      // A number and its text are the same text (a row's values keep numbers: template/flat.ts).
      if (prev !== value && (typeof prev === typeof value || textOf(prev) !== textOf(value))) tree.op([Op.SetText, base + layout.offsets[c.i], textOf(value)]);
    } else if (c instanceof LayoutElement) diffElement(tree, c, base, layout, old, next);
  }
  for (let i = el.firstHole, end = el.firstHole + el.holeCount; i < end; i++) {
    const prev = old[i];
    const value = next[i];
    // A handler's new closure changes nothing in the page (props.ts, diffProps).
    if (prev === value || layout.kinds[i] !== HoleKind.Attr) continue;
    const text = attrText(value);
    const id = base + layout.offsets[i];
    if (text === null) {
      if (attrText(prev) !== null) tree.op([Op.RemoveAttr, id, layout.names[i]]);
    } else if (text !== attrText(prev)) tree.op([Op.SetAttr, id, layout.names[i], text]);
  }
}

/**
 * Makes a shaped element an element like any other: the live nodes it stands for, with the ids
 * the page has, its handlers registered under them. Nothing is sent: the page is the same.
 */
export function promoteShaped(tree: LiveTree, live: LiveNode): void {
  const content = shapedContent(live)!;
  const layout = content.shape.layout!;
  unregisterHandlers(tree, live, layout);
  const v = rebuild(layout.root, content.values, (live.vnode as VNode).key);
  const next = tree.nextId;
  tree.nextId = live.id;
  setStaticContent(live); // what a new live node starts with: fillShaped gives it its children
  fillShaped(tree, live, v, layout.root.site, null);
  tree.nextId = next;
}

/**
 * The live node of the element with id `id` that has handlers, or undefined: an element of a
 * shaped element gets its live node first (promoteShaped), as the handler's event needs it.
 */
export function handlerTarget(tree: LiveTree, id: number): LiveNode | undefined {
  const live = tree.handlers.get(id);
  if (live === undefined || shapedContent(live) === null) return live;
  promoteShaped(tree, live);
  return tree.handlers.get(id);
}

/** How many ids a shaped element takes (its own and those of every node below it); 0 for any other node. */
export function shapedSize(live: LiveNode): number {
  return shapedContent(live)?.shape.layout!.size ?? 0;
}

/** The element a shaped element stands for, as a vnode with its children (its HTML is written from it). */
export function shapedVNode(live: LiveNode): VNode | null {
  const content = shapedContent(live);
  return content === null ? null : rebuild(content.shape.layout!.root, content.values, (live.vnode as VNode).key);
}
