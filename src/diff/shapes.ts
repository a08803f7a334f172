import { EVENT_PREFIX, PROP_PREFIX, TreeKind, type ShapeTree, type TemplateValue, type Tree } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import { templateSiteOf, type TemplateSite, type VNode } from "../vnode/vnode.js";
import { createNode, takeSoleText } from "./create.js";
import { newStaticId, staticDefinition, type TreeSink } from "./encode.js";
import { assignIds } from "./ids.js";
import { keptVNode } from "./kept-vnode.js";
import { createLiveNode, setChildren, setOnlyChild, type LiveNode } from "./live-node.js";
import { attrText, encodeConstantAttrs, eventTypeOf, isDomProp, propValue } from "./props.js";
import type { LiveTree } from "./live-tree.js";

/**
 * New elements of a template site sent as a shape and the values of its holes: a list's rows
 * cost their data, not their markup. A 1,000-row create would otherwise send each row's tags,
 * class names and structure again (about five times the bytes), and the page would build each
 * row node by node instead of cloning one prototype.
 *
 * A shape is the elements of one template site down to its holes, for one combination of
 * what its holes hold (an event handler or not; text or nothing): that combination is the
 * instance's signature. Shapes, like static subtrees, are shared by every session and have
 * process-wide ids; a session sends a shape's definition the first time its page needs it
 * (TreeKind.TemplateDef), then only references (TreeKind.Template).
 *
 * The live nodes made are exactly createNode's (the same ids, handlers and kept vnodes): only
 * the encoding differs, so the diff that follows knows nothing of shapes.
 */

/** One shape of a site: the signature it is for, its id, and its tree (null: the site cannot have one). */
interface Shape {
  readonly signature: number;
  readonly sid: number;
  readonly tree: ShapeTree | null;
  /** How many values an element of it has: elements that follow one another share one tree when it has any. */
  readonly holes: number;
}

/** Per site, the shapes made so far (usually one). */
const shapes = new WeakMap<TemplateSite, Shape[]>();

/** Signatures are built in a double's exact integers: past this many holes' worth, no shape. */
const MAX_SIGNATURE = 2 ** 40;

/**
 * Creates the live nodes of `v`, a new element of a template site (not a static subtree), and
 * appends it to `out` as a shape's instance. Null, having made nothing, if `v` cannot be sent
 * so: something below it is not of its template (a component, an element or a list in a
 * hole), it was not built by a compiled template, or its shape would be ambiguous.
 */
export function createFromShape(tree: LiveTree, v: VNode, parent: LiveNode, out: TreeSink): LiveNode | null {
  const site = templateSiteOf(v);
  if (site === null) return null;
  const signature = signatureOf(v, site, 1);
  if (signature < 0) return null;
  const shape = shapeFor(tree, v, site, signature);
  if (shape.tree === null) return null;
  // The rows of a list follow one another: an element of the shape just before takes these
  // values too (the page reads one element per `holes` values), so a row costs its values only.
  const last = out.length === 0 ? null : out[out.length - 1];
  if (shape.holes > 0 && Array.isArray(last) && (last[0] === TreeKind.Template || last[0] === TreeKind.TemplateDef) && last[1] === shape.sid) {
    return createShaped(tree, v, site, parent, last as TemplateValue[]);
  }
  let instance: unknown[];
  if (tree.hasStatic(shape.sid)) instance = [TreeKind.Template, shape.sid];
  else {
    tree.addStatic(shape.sid);
    instance = [TreeKind.TemplateDef, shape.sid, shape.tree];
  }
  const live = createShaped(tree, v, site, parent, instance as TemplateValue[]);
  out.push(instance as Tree);
  return live;
}

/**
 * Which kind of value each hole of `v`'s subtree holds, as bits after `signature`'s: a prop
 * hole 1 for a handler, 0 for anything else (an attribute's value); a child hole 1 for text,
 * 0 for nothing (null, false, an empty list). -1 if a hole holds anything else, an element
 * below is not of the template, or a tag is a hole (`<${tag}>`: one site, several tags).
 */
function signatureOf(v: VNode, site: TemplateSite, signature: number): number {
  if (!site.fixedTag || typeof v.type !== "string") return -1;
  const holes = site.holeProps;
  for (let i = 0; i < holes.length; i++) signature = signature * 2 + (typeof v.props[holes[i]] === "function" ? 1 : 0);
  if (v.flags & VNodeFlags.StaticChildren) return signature < MAX_SIGNATURE ? signature : -1;
  const children = v.children;
  const holeChildren = site.holeChildren;
  if (children.length !== holeChildren.length) return -1;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (holeChildren[i]) {
      if (typeof c === "string") signature = signature * 2 + 1;
      else if (c.flags & VNodeFlags.Fragment && c.children.length === 0) signature *= 2;
      else return -1;
    } else if (typeof c !== "string" && !(c.flags & VNodeFlags.Static)) {
      const childSite = (c.flags & VNodeFlags.Element) !== 0 ? templateSiteOf(c) : null;
      if (childSite === null) return -1;
      signature = signatureOf(c, childSite, signature);
      if (signature < 0) return -1;
    }
  }
  return signature < MAX_SIGNATURE ? signature : -1;
}

