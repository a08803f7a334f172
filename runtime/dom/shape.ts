import { EVENT_PREFIX, PROP_PREFIX, TreeKind, type ElementTree, type ShapeTree } from "../../src/protocol/wire.js";
import { createElement, setAttribute, setProp, type BuildContext } from "./build.js";
import type { TrackedNode } from "./nodes.js";

/** A shape's prototype: the element built once from its definition, cloned for each element. */
interface Prototype extends Element {
  $shape?: ShapeTree;
}

/**
 * Builds the elements of a Template or TemplateDef tree (see TreeKind.Template): each a deep
 * clone of the shape's prototype with its holes filled and its ids assigned in pre-order, as
 * the server numbered them. A clone is one call where building node by node is one per node.
 * Prototypes are kept with the static subtrees (same ids, same life: until the next Mount).
 */
export function buildFromShape(parent: Node, tree: unknown[], ctx: BuildContext, svg: boolean): void {
  let i = 2;
  if (tree[0] === TreeKind.TemplateDef) {
    const shape = tree[i++] as ShapeTree;
    const proto: Prototype = createElement(shape as unknown as ElementTree, { ...ctx, nodes: null }, svg);
    proto.$shape = shape;
    ctx.statics.set(tree[1] as number, proto);
  }
  // An undefined shape fails here (a TypeError), and the patch's failure resyncs the page.
  const proto = ctx.statics.get(tree[1] as number) as Prototype;
  const shape = proto.$shape!;
  do {
    const el = proto.cloneNode(true) as Element;
    parent.appendChild(el);
    i = fill(el, shape, tree, i, ctx);
  } while (i < tree.length);
}

/**
 * Walks a shape beside a clone of its prototype: gives the clone's nodes their ids (not inside
 * static subtrees), its event bindings (a clone does not copy them: they live on the element
 * object) and its holes their values, from `values[i]` on. Returns the next value's index.
 */
function fill(el: TrackedNode & Element, shape: ShapeTree, values: unknown[], i: number, ctx: BuildContext): number {
  ctx.nodes!.set(ctx.nextId++, el);
  const attrs = shape[1];
  if (attrs !== 0) {
    for (const name in attrs) {
      if (attrs[name] === null) {
        const x = values[i++];
        if (x !== null) {
          if (name[0] === PROP_PREFIX) setProp(el, name.slice(1), x as string | boolean);
          else setAttribute(el, name, String(x));
        }
      } else if (name[0] === EVENT_PREFIX) {
        (el.$ev ||= {})[name.slice(1)] = 1;
        ctx.listen(name.slice(1));
      }
    }
  }
  let child = el.firstChild as (TrackedNode & Element) | null;
  for (let k = 2; k < shape.length; k++, child = child!.nextSibling as (TrackedNode & Element) | null) {
    const s = shape[k];
    if (typeof s === "object" && typeof s[0] === "string") i = fill(child!, s as ShapeTree, values, i, ctx);
    else {
      if (s === "") child!.nodeValue = String(values[i++]);
      ctx.nodes!.set(ctx.nextId++, child!);
    }
  }
  return i;
}
