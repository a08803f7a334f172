import { VNodeFlags } from "./flags.js";

/** A child as users write it: vnodes, text, numbers, nested arrays; null/boolean render nothing. */
export type Child = VNode | string | number | bigint | boolean | null | undefined | Child[];

/** What a component's render returns. */
export type Renderable = Child;

/** Props of an element or a component. */
export type Props = Record<string, unknown>;

// An element's props as the diff reads them inherit nothing: no key of Object.prototype (were it
// polluted) and no `__proto__` setter, so `props[name] = value` always makes an own key and
// `for…in` reads only keys that were checked (invariant 7, "Escaped by default" in
// ARCHITECTURE.md). Not Object.create(null): V8 keeps such objects in dictionary mode (measured:
// ~35x as long to make, ~3.8x the memory, for…in ~10x as slow); objects made by a constructor whose
// prototype inherits nothing stay in fast mode, at an object literal's speed and size.
const PropsObject = function PropsObject() {} as unknown as { new (): Props; prototype: object };
PropsObject.prototype = Object.freeze(Object.create(null) as object);

/**
 * What element props inherit: nothing (a frozen object with a null prototype). The compiled
 * templates give their props objects this prototype too (codegen.ts).
 */
export const PROPS_PROTOTYPE: object = PropsObject.prototype;

/** A new, empty props object that inherits nothing (see PROPS_PROTOTYPE). */
export function createProps(): Props {
  return new PropsObject();
}

/** A component class or function as it appears in a vnode's `type`. */
// The constructor signature is loose on purpose: components declare their own prop types.
export type ComponentType = ((props: any) => Renderable) | (new (props: any) => unknown);

/**
 * The brand of a vnode: a property under this symbol, set only by createVNode and by the code
 * templates compile to (codegen.ts). No parsed JSON or other data can carry a symbol key, so none
 * passes as a vnode (invariant 7, "Escaped by default" in ARCHITECTURE.md: a forged Raw vnode would
 * be raw HTML). A symbol rather than a class: the compiled templates build vnodes as object
 * literals, one shape with this.
 */
export const VNODE: unique symbol = Symbol("tether.vnode");

/**
 * One node of a rendered tree. Immutable once created: templates share static subtrees between
 * renders and sessions, so nothing per-session is ever stored on a vnode.
 */
export interface VNode {
  flags: number;
  /** Tag name, component, or null for fragments and raw HTML. */
  type: string | ComponentType | null;
  key: string | number | null;
  props: Props;
  /** Normalized children: vnodes and strings only (elements and fragments). */
  children: ReadonlyArray<VNode | string>;
  /**
   * The template site that built this element (its plan in compile.ts, or htm's operation
   * list), or null. Two vnodes from the same site with `StaticProps` have equal props
   * without comparing them.
   */
  site: unknown;
  /** The brand (see VNODE). */
  readonly [VNODE]: true;
}

/**
 * What the diff may read of an element's template site, when the site is a compiled template's
 * element (src/template/plan.ts): which of its props and children are holes. Every vnode of
 * the site has the same tag, the same constant props and children elsewhere; the diff encodes
 * a new subtree of such sites as a shape sent once and the holes' values (diff/shapes.ts).
 */
export interface TemplateSite {
  /** The names (as the element keeps them) of the props whose values are holes, in template order. */
  readonly holeProps: readonly string[];
  /** For each child, true if it is a hole (`${…}`), false if it is template text or an element of the template. */
  readonly holeChildren: readonly boolean[];
  /** True if the tag is template text; false if it is a hole (`<${tag}>`): then its vnodes' tags differ. */
  readonly fixedTag: boolean;
}

/**
 * A shape's signature (diff/shape-layout.ts signatureOf) is built in a double's exact integers,
 * a bit per hole: past this, no shape.
 */
export const MAX_SIGNATURE = 2 ** 40;

/** The site of `v` as a TemplateSite, or null if it was not built by a compiled template's element. */
export function templateSiteOf(v: VNode): TemplateSite | null {
  const site = v.site as Partial<TemplateSite> | null;
  return site !== null && typeof site === "object" && site.holeChildren !== undefined ? (site as TemplateSite) : null;
}

/** Marker type for fragments in JSX and `h`. */
export const Fragment = Symbol.for("tether.fragment");

/** The children of every vnode that has none (createVNode's, and those of vnodes made as classes: flat.ts, raw.ts). */
export const EMPTY_CHILDREN: ReadonlyArray<VNode | string> = Object.freeze([]);
/** The props of every vnode that has none (fragments, elements without attributes): shared, never written. */
export const EMPTY_PROPS: Props = Object.freeze(createProps());

