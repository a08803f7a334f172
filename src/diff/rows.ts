import type { RowSource } from "../component/slots.js";
import { HOLE, normalizeRendered, type Child, type VNode } from "../vnode/vnode.js";
import { createRun, moveNode } from "./children.js";
import { createNode } from "./create.js";
import type { TreeSink } from "./encode.js";
import { longestIncreasingSubsequence } from "./lis.js";
import { childAt, childCount, childList, clearChildren, firstDomId, isRange, setChildren, type LiveNode } from "./live-node.js";
import type { LiveTree } from "./live-tree.js";
import { removeNode } from "./unmount.js";
import { sameKind, updateNode } from "./update.js";

/**
 * A LiveList's rows (component/live-list.ts): a fragment whose vnode (VNodeFlags.Rows) carries
 * the list, with one live node per row, which is what the row rendered: its element (a shaped
 * one, on a page of shapes, shaped.ts), or a fragment, a component, a text. A row has no
 * component, vnode or props object of its own: a 10,000-row create keeps and collects three
 * objects per row fewer than a component per row did, and the garbage collector, which copies
 * what survives, has that much less to copy.
 *
 * What the rows show is kept here as the items they were rendered from, by position: a row
 * whose item is the same object is not rendered again. The list says what changed since the
 * rows were last diffed:
 * - `pending` keys (`update`, `refresh`): those rows render again alone, found by the list's
 *   index of keys, so an update's work does not grow with the list;
 * - `reordered` (`set`, `push`, `insert`, `remove`): the rows are diffed by key as diffChildren
 *   diffs keyed children: kept rows stay or move (the fewest moves: a longest increasing
 *   subsequence), new ones are created in runs of one Create op each, the others removed.
 * A row whose render throws is reported and shows what it showed (a new one: nothing).
 */

/** Per rows fragment: the items its rows show, by position. */
const shownItems = new WeakMap<LiveNode, unknown[]>();

function sourceOf(v: VNode): RowSource {
  return v.props.source as RowSource;
}

/** True if a Rows vnode has no row to show (LiveTree.flush: an emptied list may clear its element at once). */
export function showsNoRows(v: VNode): boolean {
  return sourceOf(v).items.length === 0;
}

/** createNode for a Rows fragment `live`: a row for each item, appended to `out` (see createNode). */
export function createRows(tree: LiveTree, live: LiveNode, v: VNode, out: TreeSink | null): void {
  const source = sourceOf(v);
  const items = source.items;
  const rows: LiveNode[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) rows[i] = createNode(tree, renderRow(tree, source, items[i]) ?? HOLE, live, out);
  setChildren(live, rows);
  shownItems.set(live, items.slice());
  source.diffed();
}

/** updateNode for a Rows fragment: what the list changed since its rows were last diffed. */
export function updateRows(tree: LiveTree, live: LiveNode, v: VNode, domParent: number, end: number): void {
  const source = sourceOf(v);
  const shown = shownItems.get(live)!;
  if (source.reordered) diffRows(tree, live, source, shown, domParent, end);
  else if (source.pending !== null) for (const key of source.pending) renderAgain(tree, live, source, shown, key, domParent, end);
  source.diffed();
}

/** One row, rendered again for `update` or `refresh`: the list's order is the rows' order. */
function renderAgain(tree: LiveTree, live: LiveNode, source: RowSource, shown: unknown[], key: unknown, domParent: number, end: number): void {
  const i = source.indexOf(key);
  if (i < 0 || i >= childCount(live)) return; // removed since: nothing to render
  const item = source.items[i];
  const next = renderRow(tree, source, item);
  if (next === null) return;
  shown[i] = item;
  const row = childAt(live, i);
  if (sameKind(row, next)) {
    updateNode(tree, row, next, domParent, isRange(row) ? endAfter(tree, live, i, end) : 0);
    return;
  }
  // Another kind of node (text where an element was, another tag): replaced in place.
  removeNode(tree, row);
  const rows = childList(live).slice();
  createRun(tree, live, domParent, endAfter(tree, live, i, end), i, i, rows, () => next);
  setChildren(live, rows);
}

/**
 * The rows after a reorder: matched to the old ones by key (a common prefix and suffix first,
 * which an append or a removal needs no map for), then patched, moved and created from the last
 * to the first, each relative to the already-final row after it.
 */
