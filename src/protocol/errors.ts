/**
 * The errors of the wire: how an error crosses it (WireError, CallError), the names of those
 * Tether makes (ErrorNames), and the codes of the server's Error message (ErrorCodes). Part of
 * the wire protocol (wire.ts re-exports all of it; import from there).
 */

/** An error as it crosses the wire: a browser error for the server, a handler's error for the page. */
export interface WireError {
  name: string;
  message: string;
  /** Browser stacks always travel; server stacks only in development. */
  stack?: string;
}

/** A server handler's error as a CallResult carries it: also the error's own `code` and `data`, when it has them. */
export interface CallError extends WireError { code?: string | number; data?: unknown }

/** Names of errors that cross the wire in Result and CallResult. */
export const ErrorNames = {
  /** The code or call did not settle within its timeout. */
  Timeout: "JsExecutionTimeout",
  /** A page-side `tether.call` timed out. */
  CallTimeout: "TimeoutError",
  /** The value cannot travel as JSON (a function, a DOM node, a cycle, NaN, …). */
  Serialization: "SerializationError",
  /** No function of that name is exposed in the page, or no method of that name is bound on the server. */
  NotFound: "NotFoundError",
  /** The session ended before the request settled. */
  SessionEnded: "SessionEnded",
} as const;

/** Error codes the server sends; each has a clear message beside it. */
export const ErrorCodes = {
  /** Not JSON, not an object, an unknown kind, a field of the wrong type, or a binary frame. */
  BadMessage: "bad_message",
  /** The browser speaks another protocol version; fatal. */
  Version: "version_mismatch",
  /** A message other than Join before the session is joined, or a second Join (also while the first is in progress). */
  NotJoined: "not_joined",
  /** No route serves the path given at join, or its page could not be rendered; fatal. */
  UnknownRoute: "unknown_route",
  /** The join has no valid token for its page, or the app's `authorize` hook refused it; fatal. */
  Unauthorized: "unauthorized",
  /** The event names a node that is not on the page (any more). */
  UnknownNode: "unknown_node",
  /** The node is on the page but has no handler for that event now. */
  NoHandler: "no_handler",
  /** A handler threw; the session goes on. */
  HandlerFailed: "handler_failed",
  /** An async handler did not settle within the server's `handlerTimeout`; the event counts as answered and the session goes on. */
  HandlerTimeout: "handler_timeout",
  /**
   * A flood of messages far beyond the session's rate limit (a script, not a person): the connection is closed
   * with 1008 right after. Events over the rate are delayed, never refused, so a person's never get this.
   */
  RateLimited: "rate_limited",
  /** A development-only message (the devtools' DevWatch) to a server not in development; refused, the session goes on. */
  DevOnly: "dev_only",
} as const;
/** One of ErrorCodes' values, the `code` of an ErrorMessage. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
