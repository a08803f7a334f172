import type { Shape } from "./shape-layout.js";

/**
 * What a shaped element holds in place of live nodes below it (shaped.ts): the shape it is an
 * element of, and the raw values of the shape's holes as it last rendered them (handlers
 * included), in the shape's order. A class, so that live-node.ts tells it from a live node.
 */
export class ShapedContent {
  readonly shape: Shape;
  values: unknown[];

  constructor(shape: Shape, values: unknown[]) {
    this.shape = shape;
    this.values = values;
  }
}

/**
 * Whether a node's children are shaped content, by its class. Not `instanceof`: in the diff's
 * optimized code that stayed a call into the engine at every check (callgrind counted nine
 * in a counter click, 5% of the server's instructions for it), where this is a load and a compare.
 */
export function isShapedContent(c: object): c is ShapedContent {
  return c.constructor === ShapedContent;
}
