import { Op, type Tree } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { VNode } from "../vnode/vnode.js";
import { longestIncreasingSubsequence } from "./lis.js";
import { childAt, childCount, childList, clearChildren, collectDomIds, firstDomId, isRange, setChildren, type LiveNode } from "./live-node.js";
import { createNode } from "./create.js";
import { updateNode, sameKind } from "./update.js";
import type { LiveTree } from "./live-tree.js";
import { clearContent, removeNode } from "./unmount.js";

// How far past a mismatch an unkeyed child looks for an old node of its kind. Bounded so that a
// list of mismatched unkeyed nodes stays linear; beyond it, nodes are replaced (still correct).
const UNKEYED_LOOKAHEAD = 8;

/**
 * Diffs a live node's children against new vnodes and emits the ops that make the DOM match:
 * removes first, then, from the last child to the first, patches, moves and creates, each
 * relative to the already-final node after it.
 *
 * Kept children are matched by key (or, unkeyed, in order by kind); those on the longest
 * increasing subsequence of their old positions stay, the rest move: the fewest moves
 * possible, and every move is a real DOM move that keeps the node and its input state.
 * Consecutive new children become one Create op.
 */
export function diffChildren(
  tree: LiveTree,
  parent: LiveNode,
  domParent: number,
  next: ReadonlyArray<VNode | string>,
  end: number,
): void {
  const newLen = next.length;
  if (newLen === 1 && childCount(parent) === 1 && sameKind(childAt(parent, 0), next[0])) {
    // One child before and after, of the same kind (a component's root, most of the time): patched in place.
    const only = childAt(parent, 0);
    if (!isRange(parent) && clearsSoleList(tree, only, next[0], domParent)) return;
    if (only.vnode !== next[0] || only.dirty) updateNode(tree, only, next[0], domParent, end);
    return;
  }
  const old = childList(parent);
  const oldLen = old.length;

  if (newLen === 0) {
    if (oldLen === 0) return;
    if (!isRange(parent)) clearContent(tree, parent, domParent);
    else {
      for (let i = 0; i < oldLen; i++) removeNode(tree, old[i]);
      clearChildren(parent);
    }
    return;
  }

  // Common prefix and suffix: the usual case (an append, an edit in place) needs no key map.
  let start = 0;
  while (start < oldLen && start < newLen && sameKind(old[start], next[start])) start++;
  let oldEnd = oldLen - 1;
  let newEnd = newLen - 1;
  while (oldEnd >= start && newEnd >= start && sameKind(old[oldEnd], next[newEnd])) {
    oldEnd--;
    newEnd--;
  }

  if (start === oldLen && start === newLen) {
    // Same kinds everywhere: patch in place, nothing moves.
    for (let i = newLen - 1; i >= 0; i--) {
      const live = old[i];
      if (live.vnode !== next[i] || live.dirty) updateNode(tree, live, next[i], domParent, end);
      const id = firstDomId(live);
      if (id !== 0) end = id;
    }
    return;
  }

  const children: Array<LiveNode | undefined> = new Array(newLen);
  for (let i = 0; i < start; i++) children[i] = old[i];
  for (let i = newEnd + 1; i < newLen; i++) children[i] = old[i - newLen + oldLen];

  // The middle: match by key or by kind, remove what is unmatched.
  const middle = newEnd - start + 1;
  const sources = new Int32Array(middle > 0 ? middle : 0).fill(-1);
  let moved = false;
  if (oldEnd >= start) {
    let keyed: Map<unknown, number> | null = null;
    for (let j = start; j <= oldEnd; j++) {
      const key = keyOf(old[j]);
      if (key !== null) (keyed ??= new Map()).set(key, j);
    }
    const used = new Uint8Array(oldEnd - start + 1);
    let cursor = start;
    let lastSource = -1;
    for (let i = start; i <= newEnd; i++) {
      const v = next[i];
      const key = typeof v === "string" ? null : v.key;
      let j = -1;
      if (key !== null) {
        const c = keyed?.get(key);
        if (c !== undefined && used[c - start] === 0 && sameKind(old[c], v)) j = c;
      } else {
        for (let c = cursor, seen = 0; c <= oldEnd && seen <= UNKEYED_LOOKAHEAD; c++) {
          const o = old[c];
          if (used[c - start] !== 0 || keyOf(o) !== null) continue;
          seen++;
          if (sameKind(o, v)) {
            j = c;
            cursor = c + 1;
            break;
          }
        }
      }
      if (j >= 0) {
        used[j - start] = 1;
        sources[i - start] = j;
        children[i] = old[j];
        if (j < lastSource) moved = true;
        lastSource = j;
      }
    }
    for (let j = start; j <= oldEnd; j++) if (used[j - start] === 0) removeNode(tree, old[j]);
  }
  const stays = moved ? longestIncreasingSubsequence(sources) : null;

  // From the last child to the first: everything after `i` is final, so `end` is a valid anchor.
  for (let i = newLen - 1; i >= 0; i--) {
    const live = children[i];
    if (live === undefined) {
      let first = i;
      while (first > start && children[first - 1] === undefined) first--;
      end = createRun(tree, parent, domParent, end, first, i, children, (k) => next[k]);
      i = first;
      continue;
    }
    if (live.vnode !== next[i] || live.dirty) updateNode(tree, live, next[i], domParent, end);
    if (stays !== null && i >= start && i <= newEnd && stays[i - start] === 0) moveNode(tree, live, domParent, tree.resolveEnd(end));
    const id = firstDomId(live);
    if (id !== 0) end = id;
  }
  setChildren(parent, children as LiveNode[]);
}

