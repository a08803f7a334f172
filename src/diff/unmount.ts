import { Op } from "../protocol/wire.js";
import { childAt, childCount, childList, clearChildren, collectDomIds, shapedContent, type LiveNode } from "./live-node.js";
import { unregisterHandlers } from "./shape-layout.js";
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
  unmountOwn(tree, live);
  for (let i = 0, n = childCount(live); i < n; i++) unmountNode(tree, childAt(live, i));
}

/** unmountNode for the node itself, not what is below it. */
function unmountOwn(tree: LiveTree, live: LiveNode): void {
  if (live.id !== 0) tree.handlers.delete(live.id);
  const shaped = shapedContent(live);
  if (shaped !== null) unregisterHandlers(tree, live, shaped.shape.layout!);
  const instance = live.instance;
  if (instance != null) {
    instance.unmounted = true;
    live.dirty = false;
    // Its subscriptions end now, so that no message reaches a component that left the page.
    endWithComponent(instance, (error) => tree.reportError(error, `ending ${componentName(live.vnode as VNode)}'s subscriptions`));
    if (typeof instance.unmount === "function") (tree.unmounted ??= []).push(live);
  }
}

/**
 * Empties all of an element's content with one Clear op (the browser clears it in one call,
 * instead of a Remove per node) and unmounts what was there. `live` is the element itself, or a
 * fragment or component that is all of its content (see isSoleContent); `element` is its id.
 */
export function clearContent(tree: LiveTree, live: LiveNode, element: number): void {
  tree.op([Op.Clear, element]);
  const n = childCount(live);
  if (n >= DROP_WHOLE_FROM) tree.dropLater(childList(live));
  else for (let i = 0; i < n; i++) dropOrUnmount(tree, childAt(live, i));
  clearChildren(live);
}

/**
 * A long list's rows (a range's many children: a list rendered as an array is a fragment) are
 * unmounted after the patch is sent (LiveTree.settle): a clear of 10,000 rows answers in a
 * step, not after a walk of every live node it had. Anything else is unmounted now.
 */
function dropOrUnmount(tree: LiveTree, live: LiveNode): void {
  if (childCount(live) < DROP_WHOLE_FROM) return unmountNode(tree, live);
  unmountOwn(tree, live);
  tree.dropLater(childList(live));
}

/** Cleared contents with this many children or more are unmounted at LiveTree.settle. */
const DROP_WHOLE_FROM = 64;

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
