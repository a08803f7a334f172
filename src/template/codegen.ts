import { EMPTY_PROPS, HOLE, normalizeChild, PROPS_PROTOTYPE, VNODE } from "../vnode/vnode.js";
import { elementFlags, normalizeProp, propTreatment, PropTreatment, sitePropsOf } from "./h.js";
import { checkTagName } from "./names.js";
import { concatenate, elementProps, ElementPlan, evaluate, evaluateNode, Hole, Mixed, type Node, type PropValue } from "./plan.js";

/** A compiled template: its values in, what htm would return out. */
export type Compiled = (values: ArrayLike<unknown>) => unknown;

/**
 * A template's plan turned into a function that builds its vnodes in straight-line code:
 * each element one object literal of the vnode's shape, each children list an array literal,
 * each prop set one call of a constructor made for it (its props inherit nothing, see
 * createProps), holes read from the values by index. Reading the plan
 * instead (plan.ts `evaluate`) takes several times as long for a small component: a loop
 * per element over children of four kinds, a props object grown key by key, calls per prop.
 *
 * Nothing from the template's text becomes code: tags, texts, constant props, static
 * vnodes and the plans themselves are passed in as constants (`k[i]`), and prop names are
 * written as JSON string literals. What the literals cannot say exactly is left to the plan's
 * own evaluation, per element: components and tags that are holes, an event prop whose
 * value is not a function this time (null leaves it out; a string is refused), and a function
 * in any other prop (refused). Names are
 * checked as the code is made (names.ts). (Templates that spread props never get here: htm
 * evaluates them, see compile.ts.)
 */
export function generate(top: ReadonlyArray<Node>): Compiled {
  const g = new Generator();
  const body = top.length === 1 ? g.top(top[0]) : `[${top.map((node) => g.top(node)).join(", ")}]`;
  let make: (k: unknown[]) => Compiled;
  try {
    make = new Function("k", `"use strict";\n${g.prelude}return function template(v) {\n  return ${body};\n};`) as (k: unknown[]) => Compiled;
  } catch (error) {
    // A process run with --disallow-code-generation-from-strings: the plans are read instead.
    if (!(error instanceof EvalError)) throw error;
    return top.length === 1 ? (values) => evaluateNode(top[0], values) : (values) => top.map((node) => evaluateNode(node, values));
  }
  return make(g.constants);
}

class Generator {
  readonly constants: unknown[] = [];
  /** Declarations the template's function closes over: the props constructors. */
  prelude = "";
  private readonly indexes = new Map<unknown, number>();
  private constructors = 0;
  private branded = false;

  /**
   * The brand's key (VNODE), as a constant of the template's function: a computed key read as
   * `k[i]` at every evaluation made each vnode ~6 ns slower (measured); a closed-over constant costs nothing.
   */
  private brand(): string {
    if (!this.branded) {
      this.prelude += `const VNODE = ${this.constant(VNODE)};\n`;
      this.branded = true;
    }
    return "VNODE";
  }

  /** A constant the code reads as `k[i]`: one slot per distinct value. */
  constant(value: unknown): string {
    let i = this.indexes.get(value);
    if (i === undefined) {
      i = this.constants.push(value) - 1;
      this.indexes.set(value, i);
    }
    return `k[${i}]`;
  }

  top(node: Node): string {
    if (node instanceof ElementPlan) return this.element(node);
    if (node instanceof Hole) return `v[${node.i}]`; // a value alone at the top is returned as is, as htm does
    return this.constant(node);
  }

