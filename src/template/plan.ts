import { createProps, normalizeChild, type Child, type Props, type TemplateSite, type VNode } from "../vnode/vnode.js";
import { createElement, elementVNode, LEFT_OUT, normalizeProp, propName } from "./h.js";

/**
 * A template's plan: what compile.ts makes of a template once htm has parsed it with holes
 * for its values. Per element, its tag, which props and children are holes, and its vnode
 * outright if nothing below it is a hole. Element plans are the vnodes' template sites: the
 * diff skips comparing the props of two vnodes from the same site whose props are all
 * template text. `evaluate` reads a plan for one set of values; codegen.ts turns the common
 * plans into code that does the same without reading them.
 */

/** A hole of the template: where value `i` goes. Its text form marks it inside attribute text. */
export class Hole {
  readonly i: number;
  constructor(i: number) {
    this.i = i;
  }
  toString(): string {
    return `\u0001${this.i}\u0002`;
  }
}

export const HOLE_TOKEN = /\u0001(\d+)\u0002/;

/** An attribute written as text and holes (`class="btn btn-${size}"`): concatenated at evaluation. */
export class Mixed {
  readonly parts: ReadonlyArray<string | Hole>;
  constructor(parts: ReadonlyArray<string | Hole>) {
    this.parts = parts;
  }
}

export type PropValue = unknown;
export type Node = string | VNode | Hole | ElementPlan;

export class ElementPlan implements TemplateSite {
  readonly type: string | Hole;
  readonly children: ReadonlyArray<Node>;
  /** Bit 1: the tag or props depend on holes; bit 2: the children do. */
  readonly dynamic: number;
  /** Prop names and values (constants, holes or mixed text), in template order; null if none. */
  readonly props: ReadonlyArray<readonly [string, PropValue]> | null;
  /** Of each of `props`, the name an element keeps it under (propName), or null if not kept (`key`). */
  readonly keptNames: ReadonlyArray<string | null> | null;
  /** The `key` prop's value (a constant, hole or mixed text) when props depend on holes; undefined if none. */
  readonly keyValue: PropValue;
  /** The raw props when none depends on a hole (shared by every evaluation, even if the tag is a hole), else null. */
  readonly constantProps: Props | null;
  /** The built vnode if nothing in this element depends on a hole. */
  vnode: VNode | null = null;
  /**
   * The children, when none depends on a hole but the tag or props do (a button with a
   * handler and a fixed label): one array shared by every evaluation, so a render allocates
   * none and the diff skips them by identity.
   */
  readonly constantChildren: ReadonlyArray<VNode | string> | null;
  /** The kept names of the props that are holes or mixed text, in template order (TemplateSite). */
  readonly holeProps: readonly string[];
  /** Which children are holes (TemplateSite). */
  readonly holeChildren: readonly boolean[];
  /** Whether the tag is template text (TemplateSite). */
  readonly fixedTag: boolean;

  constructor(type: string | Hole, props: Props | null, children: ReadonlyArray<Node>, dynamic: number) {
    this.type = type;
    this.children = children;
    this.dynamic = dynamic;
    this.holeChildren = children.map((c) => c instanceof Hole);
    this.fixedTag = typeof type === "string";
    this.constantChildren = (dynamic & 2) === 0 ? Object.freeze(children.slice() as Array<VNode | string>) : null;
    if (props === null || !Object.values(props).some(isDynamic)) {
      this.props = null;
      this.keptNames = null;
      this.keyValue = undefined;
      this.constantProps = props;
      this.holeProps = [];
    } else {
      this.props = Object.keys(props).map((name) => [name, propValue(props[name])] as const);
      this.keptNames = this.props.map(([name]) => propName(name));
      const kept = this.keptNames;
      this.holeProps = this.props.flatMap(([, value], i) => ((value instanceof Hole || value instanceof Mixed) && kept[i] !== null ? [kept[i]!] : []));
      this.keyValue = "key" in props ? propValue(props.key) : undefined;
      this.constantProps = null;
    }
  }
}

export function isDynamic(value: unknown): boolean {
  return value instanceof Hole || (typeof value === "string" && HOLE_TOKEN.test(value));
}

