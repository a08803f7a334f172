import type { VNode } from "../vnode/vnode.js";

/**
 * The component's internal slots, which the diff layer fills when it mounts a component, and
 * what they hold as the component layer sees it. They are here, not in component.ts, so that
 * the diff layer reads them without importing the Component class, and the component layer
 * names what it needs of the live tree without importing the diff layer.
 */

/**
 * The live node a component is mounted at (the diff layer's LiveNode), as opaque to
 * components as it can be: they hand it back to their tree.
 */
export interface ComponentHost {
  vnode: VNode | string;
}

/** The tree a component lives in (the diff layer's LiveTree) and, through it, its session. */
export interface ComponentTree {
  /** Schedules the component mounted at `host` to re-render at the tree's next flush. */
  invalidate(host: ComponentHost): void;
  /** The session the tree renders for (a ComponentSession), or undefined for a tree of its own. */
  readonly session: unknown;
  /** The component whose render placed the one at `host`: the `this` of the callbacks it passed (null at the page's root). */
  ownerOf(host: ComponentHost): object | null;
  /** True when new elements go to the page as shapes and values: a LiveList's rows then render as values (template/flat.ts). */
  readonly shapes: boolean;
  /** Set when a LiveList is shown: its page gets the script that builds rows from shapes. */
  hasLists: boolean;
}

/**
 * Where a LiveList's rows come from, as the diff reads it (diff/rows.ts): its view renders a
 * fragment marked VNodeFlags.Rows whose `props.source` this is. The diff keeps what each row
 * showed; the list says what changed since the diff last read it.
 */
export interface RowSource {
  /** The items, in order: a row for each. */
  readonly items: readonly unknown[];
  /** An item's identity: its row is kept, and moved, while its key stays. */
  keyOf(item: unknown): unknown;
  /** The place of the item with this key in `items`, or -1. */
  indexOf(key: unknown): number;
  /** One item's row; `values`: its flat templates give values where they can (template/flat.ts). */
  renderRow(item: unknown, values: boolean): unknown;
  /** The keys of the rows to render again (`update`, `refresh`) since the diff last read them; null: none. */
  readonly pending: ReadonlySet<unknown> | null;
  /** Items were added, removed or moved since then: the rows are diffed by key. Else only `pending` changed. */
  readonly reordered: boolean;
  /** The diff has read `pending` and `reordered` and made the rows show `items`. */
  diffed(): void;
}

/*
 * Slot keys, set when the component mounts: its live node and its tree. Symbols keep them off
 * the user's namespace; two fields rather than one object, one allocation fewer per component.
 */
/** The slot of the component's ComponentHost. */
export const HOST = Symbol("tether.host");
/** The slot of the component's ComponentTree. */
export const TREE = Symbol("tether.tree");

/**
 * Marks a component class whose render only places what its parent's code made (LiveList's):
 * handlers in what it renders are bound to the component above it.
 */
export const TRANSPARENT = Symbol("tether.transparent");

/**
 * The slot of what ends with the component (its `subscribe`, `track` and `onPresence`): a
 * list made on first use, run by the diff when the component leaves the page (`unmountNode`).
 */
export const CLEANUPS = Symbol("tether.cleanups");

/** Runs and forgets what ends with `component` (see CLEANUPS); errors go to `report`. */
export function endWithComponent(component: { [CLEANUPS]?: Array<() => unknown> | null }, report: (error: unknown) => void): void {
  const cleanups = component[CLEANUPS];
  if (cleanups == null) return;
  component[CLEANUPS] = null;
  for (let i = 0; i < cleanups.length; i++) {
    try {
      const result = cleanups[i]();
      if (result instanceof Promise) result.catch(report);
    } catch (error) {
      report(error);
    }
  }
}
