import { VNodeFlags } from "../vnode/flags.js";
import { createVNode, type VNode } from "../vnode/vnode.js";
import { shallowEqual } from "./render-component.js";

/**
 * Per template site, the vnode that live elements of every session may keep in place of their
 * own: a copy of one of its vnodes, without its children. Held weakly: its props may hold
 * one session's closures (equal to no other session's props), and once no live element keeps
 * it, the next vnode of the site makes the next copy.
 */
const keptAtSite = new WeakMap<object, WeakRef<VNode>>();

/**
 * The vnode a live element keeps after showing `v`, a vnode of a template site. Were it `v`
 * itself, an idle session would hold its whole last render: each vnode with its children
 * array, down to every leaf, beside the live nodes that mirror them.
 *
 * It is a copy shared by every session, one per site, when `v` has the copy's tag, key, flags
 * and props (for props written in template text, always). Its children are left out: for an
 * element with live children or its sole text (soleText), the live node has them; an
 * element with static children keeps its site's (the same array at every evaluation).
 *
 * The price: a template's result that code keeps and renders again is compared with what the
 * page shows rather than skipped by identity (work in proportion to that subtree, sending no
 * op). Static parts stay skipped (a static subtree is one vnode, kept as it is), and so do
 * components whose props are equal and keyed elements, which keep their own vnode: they are
 * list items, the vnodes code most often keeps and renders again (memoized rows), and a
 * copy would match one key only.
 */
export function keptVNode(v: VNode): VNode {
  if (v.site === null || v.key !== null) return v;
  const site = v.site as object;
  let kept = keptAtSite.get(site)?.deref();
  if (kept === undefined) {
    kept = createVNode(v.flags | VNodeFlags.Kept, v.type, v.key, v.props, v.flags & VNodeFlags.StaticChildren ? v.children : [], site);
    keptAtSite.set(site, new WeakRef(kept));
    return kept;
  }
  if ((kept.flags ^ VNodeFlags.Kept) !== v.flags || kept.type !== v.type || (v.flags & VNodeFlags.StaticChildren && kept.children !== v.children)) return v;
  return v.flags & VNodeFlags.StaticProps || shallowEqual(kept.props, v.props) ? kept : v;
}
