import { ErrorNames } from "./wire.js";

/** A value that JSON cannot carry exactly. Both sides use it, so neither changes values silently. */
export class SerializationError extends Error {
  override name = ErrorNames.Serialization;
}

/**
 * A copy of `value` that JSON carries exactly, or a SerializationError saying where it is not:
 * JSON.stringify would silently turn NaN into null, drop functions and undefined, and throw
 * deep inside on a BigInt. Objects with toJSON (a Date) are converted; object properties
 * that are undefined are left out, as JSON does.
 */
export function toJsonValue(value: unknown, path = "the value", seen: Set<object> = new Set()): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw new SerializationError(`${path} is ${value}, which JSON cannot represent`);
      return value;
    case "object":
      break;
    default:
      throw new SerializationError(`${path} is ${typeof value === "undefined" ? "undefined" : `a ${typeof value}`}`);
  }
  if (value === null) return null;
  if (seen.has(value)) throw new SerializationError(`${path} refers back to itself`);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    const converted: unknown = toJSON.call(value);
    if (converted === value) throw new SerializationError(`${path}.toJSON() returned the object itself`);
    seen.add(value);
    const out = toJsonValue(converted, path, seen);
    seen.delete(value);
    return out;
  }
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    const list: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) list[i] = toJsonValue(value[i], `${path}[${i}]`, seen);
    out = list;
  } else {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const kind = (value as { constructor?: { name?: string } }).constructor?.name || "non-plain object";
      throw new SerializationError(`${path} is a ${kind}; only plain objects, arrays, strings, finite numbers, booleans and null can be sent`);
    }
    const obj: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) obj[key] = toJsonValue(v, `${path}.${key}`, seen);
    }
    out = obj;
  }
  seen.delete(value);
  return out;
}
