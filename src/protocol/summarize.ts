import type { Summary, SummaryEntries, SummaryText } from "./devtools.js";

/**
 * The devtools' view of a server value (Summary): any value in, JSON out, bounded. A
 * component's state may hold anything (a Map, a class instance, a function, a socket, a cycle),
 * and the summary of it travels after every event, so it is cut by depth, by entries per
 * container, by string length, and by a budget of values shared by a whole report. It never
 * throws and never calls the value's code beyond reading its own data fields: a getter is shown
 * as `get`, not run.
 */

/** How far a summary goes. */
export interface SummaryLimits {
  /** Containers nested deeper are shown as `Object {…}` or `Array(n)`. */
  depth: number;
  /** Entries listed per object, array, Map or Set (`n` still counts them all). */
  entries: number;
  /** Characters kept of a string (a longer one ends in "…"). */
  text: number;
}

export const SUMMARY_LIMITS: SummaryLimits = { depth: 5, entries: 50, text: 200 };

/** Values still to summarize, shared by every summary of one report: past it, containers are cut. */
export interface SummaryBudget {
  left: number;
}

/** Text for objects the caller knows better (a vnode as `<div>`), or undefined to summarize them as usual. */
export type DescribeObject = (value: object) => string | undefined;

interface Walk {
  budget: SummaryBudget;
  limits: SummaryLimits;
  describe: DescribeObject | undefined;
  /** The containers from the root to here: one of them met again is a cycle. */
  path: Set<object>;
}

/** The Summary of `value`, within `limits` and what `budget` has left (it is spent as it goes). */
export function summarize(value: unknown, budget: SummaryBudget = { left: 2000 }, describe?: DescribeObject, limits: SummaryLimits = SUMMARY_LIMITS): Summary {
  return walk(value, 0, { budget, limits, describe, path: new Set() });
}

function text(x: string): SummaryText {
  return { x };
}

function walk(value: unknown, depth: number, w: Walk): Summary {
  w.budget.left--;
  switch (typeof value) {
    case "string":
      return value.length > w.limits.text ? `${value.slice(0, w.limits.text)}…` : value;
    case "number":
      return Number.isFinite(value) ? value : text(String(value));
    case "boolean":
      return value;
    case "undefined":
      return text("undefined");
    case "bigint":
      return text(`${value}n`);
    case "symbol":
      return text(value.toString());
    case "function":
      return text(`ƒ ${value.name || "anonymous"}`);
  }
  if (value === null) return null;
  const object = value as object;
  try {
    const known = w.describe?.(object) ?? builtIn(object);
    if (known !== undefined) return text(known);
    if (w.path.has(object)) return text("↻ cycle");
    const kind = kindOf(object);
    if (depth >= w.limits.depth || w.budget.left <= 0) return text(Array.isArray(object) ? `Array(${object.length})` : `${kind} {…}`);
    w.path.add(object);
    try {
      return entriesOf(object, kind, depth + 1, w);
    } finally {
      w.path.delete(object);
    }
  } catch {
    // A proxy whose traps throw, a revoked one, a host object: shown, never a failed report.
    return text("(unreadable)");
  }
}

/** Text for the built-in objects whose data is not in their own fields. */
function builtIn(value: object): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : `Date ${value.toISOString()}`;
  if (value instanceof RegExp) return String(value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (value instanceof Promise) return "Promise";
  if (value instanceof WeakMap || value instanceof WeakSet || value instanceof WeakRef) return kindOf(value);
  if (value instanceof URL) return `URL ${value.href}`;
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength})`;
  if (ArrayBuffer.isView(value)) return `${kindOf(value)}(${value.byteLength} bytes)`;
  return undefined;
}

/** `Object` for plain objects (and those that inherit nothing), else `Array`, `Map`, `Set` or the class's name. */
function kindOf(value: object): string {
  if (Array.isArray(value)) return "Array";
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return "Object";
  const name: unknown = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "" ? name : "Object";
}

function entriesOf(value: object, kind: string, depth: number, w: Walk): SummaryEntries {
  const out: SummaryEntries = { t: kind, e: [], n: 0 };
  if (Array.isArray(value)) {
    out.n = value.length;
    for (let i = 0; i < value.length && room(out, w); i++) out.e.push([String(i), walk(value[i], depth, w)]);
  } else if (value instanceof Map) {
    out.n = value.size;
    for (const [key, v] of value) {
      if (!room(out, w)) break;
      out.e.push([label(key, w.limits), walk(v, depth, w)]);
    }
  } else if (value instanceof Set) {
    out.n = value.size;
    for (const v of value) {
      if (!room(out, w)) break;
      out.e.push([String(out.e.length), walk(v, depth, w)]);
    }
  } else {
    const keys = Object.keys(value);
    out.n = keys.length;
    for (let i = 0; i < keys.length && room(out, w); i++) {
      const field = Object.getOwnPropertyDescriptor(value, keys[i]);
      // An accessor is code: reading it could change state, or throw.
      out.e.push([keys[i], field !== undefined && "value" in field ? walk(field.value, depth, w) : text("get")]);
    }
  }
  return out;
}

/** True while a container may list one more entry: below the limit, and the report's budget not spent. */
function room(out: SummaryEntries, w: Walk): boolean {
  return out.e.length < w.limits.entries && w.budget.left > 0;
}

/** A Map key as the text of an entry's key. */
function label(key: unknown, limits: SummaryLimits): string {
  if (typeof key === "string") return key.length > limits.text ? `${key.slice(0, limits.text)}…` : key;
  if (typeof key === "function") return `ƒ ${key.name || "anonymous"}`;
  if (typeof key === "object" && key !== null) return kindOf(key);
  return String(key);
}
