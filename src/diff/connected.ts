import type { Component } from "../component/component.js";
import { childAt, childCount, type LiveNode } from "./live-node.js";
import { componentName } from "./render-component.js";
import type { LiveTree } from "./live-tree.js";
import type { VNode } from "../vnode/vnode.js";

/**
 * The `connected()` hook: what a component does once a tab has its tree and the live connection
 * is up (page requests, emits a page script waits for). It runs for every component on the page
 * after each Mount (the first join, and a remount: the tab got the whole tree again), and for a
 * component added later, after the flush that put it on the page. A resume (the same tab back on
 * a new connection, nothing remounted) runs none.
 */

/** Runs `connected()` of every component in the tree, parents before children. */
export function runConnectedHooks(tree: LiveTree): void {
  tree.connecting = null; // the walk reaches them too: once each
  connectAll(tree, tree.root);
}

/** Runs `connected()` of the components added since the last Mount or flush (LiveTree.connecting). */
export function runNewConnectedHooks(tree: LiveTree): void {
  const list = tree.connecting;
  if (list === null) return;
  tree.connecting = null;
  for (let i = 0; i < list.length; i++) connect(tree, list[i]);
}

function connectAll(tree: LiveTree, live: LiveNode): void {
  if (live.instance != null) connect(tree, live);
  for (let i = 0, n = childCount(live); i < n; i++) connectAll(tree, childAt(live, i));
}

function connect(tree: LiveTree, live: LiveNode): void {
  const instance: Component | null | undefined = live.instance;
  if (instance == null || instance.unmounted || typeof instance.connected !== "function") return;
  const where = `${componentName(live.vnode as VNode)}.connected()`;
  try {
    const result = instance.connected();
    if (result && typeof (result as Promise<void>).then === "function") (result as Promise<void>).then(undefined, (error: unknown) => tree.reportError(error, where));
  } catch (error) {
    tree.reportError(error, where);
  }
}
