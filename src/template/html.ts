import { evaluateTemplate } from "./compile.js";
import { rendersValues, valuesOf } from "./flat.js";
import type { VNode } from "../vnode/vnode.js";

/**
 * Tagged template for trees: html`<button onClick=${this.inc}>+</button>`.
 * Each template site is compiled once (see compile.ts); a fully static subtree is the same
 * vnode at every evaluation, so it costs no diff time after the first render. Several
 * top-level nodes become an array, text alone a string.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): VNode | VNode[] | string {
  // A LiveList's row rendering: its template's values, without the vnodes (flat.ts).
  if (rendersValues()) return valuesOf(strings, values) as VNode | VNode[] | string;
  return evaluateTemplate(strings, values) as VNode | VNode[] | string;
}
