import type { Component } from "../component/component.js";
import { HOST, TREE } from "../component/slots.js";
import { versionsOf, type ComponentVersions } from "../component/versions.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { VNode } from "../vnode/vnode.js";
import { childAt, childCount, type LiveNode } from "./live-node.js";
import { componentName } from "./render-component.js";
import type { LiveTree } from "./live-tree.js";

/**
 * Moves every live component of a tree whose code changed (its versions record is in
 * `changed`, see component/versions.ts) onto its newest version, and marks it for re-rendering:
 * the tree's next flush renders it with the new code, an ordinary patch batch. Returns how many
 * components were swapped.
 *
 * A class component keeps its instance, so its state: the instance takes the new class's
 * prototype (its methods, so handlers rendered again are the new methods, and `render`), new
 * fields get their initial values and fields the new class no longer has are dropped; `state`
 * is kept, with keys the new initial state adds. A function component keeps its place.
 * Components the new code no longer renders are unmounted by the diff as usual.
 */
export function swapComponents(tree: LiveTree, changed: ReadonlySet<ComponentVersions>): number {
  let swapped = 0;
  const stack: LiveNode[] = [tree.root];
  while (stack.length > 0) {
    const live = stack.pop()!;
    for (let i = 0, n = childCount(live); i < n; i++) stack.push(childAt(live, i));
    if (typeof live.vnode === "string" || !(live.vnode.flags & VNodeFlags.Component)) continue;
    const record = versionsOf(live.vnode.type);
    if (record === undefined || !changed.has(record)) continue;
    if (live.instance != null && !migrate(tree, live, live.instance, record.current)) continue;
    tree.invalidate(live);
    swapped++;
  }
  return swapped;
}

/**
 * True if the tree shows a component of one of `files` (modules, by the file part of their
 * components' identities "file#export"): its tab is one that a change of those files concerns.
 */
export function showsComponentOf(tree: LiveTree, files: ReadonlySet<string>): boolean {
  const stack: LiveNode[] = [tree.root];
  while (stack.length > 0) {
    const live = stack.pop()!;
    for (let i = 0, n = childCount(live); i < n; i++) stack.push(childAt(live, i));
    if (typeof live.vnode === "string" || !(live.vnode.flags & VNodeFlags.Component)) continue;
    const id = versionsOf(live.vnode.type)?.id;
    if (id !== undefined && files.has(id.slice(0, id.lastIndexOf("#")))) return true;
  }
  return false;
}

/** Fields every component has, which belong to Tether, not to the class being swapped. */
const OWN_FIELDS = new Set<PropertyKey>(["props", "state", "unmounted", HOST, TREE]);

/**
 * Gives a live instance the class `next`: its prototype, its new fields' initial values (read
 * from an instance made for the purpose, never mounted) and its state's new keys. False, and the
 * instance left as it was, if the new class's constructor throws.
 */
function migrate(tree: LiveTree, live: LiveNode, instance: Component, next: Function): boolean {
  if (instance.constructor === next) return true;
  let fresh: Component;
  try {
    fresh = new (next as new (props: unknown) => Component)(instance.props);
  } catch (error) {
    tree.reportError(error, `constructing the new ${componentName(live.vnode as VNode)} to swap it in`);
    return false;
  }
  Object.setPrototypeOf(instance, next.prototype);
  const target = instance as unknown as Record<PropertyKey, unknown>;
  const source = fresh as unknown as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(instance)) if (!OWN_FIELDS.has(key) && !Object.hasOwn(fresh, key)) delete target[key];
  for (const key of Reflect.ownKeys(fresh)) if (!OWN_FIELDS.has(key) && !Object.hasOwn(instance, key)) target[key] = source[key];
  const initial = fresh.state;
  if (isPlainObject(initial) && isPlainObject(instance.state)) {
    let added: Record<string, unknown> | null = null;
    for (const key in initial) if (!(key in instance.state)) (added ??= {})[key] = initial[key];
    if (added !== null) instance.state = { ...instance.state, ...added };
  }
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
