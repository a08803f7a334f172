import htm from "htm";
import type { Props } from "../vnode/vnode.js";
import { generate, type Compiled } from "./codegen.js";
import { h } from "./h.js";
import { ElementPlan, evaluate, Hole, isDynamic, type Node } from "./plan.js";

/**
 * Template sites compiled once, so that a render builds its vnodes directly.
 *
 * htm parses a template once per site, but it interprets its operation list at every
 * evaluation, growing an argument array for each element and calling `h` with it: for a
 * small component that is most of a render's allocation. Here htm parses the template once
 * with placeholder values (holes), what it builds becomes a plan (plan.ts), and the plan
 * becomes a function that builds the vnodes in straight-line code (codegen.ts). Evaluating it
 * allocates what the vnodes keep (their children arrays, dynamic props) and nothing else.
 */

/** An element as htm reported it while parsing with holes for values. */
class Parsed {
  readonly type: unknown;
  readonly props: Props | null;
  readonly children: unknown[];
  constructor(type: unknown, props: Props | null, children: unknown[]) {
    this.type = type;
    this.props = props;
    this.children = children;
  }
}

const parse = (htm as unknown as { bind(h: unknown): (strings: TemplateStringsArray, ...values: unknown[]) => unknown }).bind(
  (type: unknown, props: Props | null, ...children: unknown[]) => new Parsed(type, props, children),
);

/** htm itself, for the rare template that spreads props (`...${obj}`), whose order htm alone keeps. */
const interpret = (htm as unknown as { bind(h: unknown): (strings: TemplateStringsArray, ...values: unknown[]) => unknown }).bind(h);

const compiled = new WeakMap<TemplateStringsArray, Compiled>();

/**
 * Under `tether dev` (see shareTemplatesByText): the compiled templates by their text. A module
 * executed again has new template sites, whose static subtrees would be new vnodes, replaced in
 * the page (an input typed into, lost); a site whose text is unchanged gets the compiled template
 * of its previous version instead, so its statics stay the same vnodes and the page keeps them.
 */
let byText: Map<string, Compiled> | null = null;

/** `tether dev`: from now on, sites with the same text share one compiled template. */
export function shareTemplatesByText(): void {
  byText ??= new Map();
}

/** The result of evaluating the template `strings` with `values`, as htm would return it. */
export function evaluateTemplate(strings: TemplateStringsArray, values: ArrayLike<unknown>): unknown {
  return compiledTemplate(strings)(values);
}

/** The compiled function of the template `strings` (compiled on first use). */
export function compiledTemplate(strings: TemplateStringsArray): Compiled {
  let template = compiled.get(strings);
  if (template === undefined) {
    template = byText === null ? compile(strings) : compileOnce(strings, byText);
    compiled.set(strings, template);
  }
  return template;
}

function compileOnce(strings: TemplateStringsArray, shared: Map<string, Compiled>): Compiled {
  const text = strings.raw.join("\u0000"); // a hole between parts: no text has that character
  let template = shared.get(text);
  if (template === undefined) shared.set(text, (template = compile(strings)));
  return template;
}

function compile(strings: TemplateStringsArray): Compiled {
  for (let i = 0; i < strings.length - 1; i++) {
    if (strings[i].endsWith("...")) return (values) => interpret(strings, ...Array.from(values));
  }
  const holes = Array.from({ length: strings.length - 1 }, (_, i) => new Hole(i));
  const parsed = parse(strings, ...holes);
  const top = (Array.isArray(parsed) ? parsed : parsed === undefined ? [] : [parsed]).map(plan);
  if (top.length === 0) return () => undefined;
  return generate(top);
}

function plan(node: unknown): Node {
  if (node instanceof Hole || typeof node === "string") return node;
  if (!(node instanceof Parsed)) return String(node);
  const children = node.children.map(plan).map((c) => (c instanceof ElementPlan && c.vnode !== null ? c.vnode : c));
  let dynamic = node.type instanceof Hole ? 1 : 0;
  if (node.props !== null) for (const name in node.props) if (isDynamic(node.props[name])) dynamic |= 1;
  for (const c of children) if (c instanceof Hole || c instanceof ElementPlan) dynamic |= 2;
  const element = new ElementPlan(node.type as string | Hole, node.props, children, dynamic);
  if (dynamic === 0) {
    // Nothing here depends on a value: built once, the same vnode at every evaluation.
    element.vnode = evaluate(element, []);
  }
  return element;
}
