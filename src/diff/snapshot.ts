import { snapshotOf, restoreFrom } from "../component/snapshot.js";
import type { Component } from "../component/component.js";
import { childAt, childCount, type LiveNode } from "./live-node.js";
import { componentName } from "./render-component.js";
import type { LiveTree } from "./live-tree.js";
import type { VNode } from "../vnode/vnode.js";

/** One component's saved state: its class's name (a check on restore) and what it kept. */
export type SavedComponent = [name: string, saved: unknown];

/** A session another process snapshotted, to be made again: its id and its components' saved states. */
export interface RestoredSession {
  id: string;
  components: ReadonlyArray<readonly [string, unknown]>;
  /** The last of the tab's events the states hold: one the tab sends again up to it is not applied twice. */
  events: number;
}

/**
 * The class components of a tree with what each keeps (snapshotOf), in pre-order: the order
 * in which a fresh render of the same states creates them again, parents first, so that a
 * restore matches them by position (restoreNext).
 */
export function snapshotTree(tree: LiveTree): SavedComponent[] {
  const out: SavedComponent[] = [];
  const visit = (live: LiveNode) => {
    if (live.instance != null) out.push([componentName(live.vnode as VNode), snapshotOf(live.instance)]);
    for (let i = 0, n = childCount(live); i < n; i++) visit(childAt(live, i));
  };
  visit(tree.root);
  return out;
}

/**
 * Restores a new component from the tree's saved states (`tree.restoring`), if the next one
 * is of its class; the first that is not ends the restore, and it and the rest mount fresh.
 */
export function restoreNext(tree: LiveTree, live: LiveNode, instance: Component): void {
  const saved = tree.restoring;
  if (saved === null) return;
  const next = saved[tree.restored];
  if (next === undefined || next[0] !== componentName(live.vnode as VNode)) {
    tree.restoring = null;
    return;
  }
  tree.restored++;
  restoreFrom(instance, next[1]);
}
