import { ErrorNames, type WireError } from "../src/protocol/wire.js";

/** An Error with a chosen name, as page code sees errors that came over the wire. */
export function namedError(name: string, message: string, stack?: string): Error {
  const error = new Error(message);
  error.name = name;
  if (stack !== undefined) (error as Error & { serverStack?: string }).serverStack = stack;
  return error;
}

/** Any thrown value as it travels to the server: name, message and stack. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error || (typeof error === "object" && error !== null && "message" in error)) {
    const e = error as Error;
    const wire: WireError = { name: typeof e.name === "string" && e.name ? e.name : "Error", message: String(e.message) };
    if (typeof e.stack === "string") wire.stack = e.stack;
    return wire;
  }
  return { name: "Error", message: String(error) };
}

/**
 * A copy of `value` that JSON carries exactly, or a SerializationError saying where it is not:
 * JSON.stringify would silently turn NaN, functions or DOM nodes into null or drop them.
 * Objects with toJSON (a Date) are converted; object properties that are undefined are left out.
 */
export function toJsonValue(value: unknown, path = "the value", seen: Set<object> = new Set()): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value)) throw serializationError(`${path} is ${value}, which JSON cannot represent`);
      return value;
    case "object":
      break;
    default:
      throw serializationError(`${path} is ${typeof value === "undefined" ? "undefined" : `a ${typeof value}`}`);
  }
  if (value === null) return null;
  if (seen.has(value)) throw serializationError(`${path} refers back to itself (a cycle)`);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") return toJsonValue(toJSON.call(value), path, seen);
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
      throw serializationError(`${path} is a ${kind}; only plain objects, arrays, strings, finite numbers, booleans and null can be sent`);
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

function serializationError(message: string): Error {
  return namedError(ErrorNames.Serialization, message);
}
