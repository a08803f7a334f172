import { VNodeFlags } from "../vnode/flags.js";
import { soleText, type LiveNode } from "./live-node.js";
import type { LiveTree } from "./live-tree.js";

/** Vnodes that are one DOM node of their own: elements and raw HTML (not fragments and components). */
const OWN_NODE = VNodeFlags.Element | VNodeFlags.Raw;

/**
 * Gives a live node its id, and the ids of the DOM nodes below it that have no live node, from
 * `tree.nextId`. Every walk that numbers nodes calls it for each node in pre-order (a fragment
 * or component may be passed over: it takes none): a Create and a first paint (createNode) and
 * a join (encodeLive), so the three cannot drift.
 *
 * The ids are the browser's: it numbers the nodes of a Create's trees in the same order as it
 * builds them (pre-order, runtime/dom/build.ts), so the trees carry no ids. An element, a text
 * and raw HTML take one id each; nothing inside a static subtree takes one (nothing will ever
 * patch it); an element's static children take one each, and its sole text the next one (see
 * soleTextId); fragments and components take none (id 0): their children take theirs.
 *
 * An element's sole text must be set (setSoleText) before: it decides whether the next id is
 * the text's or its first live child's.
 *
 * Kept small on purpose: V8 inlines it into createNode and encodeLive, and what a function
 * inlines counts against one budget (see HandlerTargets.append for what overrunning it cost).
 */
export function assignIds(tree: LiveTree, live: LiveNode): void {
  const v = live.vnode;
  if (typeof v === "string") {
    live.id = tree.nextId++;
    return;
  }
  const flags = v.flags;
  if ((flags & OWN_NODE) === 0) return;
  live.id = tree.nextId++;
  if (flags & VNodeFlags.Static) return;
  if (flags & VNodeFlags.StaticChildren) tree.nextId += v.children.length;
  else if (soleText(live) !== null) tree.nextId++;
}

/** The id of an element's sole text (see soleText): the next after the element's, in pre-order. */
export function soleTextId(live: LiveNode): number {
  return live.id + 1;
}
