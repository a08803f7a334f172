/**
 * Reading a shape's elements without a DOM to clone (TreeKind.Template): as the element trees
 * they stand for. For code that models the page from the wire (the test harness's models, the
 * benchmark's client); the browser clones instead (runtime/dom/shape.ts). Part of the wire
 * protocol (wire.ts re-exports it).
 */
import { TreeKind, type ElementTree, type EncodedAttrs, type ShapeChild, type ShapeTree, type TemplateDefTree, type TemplateTree, type Tree } from "./patch-ops.js";

/** True if `tree` is a Template or TemplateDef tree. */
export function isShapeTree(tree: Tree): tree is TemplateTree | TemplateDefTree {
  return typeof tree !== "string" && (tree[0] === TreeKind.Template || tree[0] === TreeKind.TemplateDef);
}

/**
 * The elements of a Template or TemplateDef tree, in order, as element trees; a definition is
 * kept in `shapes` (by its id) for the trees that follow. Static subtrees inside stay
 * definitions (one id each, none inside), as the shape holds them.
 */
export function expandShapes(tree: TemplateTree | TemplateDefTree, shapes: Map<number, ShapeTree>): ElementTree[] {
  const values = tree as unknown[];
  const cursor = { i: 2 };
  if (tree[0] === TreeKind.TemplateDef) shapes.set(tree[1], values[cursor.i++] as ShapeTree);
  const shape = shapes.get(tree[1]);
  if (shape === undefined) throw new Error(`Tether: shape ${tree[1]} used before its definition`);
  const out: ElementTree[] = [];
  do out.push(expand(shape, values, cursor));
  while (cursor.i < values.length);
  return out;
}

/** The trees `tree` stands for: a shape's elements (expandShapes), or the tree itself. */
export function treesOf(tree: Tree, shapes: Map<number, ShapeTree>): Tree[] {
  return isShapeTree(tree) ? expandShapes(tree, shapes) : [tree];
}

function expand(shape: ShapeTree, values: unknown[], cursor: { i: number }): ElementTree {
  let attrs: EncodedAttrs | 0 = 0;
  const written = shape[1];
  if (written !== 0) {
    attrs = {};
    for (const name in written) {
      const value = written[name];
      if (value !== null) attrs[name] = value;
      else {
        const x = values[cursor.i++];
        if (x !== null) attrs[name] = typeof x === "number" ? String(x) : (x as string | boolean);
      }
    }
  }
  const el: ElementTree = [shape[0], attrs];
  for (let k = 2; k < shape.length; k++) {
    const s = shape[k] as ShapeChild;
    if (s === "") el.push(String(values[cursor.i++]));
    else if (typeof s === "string" || typeof s[0] === "number") el.push(s as Tree);
    else el.push(expand(s as ShapeTree, values, cursor));
  }
  return el;
}