function shapeFor(tree: LiveTree, v: VNode, site: TemplateSite, signature: number): Shape {
  let list = shapes.get(site);
  if (list === undefined) shapes.set(site, (list = []));
  for (let i = 0; i < list.length; i++) if (list[i].signature === signature) return list[i];
  const shapeTreeOf = shapeTree(tree, v, site);
  const shape: Shape = { signature, sid: newStaticId(), tree: shapeTreeOf, holes: shapeTreeOf === null ? 0 : countHoles(shapeTreeOf) };
  list.push(shape);
  return shape;
}

// An attribute name JavaScript would order before the others in an object (an array index):
// the page fills a shape's holes in its attribute map's order, which must be the order written.
const INDEX_NAME = /^(?:0|[1-9][0-9]*)$/;

/**
 * The shape of `v`'s subtree (whose signature is valid). Null if it cannot have one: a
 * constant DOM property (a clone would not carry it), an attribute named like an array index,
 * empty constant text (it would read as a text hole), or a `<template>` element.
 */
function shapeTree(tree: LiveTree, v: VNode, site: TemplateSite): ShapeTree | null {
  const tag = v.type as string;
  if (tag === "template") return null; // its children are in its content, where a clone's walk does not look
  const props = v.props;
  let attrs: Record<string, string | boolean | number | null> | 0;
  if (v.flags & VNodeFlags.StaticProps) attrs = encodeConstantAttrs(tree, tag, props);
  else {
    attrs = {};
    const holes = site.holeProps;
    for (const name in props) {
      if (holes.includes(name)) continue;
      if (isDomProp(tag, name)) return null;
      const text = attrText(props[name]);
      if (text !== null) attrs[name] = text;
    }
    for (let i = 0; i < holes.length; i++) {
      const name = holes[i];
      const type = eventTypeOf(name, props[name]);
      if (type !== null) attrs[EVENT_PREFIX + type] = 1;
      else attrs[isDomProp(tag, name) ? PROP_PREFIX + name : name] = null;
    }
  }
  if (attrs !== 0) {
    let any = false;
    for (const name in attrs) {
      if (INDEX_NAME.test(name) || (name[0] === PROP_PREFIX && attrs[name] !== null)) return null;
      any = true;
    }
    if (!any) attrs = 0; // only a key was a hole
  }
  const shape: ShapeTree = [tag, attrs];
  const children = v.children;
  const constant = (v.flags & VNodeFlags.StaticChildren) !== 0;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!constant && site.holeChildren[i]) {
      if (typeof c === "string") shape.push("");
    } else if (typeof c === "string") {
      if (c === "") return null;
      shape.push(c);
    } else if (c.flags & VNodeFlags.Static) shape.push(staticDefinition(tree, c));
    else {
      const child = shapeTree(tree, c, templateSiteOf(c)!);
      if (child === null) return null;
      shape.push(child);
    }
  }
  return shape;
}

/** The values an element of `shape` has: its attribute holes and text holes, all the way down. */
function countHoles(shape: ShapeTree): number {
  let n = 0;
  if (shape[1] !== 0) for (const name in shape[1]) if (shape[1][name] === null) n++;
  for (let i = 2; i < shape.length; i++) {
    const c = shape[i];
    if (c === "") n++;
    else if (Array.isArray(c) && typeof c[0] === "string") n += countHoles(c as ShapeTree);
  }
  return n;
}

/**
 * createNode for an element of a shape (see the module's comment): the same live nodes, ids,
 * handlers and kept vnodes, with its holes' values appended to `values` in the order the page
 * fills them: an element's attribute holes, then its children's, depth first.
 */
function createShaped(tree: LiveTree, v: VNode, site: TemplateSite, parent: LiveNode, values: TemplateValue[]): LiveNode {
  if (tree.stats !== null) tree.stats.created++;
  const live = createLiveNode(0, v, parent);
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
      else if (typeof value === "number" && Number.isFinite(value) && !isDomProp(tag, name)) values.push(value); // its text, two quotes shorter
      else values.push(isDomProp(tag, name) ? propValue(value) : attrText(value));
    }
    if (handlers) tree.handlers.add(live);
  }
  if (sole) {
    if (site.holeChildren[0]) values.push(textValue(children[0] as string));
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
  return live;
}

function createChild(tree: LiveTree, c: VNode | string, hole: boolean, parent: LiveNode, values: TemplateValue[]): LiveNode {
  if (typeof c === "string") {
    if (hole) values.push(textValue(c));
    return createNode(tree, c, parent, null);
  }
  // An element of the template; else a static subtree or an empty hole, which have no values.
  if (!hole && (c.flags & (VNodeFlags.Element | VNodeFlags.Static)) === VNodeFlags.Element) return createShaped(tree, c, templateSiteOf(c)!, parent, values);
  return createNode(tree, c, parent, null);
}

/**
 * A text hole's value: text that is a number as JavaScript writes one (`${row.id}`) goes as
 * that number, two quotes shorter; the page writes it back as the same text.
 */
function textValue(text: string): TemplateValue {
  const n = text.length;
  if (n === 0 || n > 15) return text;
  const first = text.charCodeAt(0);
  if (first < 0x30 || first > 0x39 || (first === 0x30 && n > 1)) return text;
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return text;
  }
  return Number(text);
}
