import type { Component } from "../component/component.js";
import { HOST, TREE } from "../component/slots.js";
import { currentVersion } from "../component/versions.js";
import { VNodeFlags } from "../vnode/flags.js";
import { normalizeRendered, type VNode } from "../vnode/vnode.js";
import type { LiveNode } from "./live-node.js";
import type { LiveTree } from "./live-tree.js";
import { restoreNext } from "./snapshot.js";

type ComponentClass = new (props: unknown) => Component;
type ComponentFunction = (props: unknown) => unknown;

/** Instantiates a class component for a new live node and runs its `mount` hook. */
export function createComponent(tree: LiveTree, live: LiveNode): void {
  const v = live.vnode as VNode;
  if (!(v.flags & VNodeFlags.ClassComponent)) return;
  let instance: Component;
  try {
    instance = new (currentVersion(v.type) as ComponentClass)(v.props);
  } catch (error) {
    tree.reportError(error, `constructing ${componentName(v)}`);
    return;
  }
  instance.props = v.props;
  instance[HOST] = live;
  instance[TREE] = tree;
  live.instance = instance;
  // A restored session's component takes its saved state before mount() runs.
  if (tree.restoring !== null) restoreNext(tree, live, instance);
  if (tree.connects && typeof instance.connected === "function") (tree.connecting ??= []).push(live);
  if (typeof instance.mount !== "function") return;
  try {
    const result = instance.mount();
    if (result && typeof (result as Promise<void>).then === "function") {
      const settled = (result as Promise<void>).then(
        () => tree.invalidate(live),
        (error: unknown) => tree.reportError(error, `${componentName(v)}.mount()`),
      );
      if (tree.collectsMounts) (tree.pendingMounts ??= []).push(settled);
    }
  } catch (error) {
    tree.reportError(error, `${componentName(v)}.mount()`);
  }
}

/**
 * Renders a component into its normalized children (zero or one node). Returns null if the
 * render threw: the caller then keeps what the page shows, and the error is reported.
 */
export function renderComponent(tree: LiveTree, live: LiveNode): ReadonlyArray<VNode | string> | null {
  const v = live.vnode as VNode;
  if (tree.stats !== null) tree.stats.rendered++;
  live.dirty = false;
  try {
    if (v.flags & VNodeFlags.ClassComponent) {
      if (live.instance == null) return null; // its constructor threw
      return [normalizeRendered(live.instance.render() as never)];
    }
    return [normalizeRendered((currentVersion(v.type) as ComponentFunction)(v.props) as never)];
  } catch (error) {
    tree.reportError(error, `rendering ${componentName(v)}`);
    return null;
  }
}

export function componentName(v: VNode): string {
  const type = v.type as { displayName?: string; name?: string } | null;
  return `<${type?.displayName || type?.name || "Anonymous"}>`;
}

/** Props equality for skipping a child's render: same keys, identical values. */
export function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  let count = 0;
  for (const name in a) {
    if (a[name] !== b[name]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}