  private element(plan: ElementPlan): string {
    if (plan.vnode !== null) return this.constant(plan.vnode);
    const tag = plan.type;
    if (typeof tag !== "string" || tag === "") return `${this.constant(evaluate)}(${this.constant(plan)}, v)`;
    checkTagName(tag); // the literal below skips elementVNode, which checks it in every other way
    const site = this.constant(plan);
    const flags = elementFlags(plan.dynamic, plan); // props in template text only ⇔ plan.props === null here
    let key: string;
    let props: string;
    if (plan.props === null) {
      // Props from template text only: normalized once for the site and shared.
      props = plan.constantProps === null ? this.constant(EMPTY_PROPS) : this.constant(sitePropsOf(plan, tag, plan.constantProps));
      const raw = plan.constantProps?.key;
      key = raw != null ? this.constant(raw) : "null";
    } else {
      props = this.props(plan, tag);
      key = plan.keyValue === undefined ? "null" : `${this.constant(keyOf)}(${this.value(plan.keyValue)})`;
    }
    let children: string;
    if (plan.constantChildren !== null) children = this.constant(plan.constantChildren.length === 0 ? HOLE.children : plan.constantChildren);
    else children = `[${plan.children.map((c) => this.child(c)).join(", ")}]`;
    // The order of createVNode's literal, brand included, so that every vnode has one shape.
    return `{ flags: ${flags}, type: ${this.constant(tag)}, key: ${key}, props: ${props}, children: ${children}, site: ${site}, [${this.brand()}]: true }`;
  }

  private child(node: Node): string {
    if (node instanceof Hole) return `${this.constant(normalizeChild)}(v[${node.i}])`;
    if (node instanceof ElementPlan) return this.element(node);
    return this.constant(node); // text or a static vnode
  }

  /** A prop value as written: a constant, a hole, or text and holes joined. */
  private value(value: PropValue): string {
    if (value instanceof Hole) return `v[${value.i}]`;
    if (value instanceof Mixed) return `${this.constant(concatenate)}(${this.constant(value.parts)}, v)`;
    return this.constant(value);
  }

  /**
   * The props of an element with holes in them, as one call of a constructor that sets the
   * names an element keeps, guarded by a check that every event hole holds a function and
   * every other hole taken as it is does not: otherwise the plan's own evaluation gives the
   * exact answer (leaving the prop out, or refusing it).
   */
  private props(plan: ElementPlan, tag: string): string {
    const names: string[] = [];
    const fields: string[] = [];
    const guards: string[] = [];
    const kept = plan.keptNames!;
    const exact = `${this.constant(elementProps)}(${this.constant(tag)}, ${this.constant(plan.props)}, ${this.constant(kept)}, v)`;
    for (let i = 0; i < plan.props!.length; i++) {
      const name = kept[i];
      if (name === null) continue;
      const [raw, value] = plan.props![i];
      const treatment = propTreatment(tag, name);
      let code: string;
      if (!(value instanceof Hole) && !(value instanceof Mixed)) {
        const normalized = normalizeProp(tag, name, raw, value);
        if (typeof normalized === "symbol") continue; // LEFT_OUT
        code = this.constant(normalized);
      } else if (treatment === PropTreatment.Event) {
        if (!(value instanceof Hole)) return exact; // text: refused there
        guards.push(`typeof v[${value.i}] === "function"`);
        code = `v[${value.i}]`;
      } else if (treatment === PropTreatment.Converted) {
        code = `${this.constant(normalizeProp)}(${this.constant(tag)}, ${this.constant(name)}, ${this.constant(raw)}, ${this.value(value)})`;
      } else {
        // A function is refused there (a handler in a prop that is not on…); text and holes joined are text.
        if (value instanceof Hole) guards.push(`typeof v[${value.i}] !== "function"`);
        code = this.value(value);
      }
      names.push(name);
      fields.push(code);
    }
    const built = `new ${this.propsConstructor(names)}(${fields.join(", ")})`;
    return guards.length === 0 ? built : `(${guards.join(" && ")} ? ${built} : ${exact})`;
  }

  /**
   * A constructor of props objects with these names, in this order, that inherit nothing: as
   * fast to call as an object literal is to evaluate, and its objects as small (a literal
   * cannot have another prototype without a slower path: `__proto__: null` makes a dictionary).
   */
  private propsConstructor(names: readonly string[]): string {
    const ctor = `Props${this.constructors++}`;
    const params = names.map((_, i) => `p${i}`);
    const body = names.map((name, i) => `this[${JSON.stringify(name)}] = p${i};`).join(" ");
    this.prelude += `function ${ctor}(${params.join(", ")}) { ${body} }\n${ctor}.prototype = ${this.constant(PROPS_PROTOTYPE)};\n`;
    return ctor;
  }
}

/** A vnode's key from a key prop's value. */
function keyOf(key: unknown): string | number | null {
  return key != null ? (key as string | number) : null;
}
