import htm from "htm";
import { h } from "./h.js";
import type { VNode } from "../vnode/vnode.js";

type Template = (strings: TemplateStringsArray, ...values: unknown[]) => VNode | VNode[] | string;

// htm is a function whose `this` is the `h` to call; binding it is all the setup it needs.
// (Its type declarations are CommonJS-shaped, hence the cast.)
const bound = (htm as unknown as { bind(h: unknown): Template }).bind(h);

/**
 * Tagged template for trees: html`<button onClick=${this.inc}>+</button>`.
 * htm compiles each template site once and hands back the same vnode for static subtrees,
 * so those cost no diff time after the first render. Several top-level nodes become an array.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): VNode | VNode[] | string {
  return bound(strings, ...values);
}
