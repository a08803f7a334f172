/**
 * Vnode flags: bits in one number so that every vnode has the same shape.
 * Kept in one file so the diff, the encoder and the renderer agree on them.
 */
export const VNodeFlags = {
  /** An HTML or SVG element; `type` is the tag name. */
  Element: 1 << 0,
  /** A function or class component; `type` is the component. */
  Component: 1 << 1,
  /** A fragment: children without a wrapper element. */
  Fragment: 1 << 2,
  /** HTML from `raw()` (sanitized) or `raw.trusted()`; `props.html` holds it. */
  Raw: 1 << 3,
  /** The component is a class (extends Component), not a function. */
  ClassComponent: 1 << 4,
  /**
   * Built from template text only: no hole anywhere below it. The template site returns the
   * same object at every later evaluation, so identity skips it.
   */
  Static: 1 << 5,
  /** Props come only from template text: same site means same props. */
  StaticProps: 1 << 6,
  /**
   * Children come only from template text (text and static subtrees): same site means same
   * children. They are never diffed, so the session keeps no live node for them.
   */
  StaticChildren: 1 << 7,
  /** A copy that live elements of every session keep in place of their own vnodes (see keptVNode). */
  Kept: 1 << 8,
  /**
   * A component's live vnode, copied so that its next update renders it even with equal props:
   * a control inside it took the page's value (see diff/controlled.ts), which its render may reset.
   */
  Stale: 1 << 9,
  /**
   * An element of a flat template held as its holes' values (a ValuesVNode, template/flat.ts),
   * made only for a LiveList's rows: its props and children are not built. The diff creates or
   * updates a shaped element from the values, or expands it to the element's vnode first.
   */
  Values: 1 << 10,
  /**
   * With Fragment: a LiveList's rows (`props.source`, a RowSource). Its children are not in the
   * vnode: the diff renders them from the source's items, a live node per row (diff/rows.ts).
   */
  Rows: 1 << 11,
} as const;
