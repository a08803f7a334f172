import { VNodeFlags } from "../vnode/flags.js";
import { createProps, createVNode, EMPTY_PROPS, Fragment, normalizeChildren, type Child, type ComponentType, type Props, type VNode } from "../vnode/vnode.js";
import { classToString, styleToString, type ClassValue } from "./attributes.js";
import { checkUrlAttribute } from "./url-attributes.js";
import { ClientCommands } from "./client-commands.js";
import { COMMANDS_ATTRIBUTE } from "../protocol/client-commands.js";
import { sanitize } from "./sanitize.js";
import { attributeKind, checkTagName, NameKind } from "./names.js";

/**
 * Creates a vnode: the JSX runtime calls it, and so does htm for the templates that `html`
 * leaves to it (those that spread props, see compile.ts), so every syntax gives the same trees.
 *
 * When htm calls it, `this` is the template site's operation list and `this[0]` says which
 * parts depend on holes: bit 1 the tag or props, bit 2 the children. A fully static element
 * is built once per site and reused by htm, which is what lets the diff skip it by identity.
 */
export function h(this: unknown, type: string | ComponentType | typeof Fragment, props: Props | null, ...children: Child[]): VNode {
  const site = Array.isArray(this) ? this : null;
  const dynamic = site ? (site[0] as number) : 3;
  return createElement(type, props, children, site, dynamic);
}

export function createElement(
  type: string | ComponentType | typeof Fragment,
  props: Props | null,
  children: readonly Child[],
  site: unknown,
  dynamic: number,
): VNode {
  let key: string | number | null = null;
  if (props != null && props.key != null) key = props.key as string | number;

  if (type === Fragment) {
    return createVNode(VNodeFlags.Fragment, null, key, EMPTY_PROPS, normalizeChildren(children), null);
  }

  if (typeof type === "function") {
    const componentProps: Props = {};
    if (props) for (const name in props) if (name !== "key") componentProps[name] = props[name];
    if (children.length > 0) componentProps.children = children.length === 1 ? children[0] : children;
    const isClass = typeof (type as { prototype?: { render?: unknown } }).prototype?.render === "function";
    return createVNode(VNodeFlags.Component | (isClass ? VNodeFlags.ClassComponent : 0), type, key, componentProps, [], null);
  }

  if (typeof type !== "string" || type === "") {
    throw new TypeError(`Tether: an element's type must be a tag name, a component or Fragment, got ${String(type)}`);
  }

  return elementVNode(type, props, key, normalizeChildren(children), site, dynamic);
}

/**
 * An element's vnode from its raw props (or, with `propsNormalized`, props as normalizeProps
 * gives them) and normalized children. `dynamic` has bit 1 set if the tag or props depend on
 * holes and bit 2 if the children do (0: fully static). The tag is checked here for every way
 * an element is made but the compiled templates' literals (codegen.ts checks theirs).
 */
export function elementVNode(
  type: string,
  props: Props | null,
  key: string | number | null,
  children: ReadonlyArray<VNode | string>,
  site: unknown,
  dynamic: number,
  propsNormalized = false,
): VNode {
  checkTagName(type);
  const flags = elementFlags(dynamic, site);
  let normalized = EMPTY_PROPS;
  if (propsNormalized) normalized = props!;
  else if (props !== null) {
    if (flags & VNodeFlags.StaticProps && site !== null) {
      // Props written only in template text are the same at every evaluation of the site:
      // normalize them once and share the object (across renders and sessions).
      normalized = sitePropsOf(site as object, type, props);
    } else normalized = normalizeProps(type, props);
  }
  return createVNode(flags, type, key, normalized, children, site);
}

/** An element vnode's flags, from what of it depends on holes (see elementVNode) and whether it has a template site. */
export function elementFlags(dynamic: number, site: unknown): number {
  if (dynamic === 0) return VNodeFlags.Element | VNodeFlags.Static | VNodeFlags.StaticProps;
  if ((dynamic & 1) === 0) return VNodeFlags.Element | VNodeFlags.StaticProps;
  if ((dynamic & 2) === 0 && site !== null) return VNodeFlags.Element | VNodeFlags.StaticChildren;
  return VNodeFlags.Element;
}