export function propValue(value: unknown): PropValue {
  if (typeof value !== "string" || !HOLE_TOKEN.test(value)) return value;
  const parts: Array<string | Hole> = [];
  const pieces = value.split(HOLE_TOKEN); // the captured index lands at the odd positions
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 1) parts.push(new Hole(Number(pieces[i])));
    else if (pieces[i] !== "") parts.push(pieces[i]);
  }
  return new Mixed(parts);
}

/** What a node at the top of a template evaluates to: a value alone is returned as is, as htm does. */
export function evaluateNode(node: Node, values: ArrayLike<unknown>): unknown {
  if (node instanceof ElementPlan) return evaluate(node, values);
  if (node instanceof Hole) return values[node.i];
  return node;
}

/** The vnode of an element plan for `values`, read from the plan (the interpreter). */
export function evaluate(plan: ElementPlan, values: ArrayLike<unknown>): VNode {
  if (plan.vnode !== null) return plan.vnode;
  const type = plan.type instanceof Hole ? values[plan.type.i] : plan.type;
  const children = plan.children;
  const n = children.length;
  if (typeof type === "string" && type !== "") {
    let props = plan.constantProps;
    let key: unknown = props?.key;
    if (plan.props !== null) {
      // Built as the diff reads them: no raw props object to normalize into another.
      props = elementProps(type, plan.props, plan.keptNames!, values);
      key = plan.keyValue === undefined ? null : resolve(plan.keyValue, values);
    }
    const k = key != null ? (key as string | number) : null;
    const normalized = plan.props !== null;
    if (plan.constantChildren !== null) return elementVNode(type, props, k, plan.constantChildren, plan, plan.dynamic, normalized);
    const out: Array<VNode | string> = new Array(n);
    for (let i = 0; i < n; i++) {
      const c = children[i];
      if (typeof c === "string") out[i] = c;
      else if (c instanceof Hole) out[i] = normalizeChild(values[c.i] as Child);
      else if (c instanceof ElementPlan) out[i] = evaluate(c, values);
      else out[i] = c;
    }
    return elementVNode(type, props, k, out, plan, plan.dynamic, normalized);
  }
  const props = plan.props === null ? plan.constantProps : buildProps(plan.props, values);
  // A component or fragment gets its children as written, like htm hands them to `h`.
  const raw: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = children[i];
    raw[i] = c instanceof Hole ? values[c.i] : c instanceof ElementPlan ? evaluate(c, values) : c;
  }
  return createElement(type as Parameters<typeof createElement>[0], props, raw as Child[], plan, plan.dynamic);
}

/** A component's props, as written. */
function buildProps(props: ReadonlyArray<readonly [string, PropValue]>, values: ArrayLike<unknown>): Props {
  const out: Props = {};
  for (let i = 0; i < props.length; i++) out[props[i][0]] = resolve(props[i][1], values);
  return out;
}

/** An element's props, normalized as they are built (as h's normalizeProps would give them), in an object that inherits nothing. */
export function elementProps(tag: string, props: ReadonlyArray<readonly [string, PropValue]>, names: ReadonlyArray<string | null>, values: ArrayLike<unknown>): Props {
  const out = createProps();
  for (let i = 0; i < props.length; i++) {
    const name = names[i];
    if (name === null) continue;
    const value = normalizeProp(tag, name, props[i][0], resolve(props[i][1], values));
    if (value !== LEFT_OUT) out[name] = value;
  }
  return out;
}

export function resolve(value: PropValue, values: ArrayLike<unknown>): unknown {
  if (value instanceof Hole) return values[value.i];
  if (value instanceof Mixed) return concatenate(value.parts, values);
  return value;
}

/** As htm joins an attribute of text and holes: the first part as it is, the others as text. */
export function concatenate(parts: ReadonlyArray<string | Hole>, values: ArrayLike<unknown>): unknown {
  let text: unknown = part(parts[0], values);
  for (let i = 1; i < parts.length; i++) text = (text as string) + (part(parts[i], values) + "");
  return text;
}

function part(p: string | Hole, values: ArrayLike<unknown>): unknown {
  return p instanceof Hole ? values[p.i] : p;
}
