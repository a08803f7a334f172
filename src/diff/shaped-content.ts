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
