import { VNodeFlags } from "../vnode/flags.js";
import { EMPTY_CHILDREN, EMPTY_PROPS, MAX_SIGNATURE, VNODE, type ValuesVNode, type VNode } from "../vnode/vnode.js";
import { compiledTemplate, evaluateTemplate } from "./compile.js";
import { normalizeProp, propTreatment, PropTreatment } from "./h.js";
import { concatenate, ElementPlan, Hole, Mixed } from "./plan.js";

/**
 * A LiveList's row rendered as its holes' values, without its vnodes.
 *
 * A row's template is evaluated once per row: 10,000 rows made 10,000 vnode trees (a vnode,
 * props object and children array per element), which the diff then walked to read the holes'
 * values back (shape-layout.ts signatureOf) and dropped. For a *flat* template (one element,
 * every hole an attribute's value or a child's text, no component, spread or keyed root) the
 * values the `html` tag receives are those values already: while a row renders
 * (`renderValues`), `html` reads them into a ValuesVNode in the shape's order, normalized as
 * the element's vnode would hold them (except that a number in a text hole stays the number),
 * with the signature signatureOf would read. The diff keeps the row as a shaped element made
 * from them, or expands the ValuesVNode to the element's vnode (vnode.ts expandValues) when it
 * cannot: the first row of a shape, a first paint, a row that becomes live nodes.
 *
 * A template is known flat from its first evaluation (its root's plan); until then, and for any
 * values it cannot hold as a shape's (an element or a list in a child hole, an object in an
 * attribute, a function outside an `on…` prop), `html` builds the vnodes as always. Inner
 * `html` calls made while a row renders are rows' values too; wherever they end up as a child,
 * normalizeChild expands them.
 */

/** Where one hole's value goes, in the order a shape reads them. */
interface FlatHole {
  /** A prop hole: how its value is normalized (PropTreatment), or CHILD for a child hole. */
  readonly kind: number;
  /** The template value it reads, or -1 when it is an attribute of text and holes (`mixed`). */
  readonly index: number;
  readonly mixed: Mixed | null;
  readonly tag: string;
  /** The prop's name as the element keeps it, and as written (for normalizeProp's errors). */
  readonly name: string;
  readonly raw: string;
  /** A class or style: text as it is written is its value. */
  readonly text: boolean;
}

const CHILD = -1;

class FlatTemplate {
  readonly site: ElementPlan;
  /** The flags of its root's vnodes, with VNodeFlags.Values. */
  readonly flags: number;
  readonly make: (values: ArrayLike<unknown>) => unknown;
  readonly holes: readonly FlatHole[];
  /** Its rows' shape keeps no values (ValuesVNode.refuse): its rows are rendered as vnodes. */
  refused = false;

  constructor(site: ElementPlan, flags: number, make: (values: ArrayLike<unknown>) => unknown, holes: readonly FlatHole[]) {
    this.site = site;
    this.flags = flags;
    this.make = make;
    this.holes = holes;
  }

  /** The row as values, or null if one of `raw` is not a value a shape holds (the caller builds the vnodes). */
  capture(raw: readonly unknown[]): ValuesVNode | null {
    const holes = this.holes;
    const values = scratch;
    let count = 0;
    let signature = 1;
    for (let i = 0; i < holes.length; i++) {
      const hole = holes[i];
      let value = hole.mixed === null ? raw[hole.index] : concatenate(hole.mixed.parts, raw);
      const kind = hole.kind;
      if (kind === CHILD) {
        if (typeof value === "string") {
          values[count++] = value;
          signature = signature * 2 + 1;
        } else if (typeof value === "number") {
          // Kept as the number (its text is String(value), made only where text is needed:
          // shape-layout.ts textOf): a row's id costs no string a row, and goes out as a number.
          values[count++] = value;
          signature = signature * 2 + 1;
        } else if (typeof value === "bigint") {
          values[count++] = String(value);
          signature = signature * 2 + 1;
        } else if (value == null || typeof value === "boolean") signature *= 2; // nothing: no value
        else return drop(count);
        continue;
      }
      if (kind === PropTreatment.Event) {
        if (typeof value === "function") signature = signature * 2 + 1;
        else if (value == null || value === false) {
          value = undefined; // left out of the element's props
          signature *= 2;
        } else return drop(count); // refused: the vnodes' build says why
      } else {
        if (typeof value === "function" || (kind === PropTreatment.AsIs && typeof value === "object" && value !== null)) return drop(count);
        // A class or style given as text is that text (normalizeProp's answer, without its checks of the name).
        if (kind === PropTreatment.Converted && !(hole.text && typeof value === "string")) value = normalizeProp(hole.tag, hole.name, hole.raw, value);
        signature *= 2;
      }
      values[count++] = value;
    }
    if (signature >= MAX_SIGNATURE) return drop(count);
    // Kept by the row for as long as it shows them: an array of their number (one grown by push keeps room for 17).
    const kept = values.slice(0, count);
    drop(count);
    return new Values(this, kept, signature, raw);
  }
}

