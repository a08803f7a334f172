import { EVENT_PREFIX, PROP_PREFIX, TreeKind, type ShapeTree, type TemplateValue, type Tree } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import { createVNode, EMPTY_PROPS, templateSiteOf, type TemplateSite, type ValuesVNode, type VNode } from "../vnode/vnode.js";
import { newStaticId, staticDefinition, type TreeSink } from "./encode.js";
import type { LiveNode } from "./live-node.js";
import { attrText, encodeConstantAttrs, eventTypeOf, isDomProp } from "./props.js";
import { dropValues, layoutOf, signatureOf, takeValues, type Shape } from "./shape-layout.js";
import { createShaped, createShapedElement } from "./shaped.js";
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
 * The element is kept as its holes' values when its shape allows (a shaped element, shaped.ts),
 * else as the live nodes createNode makes (the same ids, handlers and kept vnodes): either way
 * the page gets the same nodes and ids.
 */

/** Per site, the shapes made so far (usually one). */
const shapes = new WeakMap<TemplateSite, Shape[]>();

/** The shape createFromValues found last, and its site (process-wide, as shapes are: no session's data). */
let lastSite: TemplateSite | null = null;
let lastShape: Shape | null = null;

/**
 * Creates the live nodes of `v`, a new element of a template site (not a static subtree), and
 * appends it to `out` as a shape's instance (`out` null: a first paint, nothing written). Null, having made nothing, if `v` cannot be sent
 * so: something below it is not of its template (a component, an element or a list in a
 * hole), it was not built by a compiled template, or its shape would be ambiguous.
 */
export function createFromShape(tree: LiveTree, v: VNode, parent: LiveNode, out: TreeSink | null): LiveNode | null {
  const site = templateSiteOf(v);
  if (site === null) return null;
  const signature = signatureOf(v, site);
  const shape = signature < 0 ? null : shapeFor(tree, v, site, signature);
  if (shape === null || shape.tree === null) {
    dropValues();
    return null;
  }
  const wire = out === null ? null : wireValuesOf(tree, shape, out);
  if (shape.layout !== null) return createShapedElement(tree, shape, takeValues(), v.key === null ? shape.kept! : v, parent, wire);
  dropValues();
  return createShaped(tree, v, site, parent, wire);
}

/**
 * Creates `v`, a row's values (template/flat.ts), as a shaped element of its shape, and
 * appends it to `out` as createFromShape does. Null, having made nothing, if its site has no
 * shape with a layout for its signature yet (the element's vnode makes it: createFromShape).
 */
export function createFromValues(tree: LiveTree, v: ValuesVNode, parent: LiveNode, out: TreeSink): LiveNode | null {
  // The rows of a list are of one shape, one after another: the last one found, without a lookup.
  let shape = lastShape;
  if (shape === null || v.site !== lastSite || v.signature !== shape.signature) {
    shape = shapeOf(shapes.get(v.site as TemplateSite), v.signature);
    if (shape === null) return null; // the first row of this signature: its vnodes make the shape
    if (shape.layout === null) {
      v.refuse(); // kept as live nodes: its template's rows are better built as vnodes at once
      return null;
    }
    lastSite = v.site as TemplateSite;
    lastShape = shape;
  }
  if (tree.stats !== null) tree.stats.fromValues++;
  return createShapedElement(tree, shape, v.values, shape.kept!, parent, wireValuesOf(tree, shape, out));
}

/**
 * Where a new element of `shape` writes its values. The rows of a list follow one another: an
 * element of the shape just before takes these values too (the page reads one element per
 * `holes` values), so a row costs its values only; else a new instance of the shape in `out`.
 */
function wireValuesOf(tree: LiveTree, shape: Shape, out: TreeSink): TemplateValue[] {
  const last = out.length === 0 ? null : out[out.length - 1];
  if (shape.holes > 0 && Array.isArray(last) && (last[0] === TreeKind.Template || last[0] === TreeKind.TemplateDef) && last[1] === shape.sid) {
    return last as TemplateValue[];
  }
  const instance: unknown[] = tree.firstSend(shape.sid) ? [TreeKind.TemplateDef, shape.sid, shape.tree] : [TreeKind.Template, shape.sid];
  out.push(instance as Tree);
  return instance as TemplateValue[];
}

/** The shape of `signature` among a site's, or null if none was made yet. */
function shapeOf(list: Shape[] | undefined, signature: number): Shape | null {
  if (list !== undefined) for (let i = 0; i < list.length; i++) if (list[i].signature === signature) return list[i];
  return null;
}

function shapeFor(tree: LiveTree, v: VNode, site: TemplateSite, signature: number): Shape {
  let list = shapes.get(site);
  if (list === undefined) shapes.set(site, (list = []));
  const made = shapeOf(list, signature);
  if (made !== null) return made;
  const shapeTreeOf = shapeTree(tree, v, site);
  const layout = shapeTreeOf === null ? null : layoutOf(v, site);
  const shape: Shape = {
    signature,
    sid: newStaticId(),
    tree: shapeTreeOf,
    holes: shapeTreeOf === null ? 0 : countHoles(shapeTreeOf),
    layout,
    // Its static children are its site's (sameKind compares sites for those); no other is kept.
    kept: layout === null ? null : createVNode(v.flags | VNodeFlags.Kept, v.type, null, EMPTY_PROPS, v.flags & VNodeFlags.StaticChildren ? v.children : [], site),
  };
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

