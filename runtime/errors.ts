import type { CallError, WireError } from "../src/protocol/wire.js";

/** An Error with a chosen name, as page code sees errors that Tether makes. */
export function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

/**
 * A server handler's error as page code sees it: the server's name and message, its `code` and
 * `data` when it has them, and its stack (sent in development) as `serverStack`, apart from
 * the page's own.
 */
export function fromWireError({ stack, ...error }: CallError): Error {
  return Object.assign(new Error(), error, { serverStack: stack });
}

/** Any thrown value as it travels to the server: name, message and stack (an Error, or anything with a message). */
export function toWireError(error: unknown): WireError {
  const e = error as Partial<Error> | null | undefined;
  if (e?.message === undefined) return { name: "Error", message: String(error) };
  const wire: WireError = { name: e.name ? String(e.name) : "Error", message: String(e.message) };
  if (typeof e.stack === "string") wire.stack = e.stack;
  return wire;
}
