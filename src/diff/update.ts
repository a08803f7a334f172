import { Directive, Op } from "../protocol/wire.js";
import { VNodeFlags } from "../vnode/flags.js";
import type { ValuesVNode, VNode } from "../vnode/vnode.js";
import { diffChildren } from "./children.js";
import { createLiveNode, setOnlyChild, setSoleText, shapedContent, soleText, type LiveNode } from "./live-node.js";
import { soleTextId } from "./ids.js";
import { diffProps } from "./props.js";
import { keptVNode } from "./kept-vnode.js";
import { renderComponent, shallowEqual } from "./render-component.js";
import { expandRow, updateShaped } from "./shaped.js";
import { updateRows } from "./rows.js";
import type { LiveTree } from "./live-tree.js";
import { sameComponent } from "../component/versions.js";

/**
 * Whether a live node can be updated to show `v` (same kind, type and key), rather than
 * replaced. Two different static subtrees are replaced: nothing inside one is diffed; so are
 * elements with static children from different template sites (their children have no live nodes).
 */
export function sameKind(live: LiveNode, v: VNode | string): boolean {
  const old = live.vnode;
  if (typeof v === "string") return typeof old === "string";
  if (typeof old === "string") return false;
  if (old === v) return true;
  // Two versions of one component (`tether dev` swapped its code) are one type: kept, not replaced.
  if ((old.type !== v.type && !sameComponent(old.type, v.type)) || old.key !== v.key) return false;
  const flags = v.flags;
  if ((old.flags ^ flags) & (VNodeFlags.Element | VNodeFlags.Component | VNodeFlags.Fragment | VNodeFlags.Rows | VNodeFlags.Raw | VNodeFlags.Static | VNodeFlags.StaticChildren)) return false;
  if (flags & VNodeFlags.Static) return false;
  if (flags & VNodeFlags.StaticChildren) return old.site === v.site;
  if (flags & VNodeFlags.Raw) return old.props.html === v.props.html;
  return true;
}

/**
 * Updates a live node, of the same kind as `v`, to show `v`. `domParent` is the element its
 * DOM nodes are in and `end` the id of the DOM node after its range (0: none; -1: not yet
 * known, see LiveTree.resolveEnd); only fragments and components need them.
 */
export function updateNode(tree: LiveTree, live: LiveNode, v: VNode | string, domParent: number, end: number): void {
  const old = live.vnode;
  // Identity first: a vnode seen last time (a static subtree, a memoized row) costs one comparison.
  if (old === v && !live.dirty) return;
  if (tree.stats !== null) tree.stats.compared++;
  if (typeof v === "string") {
    if (old !== v) {
      tree.op([Op.SetText, live.id, v]);
      live.vnode = v;
    }
    return;
  }
  // A shaped element compares its values, unless it became an element like others (shaped.ts).
  if (v.flags & VNodeFlags.Element && shapedContent(live) !== null && updateShaped(tree, live, v)) return;
  if (v.flags & VNodeFlags.Values) v = expandRow(tree, v as ValuesVNode);
  // Read after updateShaped: a shaped element's vnode says its kind only, a promoted one's is its element's.
  const prev = live.vnode as VNode;
  live.vnode = v;
  const flags = v.flags;
  if (flags & VNodeFlags.Element) {
    // Children before props: a <select>'s value must be set after its new options exist.
    // Static children (same site, as sameKind made sure) are the same children.
    if (prev.children !== v.children && !(flags & VNodeFlags.StaticChildren) && !(v.props[Directive.Ignore] && prev.props[Directive.Ignore])) {
      const text = soleText(live);
      if (text !== null) updateSoleText(tree, live, text, v.children);
      else diffChildren(tree, live, live.id, v.children, 0);
    }
    const sameSite = prev.site === v.site && v.site !== null;
    const sameProps = ((flags & VNodeFlags.StaticProps) !== 0 && sameSite) || diffProps(tree, live, v.type as string, prev.props, v.props);
    // The site's shared copy (see keptVNode) stays while the props are the same; else another is found.
    if (sameSite && sameProps && prev.flags & VNodeFlags.Kept && (prev.flags ^ VNodeFlags.Kept) === flags) live.vnode = prev;
    else if (v.site !== null) live.vnode = keptVNode(v);
  } else if (flags & VNodeFlags.Fragment) {
    if (flags & VNodeFlags.Rows) updateRows(tree, live, v, domParent, end); // a LiveList's rows (rows.ts)
    else diffChildren(tree, live, domParent, v.children, end);
  } else if (flags & VNodeFlags.Component) {
    if (!live.dirty && !(prev.flags & VNodeFlags.Stale) && prev.type === v.type && shallowEqual(prev.props, v.props)) return;
    if (live.instance != null) live.instance.props = v.props;
    const rendered = renderComponent(tree, live);
    if (rendered !== null) diffChildren(tree, live, domParent, rendered, end);
  }
}

/**
 * The children of an element that holds its sole text child, `text` (see soleText). Text again:
 * at most one SetText. Anything else: the text becomes a live node and the children are diffed.
 */
function updateSoleText(tree: LiveTree, live: LiveNode, text: string, next: ReadonlyArray<VNode | string>): void {
  if (next.length === 1 && typeof next[0] === "string") {
    if (next[0] !== text) {
      if (tree.stats !== null) tree.stats.compared++; // as updateNode counts a text that changed
      tree.op([Op.SetText, soleTextId(live), next[0]]);
      setSoleText(live, next[0]);
    }
    return;
  }
  setOnlyChild(live, createLiveNode(soleTextId(live), text, live)); // the id it had all along
  diffChildren(tree, live, live.id, next, 0);
}
