import { VNodeFlags } from "../vnode/flags.js";
import { createVNode, type VNode } from "../vnode/vnode.js";

/**
 * Inserts trusted HTML as-is. This is the one way to put markup from a string into a page:
 * every other string is escaped. Never pass text that a user of your site could control.
 */
export function raw(html: string): VNode {
  if (typeof html !== "string") throw new TypeError("Tether: raw() takes a string of HTML");
  return createVNode(VNodeFlags.Raw, null, null, { html }, [], null);
}