/**
 * What a `null`, `undefined` or boolean child becomes: an empty placeholder that keeps its
 * position (as in preact). When `${cond && html`<input id=a>`}` renders nothing, the
 * `<input id=b>` after it stays at its index and keeps its DOM node, typed text and focus.
 */
export const HOLE: VNode = Object.freeze(createVNode(VNodeFlags.Fragment, null, null, EMPTY_PROPS, EMPTY_CHILDREN, null));

/**
 * The one factory for every vnode, so the engine sees one object shape (as in preact); the
 * compiled templates write the same literal (codegen.ts).
 */
export function createVNode(
  flags: number,
  type: VNode["type"],
  key: VNode["key"],
  props: Props,
  children: ReadonlyArray<VNode | string>,
  site: unknown,
): VNode {
  return { flags, type, key, props, children: children.length === 0 ? EMPTY_CHILDREN : children, site, [VNODE]: true };
}

/**
 * Flattens user children into vnodes and strings. Nested arrays become fragments so that
 * a list keeps its own key space and the siblings around it keep their positions.
 */
export function normalizeChildren(input: readonly Child[]): ReadonlyArray<VNode | string> {
  const n = input.length;
  if (n === 0) return EMPTY_CHILDREN;
  // One entry per child, so the array is made at its size: a session keeps the children of its
  // last render, and an array grown by push would keep room for 17.
  const out: Array<VNode | string> = new Array(n);
  for (let i = 0; i < n; i++) out[i] = normalizeChild(input[i]);
  return out;
}

/** One child as the diff reads it: a vnode or a string (a ValuesVNode becomes the element's vnode). */
export function normalizeChild(c: Child): VNode | string {
  if (typeof c === "string") return c;
  if (c == null || typeof c === "boolean") return HOLE;
  if (typeof c === "number" || typeof c === "bigint") return String(c);
  if (Array.isArray(c)) return createVNode(VNodeFlags.Fragment, null, null, EMPTY_PROPS, normalizeChildren(c), null);
  if (isVNode(c)) return c.flags & VNodeFlags.Values ? expandValues(c as ValuesVNode) : c;
  if (typeof c === "object" && "flags" in c) {
    throw new TypeError("Tether: cannot render an object shaped like a vnode as a child: vnodes come from html, h, JSX or raw(), never from data");
  }
  throw new TypeError(`Tether: cannot render ${describe(c)} as a child; use a string, a number, a vnode or an array`);
}

/**
 * A component's render result as the diff reads it: normalizeChild's, except that a ValuesVNode
 * (a LiveList row's render, template/flat.ts) stays as it is, for the diff to keep as values.
 */
export function normalizeRendered(c: Child): VNode | string {
  return isVNode(c) && c.flags & VNodeFlags.Values ? c : normalizeChild(c);
}

/**
 * An element of a flat template held as its holes' values (VNodeFlags.Values): what a
 * LiveList's row render gives when its template allows (template/flat.ts), instead of a vnode
 * for each of its elements. Its tag, key (null), flags and site are the element's; its props and
 * children are empty: the element's vnode is `expandValues`'s. It is a vnode only where the diff
 * takes a rendered root (createNode, updateNode, sameKind); anything that takes children
 * (normalizeChild) expands it.
 */
export interface ValuesVNode extends VNode {
  /**
   * The holes' values in a shape's order (diff/shape-layout.ts signatureOf), as the element's
   * vnode holds them, except that a number in a text hole stays the number (shape-layout.ts textOf).
   */
  readonly values: unknown[];
  /** The signature signatureOf reads from the element's vnode. */
  readonly signature: number;
  /** The template's values as written, and its compiled function: the element's vnode on demand. */
  readonly raw: readonly unknown[];
  readonly make: (values: ArrayLike<unknown>) => unknown;
  /**
   * Said by the diff when the row's shape is one whose elements are never kept as values (form
   * fields, page-owned content): its template gives its vnodes from then on, not values to expand.
   */
  refuse(): void;
}

/** The element's vnode that a ValuesVNode stands for. */
export function expandValues(v: ValuesVNode): VNode {
  return v.make(v.raw) as VNode;
}

/** True for a vnode made by Tether (it carries the brand); false for anything shaped like one. */
export function isVNode(value: unknown): value is VNode {
  return typeof value === "object" && value !== null && (value as VNode)[VNODE] === true;
}

function describe(value: unknown): string {
  if (typeof value === "function") return `a function (${value.name || "anonymous"})`;
  if (typeof value === "object") return `an object (${Object.prototype.toString.call(value)})`;
  return typeof value;
}