function diffRows(tree: LiveTree, live: LiveNode, source: RowSource, shown: unknown[], domParent: number, end: number): void {
  const items = source.items;
  const pending = source.pending;
  const old = childList(live);
  const oldLen = old.length;
  const newLen = items.length;
  if (newLen === 0) {
    for (let i = 0; i < oldLen; i++) removeNode(tree, old[i]);
    clearChildren(live);
    shownItems.set(live, []);
    return;
  }

  let start = 0;
  while (start < oldLen && start < newLen && sameKey(source, shown[start], items[start])) start++;
  let oldEnd = oldLen - 1;
  let newEnd = newLen - 1;
  while (oldEnd >= start && newEnd >= start && sameKey(source, shown[oldEnd], items[newEnd])) {
    oldEnd--;
    newEnd--;
  }

  // The old row each new place keeps, or -1 for a new row.
  const from = new Int32Array(newLen).fill(-1);
  for (let i = 0; i < start; i++) from[i] = i;
  for (let i = newEnd + 1; i < newLen; i++) from[i] = i - newLen + oldLen;
  let stays: Uint8Array | null = null;
  if (oldEnd >= start) {
    const keyed = new Map<unknown, number>();
    for (let j = start; j <= oldEnd; j++) keyed.set(source.keyOf(shown[j]), j);
    const used = new Uint8Array(oldEnd - start + 1);
    const sources = new Int32Array(Math.max(newEnd - start + 1, 0)).fill(-1);
    let moved = false;
    let last = -1;
    for (let i = start; i <= newEnd; i++) {
      const j = keyed.get(source.keyOf(items[i]));
      if (j === undefined || used[j - start] !== 0) continue; // a key seen twice: the second is a new row
      used[j - start] = 1;
      from[i] = j;
      sources[i - start] = j;
      if (j < last) moved = true;
      last = j;
    }
    for (let j = start; j <= oldEnd; j++) if (used[j - start] === 0) removeNode(tree, old[j]);
    if (moved) stays = longestIncreasingSubsequence(sources);
  }

  const rows: LiveNode[] = new Array(newLen);
  for (let i = newLen - 1; i >= 0; i--) {
    const j = from[i];
    if (j === -1) {
      // A run of new rows: one Create op.
      let first = i;
      while (first > 0 && from[first - 1] === -1) first--;
      end = createRun(tree, live, domParent, end, first, i, rows, (k) => renderRow(tree, source, items[k]) ?? HOLE);
      i = first;
      continue;
    }
    let row = old[j];
    const item = items[i];
    const next = shown[j] !== item || (pending !== null && pending.has(source.keyOf(item))) ? renderRow(tree, source, item) : null;
    if (next !== null && !sameKind(row, next)) {
      // Another kind of node: the new one is made where the row ends up, so it does not move.
      removeNode(tree, row);
      createRun(tree, live, domParent, end, i, i, rows, () => next);
      row = rows[i];
    } else {
      if (next !== null) updateNode(tree, row, next, domParent, end);
      if (stays !== null && i >= start && i <= newEnd && stays[i - start] === 0) moveNode(tree, row, domParent, tree.resolveEnd(end));
    }
    rows[i] = row;
    const id = firstDomId(row);
    if (id !== 0) end = id;
  }
  setChildren(live, rows);
  shownItems.set(live, items.slice());
}

function sameKey(source: RowSource, a: unknown, b: unknown): boolean {
  return a === b || source.keyOf(a) === source.keyOf(b);
}

/** One item's row as the diff reads it, or null if its render threw (reported). */
function renderRow(tree: LiveTree, source: RowSource, item: unknown): VNode | string | null {
  if (tree.stats !== null) tree.stats.rendered++;
  try {
    return normalizeRendered(source.renderRow(item, tree.shapes) as Child);
  } catch (error) {
    tree.reportError(error, "rendering a LiveList row");
    return null;
  }
}

/** The id of the first DOM node after row `i` (a later row's, else what follows the list). */
function endAfter(tree: LiveTree, live: LiveNode, i: number, end: number): number {
  for (let k = i + 1, n = childCount(live); k < n; k++) {
    const id = firstDomId(childAt(live, k));
    if (id !== 0) return id;
  }
  return tree.resolveEnd(end);
}