const siteProps = new WeakMap<object, Props>();

/** The normalized props of a template site whose props are all template text: made once, frozen, shared. */
export function sitePropsOf(site: object, tag: string, props: Props): Props {
  let normalized = siteProps.get(site);
  if (normalized === undefined) siteProps.set(site, (normalized = Object.freeze(normalizeProps(tag, props))));
  return normalized;
}

/**
 * Element props as the diff and the encoder read them: `class` and `style` as strings,
 * React-style aliases resolved, `key` taken out. Event handlers stay functions. Only the
 * given object's own keys count, into an object that inherits nothing (see createProps): an own
 * `__proto__` key (JSON.parse) must neither become the prototype of what the encoder reads nor
 * bring keys that were never checked.
 */
function normalizeProps(tag: string, props: Props): Props {
  const out = createProps();
  for (const raw in props) {
    if (!Object.hasOwn(props, raw)) continue;
    const name = propName(raw);
    if (name === null) continue;
    const value = normalizeProp(tag, name, raw, props[raw]);
    if (value !== LEFT_OUT) out[name] = value;
  }
  return out;
}

/** The name a prop is kept under (`className` is `class`), or null for those not kept (`key`). */
export function propName(raw: string): string | null {
  if (raw === "key" || raw === "children" || raw === "ref") return null;
  return raw === "className" ? "class" : raw === "htmlFor" ? "for" : raw;
}

/**
 * How normalizeProp treats a prop (by its name as propName gives it): `PropTreatment.AsIs`
 * returns any value but a function unchanged, `Event` checks a handler, `Converted` may change
 * the value (class, style, URLs, srcdoc, client commands). Throws for a name Tether refuses (names.ts), as
 * normalizeProp does.
 */
export const PropTreatment = { AsIs: 0, Event: 1, Converted: 2 } as const;

export function propTreatment(tag: string, name: string): number {
  const kind = attributeKind(name, tag);
  if (kind === NameKind.Event) return PropTreatment.Event;
  return kind === NameKind.Url || kind === NameKind.Html || name === "class" || name === "style" || name.startsWith(COMMANDS_ATTRIBUTE) ? PropTreatment.Converted : PropTreatment.AsIs;
}

/** What normalizeProp returns for a prop that is left out (an event prop set to null). */
export const LEFT_OUT: unique symbol = Symbol("left out");

/**
 * One prop's value as the diff reads it (`name` as propName gives it; `raw` as written, for
 * errors). A function is a handler in an `on…` prop (any case) and a TypeError in any other:
 * rendered as an attribute, its source would become script in the page.
 */
export function normalizeProp(tag: string, name: string, raw: string, value: unknown): unknown {
  const kind = attributeKind(name, tag);
  if (kind === NameKind.Event) {
    if (typeof value === "function") return value;
    if (value == null || value === false) return LEFT_OUT;
    throw new TypeError(`Tether: <${tag} ${raw}="…"> is refused: event handlers must be server functions, not strings of code`);
  }
  if (typeof value === "function") {
    throw new TypeError(`Tether: <${tag} ${raw}=\${${value.name || "function"}}> is refused: only on… props take functions (handlers); a function never renders as an attribute`);
  }
  // Client commands render as their JSON: a string, so an unchanged list is no patch.
  if (value instanceof ClientCommands) return value.toString();
  // An absent class or style stays absent (normalized, it would render as `class=""`).
  if (name === "class") return value == null || value === false ? value : classToString(value as ClassValue);
  if (name === "style") return value == null || value === false ? value : styleToString(value);
  // An iframe's srcdoc is a document of the page's own origin: HTML from a string, as raw() takes it.
  if (kind === NameKind.Html && value != null && typeof value !== "boolean") return sanitize(String(value));
  if (kind === NameKind.Url && value != null && typeof value !== "boolean") {
    const text = String(value);
    const checked = checkUrlAttribute(tag, name.toLowerCase(), text);
    if (checked !== text) return checked;
  }
  return value;
}
