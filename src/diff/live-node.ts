import { VNodeFlags } from "../vnode/flags.js";
import type { VNode } from "../vnode/vnode.js";
import type { Component } from "../component/component.js";
import { TRANSPARENT } from "../component/slots.js";
import { ShapedContent } from "./shaped-content.js";

/**
 * One node of a session's rendered tree: what the browser has, by id. Vnodes are shared and
 * immutable; everything that belongs to one session (ids, component instances) lives here.
 *
 * A live node also has children, held in a compact form that only this module reads or writes
 * (LiveNodeRecord below); everyone else goes through its helpers (childCount, childAt,
 * soleText, setChildren, …), so the form can change in one place.
 */
export interface LiveNode {
  /** The DOM node's id in the browser; 0 for fragments and components, which have none. */
  id: number;
  /** The vnode last rendered here; a string for a text node. */
  vnode: VNode | string;
  parent: LiveNode | null;
  /** Components only: the instance of a class component (null for a function component). */
  instance?: Component | null;
  /** Components only: it changed state and waits for the next flush. */
  dirty?: boolean;
}

/**
 * A live node as this module sees it: with its children. The field exists on every live node
 * (the factories below make it, always fourth, so every node has one of two shapes), but the
 * exported LiveNode type leaves it out: another module that read it would not compile, and
 * test/diff/sealed.test.ts checks that no other module reaches it by a cast either. Reading
 * it here costs a cast, nothing at run time.
 */
interface LiveNodeRecord extends LiveNode {
  /**
   * Of an element or fragment, its children; of a component, its rendered root (usually one
   * node). A single child is kept alone, not in an array (most components and many elements
   * have one: an array of one is 56 bytes per node of every session). A string: the text of an
   * element's only child (see soleText). Null for text, raw HTML and static subtrees, which
   * are never diffed inside, and for elements with static children (see holdsStaticContent).
   * A ShapedContent: an element of a shape kept as its holes' values, with no live nodes below
   * it (shaped.ts).
   */
  children: LiveNode[] | LiveNode | string | ShapedContent | null;
}

/** The children of a node that has none: shared, never written (children are replaced, not changed in place). */
const NO_CHILDREN: LiveNode[] = Object.freeze([]) as unknown as LiveNode[];

/**
 * The factory for elements, text and fragments: one object shape, without the component
 * fields (a session keeps a live node for every node of its page, and most are not components).
 */
export function createLiveNode(id: number, vnode: VNode | string, parent: LiveNode | null): LiveNode {
  const live: LiveNodeRecord = { id, vnode, parent, children: null };
  return live;
}

/** The factory for components: the second and last shape. */
export function createComponentNode(vnode: VNode, parent: LiveNode): LiveNode {
  const live: LiveNodeRecord = { id: 0, vnode, parent, children: null, instance: null, dirty: false };
  return live;
}

/**
 * The text of an element's only child when that text has no live node of its own, else null.
 * Its DOM id is the element's + 1 (see soleTextId in ids.ts). Most leaves of a page are such
 * elements (`<td>${label}</td>`, `<output>${count}</output>`): a live node and an array for
 * each text, and a vnode kept for its children, would be most of an idle session's tree.
 */
export function soleText(live: LiveNode): string | null {
  const c = (live as LiveNodeRecord).children;
  return typeof c === "string" ? c : null;
}

/** Makes `text` an element's sole text child (see soleText), in place of any children it had. */
export function setSoleText(live: LiveNode, text: string): void {
  (live as LiveNodeRecord).children = text;
}

/**
 * True if a node's content is held by its vnode and has no live nodes, because nothing inside
 * is ever diffed: text, raw HTML, a static subtree, and an element with static children (its
 * children are template text: VNodeFlags.StaticChildren). An element whose live children are
 * all gone is not one of these: it has no children, and its vnode's are not its content.
 */
export function holdsStaticContent(live: LiveNode): boolean {
  return (live as LiveNodeRecord).children === null;
}

/** How many live children a node has (0 for text, static content, a sole text and a shaped element). */
export function childCount(live: LiveNode): number {
  const c = (live as LiveNodeRecord).children;
  if (c === null || typeof c === "string") return 0;
  return Array.isArray(c) ? c.length : c instanceof ShapedContent ? 0 : 1;
}

/** A node's live child `i` (below childCount). */
export function childAt(live: LiveNode, i: number): LiveNode {
  const c = (live as LiveNodeRecord).children;
  return Array.isArray(c) ? c[i] : (c as LiveNode);
}

