import { EVENT_PREFIX, Op, PROP_PREFIX, type EncodedAttrs } from "../protocol/wire.js";
import type { Props } from "../vnode/vnode.js";
import type { LiveNode } from "./live-node.js";
import type { LiveTree } from "./live-tree.js";

const eventTypes = new Map<string, string>();

/**
 * `onClick` → `click`; `onDoubleClick` → `dblclick`; `ONCLICK` → `click` (HTML names are
 * case-insensitive, as the templates' checks are). Null if the prop is not an event handler.
 */
export function eventTypeOf(name: string, value: unknown): string | null {
  if (typeof value !== "function" || name.length < 3) return null;
  if ((name[0] !== "o" && name[0] !== "O") || (name[1] !== "n" && name[1] !== "N")) return null;
  let type = eventTypes.get(name);
  if (type === undefined) {
    type = name.slice(2).toLowerCase();
    if (type === "doubleclick") type = "dblclick";
    eventTypes.set(name, type);
  }
  return type;
}

/** The handler an element has for an event type now, or undefined. */
export function findHandler(props: Props, type: string): ((...args: unknown[]) => unknown) | undefined {
  for (const name in props) {
    const value = props[name];
    if (eventTypeOf(name, value) === type) return value as (...args: unknown[]) => unknown;
  }
  return undefined;
}

/**
 * Props that the browser must set as DOM properties, not attributes: after the user has
 * typed, the `value` attribute no longer says what the field shows.
 */
export function isDomProp(tag: string, name: string): boolean {
  switch (name) {
    case "value": return tag === "input" || tag === "textarea" || tag === "select";
    case "checked": case "indeterminate": return tag === "input";
    case "selected": return tag === "option";
    default: return false;
  }
}

/**
 * An attribute's text, or null when the attribute is absent. A function is never an
 * attribute: the templates refuse one outside `on…` props, and were one to get here anyway its
 * source would be script in the page.
 */
export function attrText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value == null || value === false || typeof value === "function") return null;
  return value === true ? "" : String(value);
}

/** A DOM property's value as the wire carries it: null resets it. */
export function propValue(value: unknown): string | boolean | null {
  if (value == null) return null;
  return typeof value === "boolean" ? value : String(value);
}

/** The attribute map of a new element, registering its handlers with the tree. */
export function encodeAttrs(tree: LiveTree, live: LiveNode | null, tag: string, props: Props): EncodedAttrs | 0 {
  let out: EncodedAttrs | 0 = 0;
  for (const name in props) {
    const value = props[name];
    const type = eventTypeOf(name, value);
    if (type !== null) {
      (out ||= {})[EVENT_PREFIX + type] = 1;
      if (live !== null) tree.handlers.add(live);
    } else if (isDomProp(tag, name)) {
      const v = propValue(value);
      if (v !== null) (out ||= {})[PROP_PREFIX + name] = v;
    } else {
      const text = attrText(value);
      if (text !== null) (out ||= {})[name] = text;
    }
  }
  return out;
}

const constantAttrs = new WeakMap<Props, EncodedAttrs | 0>();

/**
 * The attribute map of props written only in template text (VNodeFlags.StaticProps): one
 * template site shares one props object, so its encoding is made once and shared too (a row
 * template's cells are encoded once, not once per row). Such props hold no handlers: those
 * are always `${}` values. Shared maps are never written.
 */
export function encodeConstantAttrs(tree: LiveTree, tag: string, props: Props): EncodedAttrs | 0 {
  let attrs = constantAttrs.get(props);
  if (attrs === undefined) constantAttrs.set(props, (attrs = encodeAttrs(tree, null, tag, props)));
  return attrs;
}

/**
 * Compares an element's old and new props and emits the ops that turn one into the other.
 * True if they are the same props (every value identical, none added or removed).
 */
export function diffProps(tree: LiveTree, live: LiveNode, tag: string, oldProps: Props, newProps: Props): boolean {
  const id = live.id;
  let same = true;
  for (const name in newProps) {
    const value = newProps[name];
    const prev = oldProps[name];
    if (value === prev) continue;
    same = false;
    const type = eventTypeOf(name, value);
    if (type !== null) {
      // A new closure for the same event changes nothing in the browser: handlers are looked up by node at dispatch.
      if (typeof prev !== "function") {
        tree.op([Op.SetAttr, id, EVENT_PREFIX + type, 1]);
        tree.handlers.add(live);
      }
    } else if (isDomProp(tag, name)) {
      tree.op([Op.SetProp, id, name, propValue(value)]);
    } else {
      const text = attrText(value);
      if (text === null) {
        if (attrText(prev) !== null || typeof prev === "function") removeAttr(tree, id, name, prev);
      } else if (text !== attrText(prev)) {
        tree.op([Op.SetAttr, id, name, text]);
      }
    }
  }
  for (const name in oldProps) {
    if (name in newProps) continue;
    same = false;
    const prev = oldProps[name];
    if (isDomProp(tag, name)) tree.op([Op.SetProp, id, name, null]);
    else if (attrText(prev) !== null || typeof prev === "function") removeAttr(tree, id, name, prev);
  }
  return same;
}

function removeAttr(tree: LiveTree, id: number, name: string, prev: unknown): void {
  const type = eventTypeOf(name, prev);
  tree.op([Op.RemoveAttr, id, type === null ? name : EVENT_PREFIX + type]);
}