/** Where capture reads a row's values, reused from one row to the next. */
const scratch: unknown[] = [];

/** Empties the scratch (no row's values, handlers among them, stay reachable from here); null. */
function drop(count: number): null {
  for (let i = 0; i < count; i++) scratch[i] = undefined; // a loop: fill's call costs more for a row's few
  return null;
}

/** A ValuesVNode: the fields of every vnode first, in createVNode's order, then its own. */
class Values implements ValuesVNode {
  readonly flags: number;
  readonly type: string;
  readonly key = null;
  readonly props = EMPTY_PROPS;
  readonly children: ReadonlyArray<VNode | string> = EMPTY_CHILDREN;
  readonly site: unknown;
  readonly [VNODE] = true as const;
  readonly values: unknown[];
  readonly signature: number;
  readonly raw: readonly unknown[];
  readonly make: (values: ArrayLike<unknown>) => unknown;
  private readonly template: FlatTemplate;

  constructor(template: FlatTemplate, values: unknown[], signature: number, raw: readonly unknown[]) {
    this.flags = template.flags;
    this.type = template.site.type as string;
    this.site = template.site;
    this.values = values;
    this.signature = signature;
    this.raw = raw;
    this.make = template.make;
    this.template = template;
  }

  refuse(): void {
    this.template.refused = true;
  }
}

/** Per template, its flat form, or null if it is not flat (or not yet evaluated: absent). */
const flats = new WeakMap<TemplateStringsArray, FlatTemplate | null>();

/** The template valuesOf read last, and its flat form (templates are kept by the module that wrote them). */
let lastStrings: TemplateStringsArray | null = null;
let lastFlat: FlatTemplate | null = null;

/** How many row renders are running (renderValues): `html` gives values while it is above 0. */
let rendering = 0;

/** True while a row renders as values: `html` calls valuesOf. */
export function rendersValues(): boolean {
  return rendering > 0;
}

/** Runs a LiveList's row render with its flat templates giving values (see above). */
export function renderValues<T>(render: (item: T) => unknown, item: T): unknown {
  rendering++;
  try {
    return render(item);
  } finally {
    rendering--;
  }
}

/** `html` while a row renders: the template's values as a ValuesVNode when it is flat, else its vnodes. */
export function valuesOf(strings: TemplateStringsArray, raw: unknown[]): unknown {
  // The rows of a list render one template after another: the last one's answer, without a lookup.
  let flat: FlatTemplate | null | undefined;
  if (strings === lastStrings) flat = lastFlat;
  else {
    flat = flats.get(strings);
    if (flat !== undefined) {
      lastStrings = strings;
      lastFlat = flat;
    }
  }
  if (flat === undefined) {
    const result = evaluateTemplate(strings, raw);
    flats.set(strings, flatTemplateOf(strings, result));
    return result;
  }
  return (flat === null || flat.refused ? null : flat.capture(raw)) ?? evaluateTemplate(strings, raw);
}

/** The flat form of the template `strings`, read from the plan of `result` (its first evaluation), or null. */
function flatTemplateOf(strings: TemplateStringsArray, result: unknown): FlatTemplate | null {
  const v = result as VNode;
  if (typeof v !== "object" || v === null || !(v.site instanceof ElementPlan) || !(v.flags & VNodeFlags.Element) || v.flags & VNodeFlags.Static) return null;
  const site = v.site;
  if (site.keyValue !== undefined || site.constantProps?.key != null) return null; // a keyed root: its key is not a value of the shape
  const holes: FlatHole[] = [];
  return addHoles(site, holes) ? new FlatTemplate(site, v.flags | VNodeFlags.Values, compiledTemplate(strings), holes) : null;
}

/**
 * Appends the holes of `plan`'s element in a shape's order (its prop holes, then its children's
 * text holes and elements, depth first: shape-layout.ts signatureOf). False if it is not flat.
 */
function addHoles(plan: ElementPlan, holes: FlatHole[]): boolean {
  const tag = plan.type;
  if (typeof tag !== "string") return false;
  if (plan.props !== null) {
    const names = plan.keptNames!;
    const seen = new Set<string>();
    for (let i = 0; i < plan.props.length; i++) {
      const name = names[i];
      if (name === null) continue;
      if (seen.has(name)) return false; // two props kept under one name: one value, two holes
      seen.add(name);
      const [raw, value] = plan.props[i];
      if (!(value instanceof Hole) && !(value instanceof Mixed)) continue;
      const kind = propTreatment(tag, name);
      if (kind === PropTreatment.Event && value instanceof Mixed) return false; // refused: the vnodes' build says why
      const text = name === "class" || name === "style";
      holes.push({ kind, index: value instanceof Hole ? value.i : -1, mixed: value instanceof Mixed ? value : null, tag, name, raw, text });
    }
  }
  if (plan.constantChildren !== null) return true;
  for (const c of plan.children) {
    if (c instanceof Hole) holes.push({ kind: CHILD, index: c.i, mixed: null, tag, name: "", raw: "", text: false });
    else if (c instanceof ElementPlan && !addHoles(c, holes)) return false;
  }
  return true;
}