/** The live children as an array: made here for a node with one child, so not for hot loops. */
export function childList(live: LiveNode): LiveNode[] {
  const c = (live as LiveNodeRecord).children;
  if (c === null || typeof c === "string" || c instanceof ShapedContent) return NO_CHILDREN;
  return Array.isArray(c) ? c : [c];
}

/** What a shaped element keeps in place of live nodes below it (shaped.ts), or null if it is not one. */
export function shapedContent(live: LiveNode): ShapedContent | null {
  const c = (live as LiveNodeRecord).children;
  return c instanceof ShapedContent ? c : null;
}

/** Leaves a node with children as a new live node has them (none, or static content), for its creation to set. */
export function setStaticContent(live: LiveNode): void {
  (live as LiveNodeRecord).children = null;
}

/** Makes an element a shaped one (shaped.ts): its content is `content`, with no live nodes. */
export function setShapedContent(live: LiveNode, content: ShapedContent): void {
  (live as LiveNodeRecord).children = content;
}

/** Sets a node's live children from an array: one child is kept alone, none as the shared empty list. */
export function setChildren(live: LiveNode, list: LiveNode[]): void {
  (live as LiveNodeRecord).children = list.length === 1 ? list[0] : list.length === 0 ? NO_CHILDREN : list;
}

/** Makes `child` a node's only live child (kept alone, without an array of one). */
export function setOnlyChild(live: LiveNode, child: LiveNode): void {
  (live as LiveNodeRecord).children = child;
}

/** Leaves a node with no children: its content was removed (or it never had any, as a new tree's root). */
export function clearChildren(live: LiveNode): void {
  (live as LiveNodeRecord).children = NO_CHILDREN;
}

/** True if the node stands for DOM nodes of its own range (fragments and components). */
export function isRange(live: LiveNode): boolean {
  return typeof live.vnode !== "string" && (live.vnode.flags & (VNodeFlags.Fragment | VNodeFlags.Component)) !== 0;
}

/** The id of the first DOM node of a live node's range, or 0 if it renders nothing. */
export function firstDomId(live: LiveNode): number {
  if (!isRange(live)) return live.id;
  for (let i = 0, n = childCount(live); i < n; i++) {
    const id = firstDomId(childAt(live, i));
    if (id !== 0) return id;
  }
  return 0;
}

/** Appends the ids of every top-level DOM node in a live node's range, in document order. */
export function collectDomIds(live: LiveNode, out: number[]): void {
  if (!isRange(live)) {
    out.push(live.id);
    return;
  }
  for (let i = 0, n = childCount(live); i < n; i++) collectDomIds(childAt(live, i), out);
}

/**
 * True if a fragment or component is all of its element's content: the only child of the
 * element, or of a range that is itself all of it. Emptying it may then clear the element.
 */
export function isSoleContent(live: LiveNode): boolean {
  for (let node = live; isRange(node); node = node.parent!) {
    if (node.parent === null || childCount(node.parent) !== 1) return false;
  }
  return true;
}

/** The nearest element at or above a live node's parent: where its DOM nodes are. */
export function domParentId(live: LiveNode): number {
  let p = live.parent;
  while (p !== null && isRange(p)) p = p.parent;
  return p === null ? 0 : p.id;
}

/**
 * The id of the DOM node that follows a live node's range in its DOM parent, or 0 if the
 * range ends its parent. Used when a component re-renders on its own and must insert at its end.
 */
export function nextDomSiblingId(live: LiveNode): number {
  let node = live;
  while (node.parent !== null) {
    const parent = node.parent;
    const n = childCount(parent);
    let i = 0;
    while (i < n && childAt(parent, i) !== node) i++;
    for (i++; i < n; i++) {
      const id = firstDomId(childAt(parent, i));
      if (id !== 0) return id;
    }
    if (!isRange(node.parent)) return 0;
    node = node.parent;
  }
  return 0;
}

/**
 * The class component whose render produced this element: the `this` of its handlers. A
 * LiveList's view is transparent: handlers in the list's render belong to its owner.
 */
export function ownerOf(live: LiveNode): LiveNode | null {
  for (let p = live.parent; p !== null; p = p.parent) {
    if (p.instance != null && !(p.instance.constructor as { [TRANSPARENT]?: boolean })[TRANSPARENT]) return p;
  }
  return null;
}
