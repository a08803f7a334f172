import type { WireError } from "../src/protocol/wire.js";

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