/**
 * Creates the nodes of places `first` to `last` of `parent`'s new children (`vnodeAt(k)` gives
 * each one's vnode) into `into`, sent as one Create op before `end`. Returns the id of the first
 * DOM node they made, or `end` if they made none: the anchor of the places before them.
 */
export function createRun(
  tree: LiveTree,
  parent: LiveNode,
  domParent: number,
  end: number,
  first: number,
  last: number,
  into: Array<LiveNode | undefined>,
  vnodeAt: (k: number) => VNode | string,
): number {
  const trees: Tree[] = [];
  const firstId = tree.nextId;
  for (let k = first; k <= last; k++) into[k] = createNode(tree, vnodeAt(k), parent, trees);
  if (trees.length > 0) tree.op([Op.Create, domParent, tree.resolveEnd(end), firstId, trees]);
  for (let k = first; k <= last; k++) {
    const id = firstDomId(into[k]!);
    if (id !== 0) return id;
  }
  return end;
}

/**
 * A list that is its element's only child, before and after, and becomes empty
 * (`<ul>${items.map(…)}</ul>` with no items left): one Clear op instead of a Remove per item.
 * (The same for a component that re-renders on its own: LiveTree.clearsElement.)
 */
function clearsSoleList(tree: LiveTree, live: LiveNode, v: VNode | string, domParent: number): boolean {
  if (typeof v === "string" || !(v.flags & VNodeFlags.Fragment) || v.flags & VNodeFlags.Rows || v.children.length > 0) return false;
  if (!sameKind(live, v) || childCount(live) === 0) return false;
  clearContent(tree, live, domParent);
  live.vnode = v;
  return true;
}

function keyOf(live: LiveNode): unknown {
  const v = live.vnode;
  return typeof v === "string" ? null : v.key;
}

/** Moves a node's DOM nodes before `before` (0: to the end of `domParent`). */
export function moveNode(tree: LiveTree, live: LiveNode, domParent: number, before: number): void {
  if (live.id !== 0) {
    tree.op([Op.Move, live.id, domParent, before]);
    return;
  }
  const ids: number[] = [];
  collectDomIds(live, ids);
  for (let i = 0; i < ids.length; i++) tree.op([Op.Move, ids[i], domParent, before]);
}
