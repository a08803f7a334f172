import { VNodeFlags } from "./flags.js";

/** A child as users write it: vnodes, text, numbers, nested arrays; null/boolean render nothing. */
export type Child = VNode | string | number | bigint | boolean | null | undefined | Child[];

/** What a component's render returns. */
export type Renderable = Child;

/** Props of an element or a component. */
export type Props = Record<string, unknown>;

/** A component class or function as it appears in a vnode's `type`. */
// The constructor signature is loose on purpose: components declare their own prop types.
export type ComponentType = ((props: any) => Renderable) | (new (props: any) => unknown);

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
}

/** Marker type for fragments in JSX and `h`. */
export const Fragment = Symbol.for("tether.fragment");

const EMPTY: ReadonlyArray<VNode | string> = Object.freeze([]);
/** The props of every vnode that has none (fragments, elements without attributes): shared, never written. */
export const EMPTY_PROPS: Props = Object.freeze({}) as Props;

/**
 * What a `null`, `undefined` or boolean child becomes: an empty placeholder that keeps its
 * position (as in preact). When `${cond && html`<input id=a>`}` renders nothing, the
 * `<input id=b>` after it stays at its index and keeps its DOM node, typed text and focus.
 */
export const HOLE: VNode = Object.freeze({ flags: VNodeFlags.Fragment, type: null, key: null, props: EMPTY_PROPS, children: EMPTY, site: null });

/** The one factory for every vnode, so the engine sees one object shape (as in preact). */
export function createVNode(
  flags: number,
  type: VNode["type"],
  key: VNode["key"],
  props: Props,
  children: ReadonlyArray<VNode | string>,
  site: unknown,
): VNode {
  return { flags, type, key, props, children: children.length === 0 ? EMPTY : children, site };
}

/**
 * Flattens user children into vnodes and strings. Nested arrays become fragments so that
 * a list keeps its own key space and the siblings around it keep their positions.
 */
export function normalizeChildren(input: readonly Child[]): ReadonlyArray<VNode | string> {
  const n = input.length;
  if (n === 0) return EMPTY;
  // One entry per child, so the array is made at its size: a session keeps the children of its
  // last render, and an array grown by push would keep room for 17.
  const out: Array<VNode | string> = new Array(n);
  for (let i = 0; i < n; i++) out[i] = normalizeChild(input[i]);
  return out;
}

/** One child as the diff reads it: a vnode or a string. */
export function normalizeChild(c: Child): VNode | string {
  if (typeof c === "string") return c;
  if (c == null || typeof c === "boolean") return HOLE;
  if (typeof c === "number" || typeof c === "bigint") return String(c);
  if (Array.isArray(c)) return createVNode(VNodeFlags.Fragment, null, null, EMPTY_PROPS, normalizeChildren(c), null);
  if (isVNode(c)) return c;
  throw new TypeError(`Tether: cannot render ${describe(c)} as a child; use a string, a number, a vnode or an array`);
}

export function isVNode(value: unknown): value is VNode {
  return typeof value === "object" && value !== null && typeof (value as VNode).flags === "number" && "children" in value;
}

function describe(value: unknown): string {
  if (typeof value === "function") return `a function (${value.name || "anonymous"})`;
  if (typeof value === "object") return `an object (${Object.prototype.toString.call(value)})`;
  return typeof value;
}
