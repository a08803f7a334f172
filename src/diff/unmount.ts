import { Op } from "../protocol/wire.js";
import { childAt, childCount, clearChildren, collectDomIds, type LiveNode } from "./live-node.js";
import { componentName } from "./render-component.js";
import type { LiveTree } from "./live-tree.js";
import type { VNode } from "../vnode/vnode.js";
import { endWithComponent } from "../component/slots.js";

/** Removes a live node's DOM nodes from the page and unmounts everything below it. */
export function removeNode(tree: LiveTree, live: LiveNode): void {
  if (live.id !== 0) tree.op([Op.Remove, live.id]);
  else {
    const ids: number[] = [];
    collectDomIds(live, ids);
    for (let i = 0; i < ids.length; i++) tree.op([Op.Remove, ids[i]]);
  }
  unmountNode(tree, live);
}

/**
 * Forgets a subtree that left the page: its handlers can no longer be triggered, and each
 * component's `unmount` hook runs (after the flush, so hooks see a consistent tree).
 */
export function unmountNode(tree: LiveTree, live: LiveNode): void {
  if (live.id !== 0) tree.handlers.delete(live.id);
  const instance = live.instance;
  if (instance != null) {
    instance.unmounted = true;
    live.dirty = false;
    // Its subscriptions end now, so that no message reaches a component that left the page.
    endWithComponent(instance, (error) => tree.reportError(error, `ending ${componentName(live.vnode as VNode)}'s subscriptions`));
    if (typeof instance.unmount === "function") (tree.unmounted ??= []).push(live);
  }
  for (let i = 0, n = childCount(live); i < n; i++) unmountNode(tree, childAt(live, i));
}

/**
 * Empties all of an element's content with one Clear op (the browser clears it in one call,
 * instead of a Remove per node) and unmounts what was there. `live` is the element itself, or a
 * fragment or component that is all of its content (see isSoleContent); `element` is its id.
 */
export function clearContent(tree: LiveTree, live: LiveNode, element: number): void {
  tree.op([Op.Clear, element]);
  for (let i = 0, n = childCount(live); i < n; i++) unmountNode(tree, childAt(live, i));
  clearChildren(live);
}

/** Runs the unmount hooks collected during a flush. */
export function runUnmountHooks(tree: LiveTree): void {
  const list = tree.unmounted;
  if (list === null) return;
  tree.unmounted = null;
  for (let i = 0; i < list.length; i++) {
    const live = list[i];
    try {
      live.instance!.unmount!();
    } catch (error) {
      tree.reportError(error, `${componentName(live.vnode as VNode)}.unmount()`);
    }
  }
}
