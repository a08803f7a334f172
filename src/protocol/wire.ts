/**
 * The wire protocol: every message kind, patch op and tree encoding, defined once. The browser
 * runtime imports this file too; no literal kind or op code appears elsewhere.
 *
 * Messages are JSON objects with one-letter keys (they are on every event's hot path). Ops and
 * encoded trees are arrays, positional, because a patch batch holds many of them. What writes
 * them other than JSON.stringify (a first join in a URL, a Patch's text) is in encode.ts; what
 * checks them on arrival, in validate.ts.
 *
 * In this file: the message kinds; the messages the browser sends, then those the server
 * sends, each type with its fields listed in its doc comment. Patch ops and encoded trees are
 * in patch-ops.ts, re-exported here.
 */
import type { PatchOp, Tree } from "./patch-ops.js";

/** Bumped on any incompatible change; exchanged at join. */
export const PROTOCOL_VERSION = 1;

/** Message kinds, the `k` of every message. Each message type below lists its fields. */
export const Msg = {
  // browser → server
  /** Open, reclaim or resume a session: JoinMessage. */
  Join: 1,
  /** A DOM event on a node with a bound handler: EventMessage. */
  Event: 2,
  /** The browser has applied every server message up to a number: AckMessage. */
  Ack: 3,
  /** Heartbeat from the browser, answered with Pong: PingMessage. */
  Ping: 4,
  /** The answer to Exec or Invoke: ResultMessage. */
  Result: 5,
  /** `tether.call(method, params)`, answered with CallResult: CallMessage. */
  Call: 6,
  /** `tether.sendEvent(event, detail)`, sequenced like DOM events: SendMessage. */
  Send: 7,

  // server → browser
  /** The whole tree and the terms of the connection, at join: MountMessage. */
  Mount: 20,
  /** One render's changes: PatchMessage. */
  Patch: 21,
  /** Events are answered and changed nothing more: ReplyMessage. */
  Reply: 22,
  /** Something was refused or failed: ErrorMessage. */
  Error: 23,
  /** Heartbeat answer: PongMessage. */
  Pong: 24,
  /** Run code in the page (`executeJs`, `getJsResult`), answered with Result: ExecMessage. */
  Exec: 25,
  /** Call a function the page exposed (`callClient`), answered with Result: InvokeMessage. */
  Invoke: 26,
  /** The server no longer waits for a request (aborted): CancelMessage. */
  Cancel: 27,
  /** A server event for `tether.on` subscribers: EmitMessage. */
  Emit: 28,
  /** The answer to Call: CallResultMessage. */
  CallResult: 29,
  /** Methods and API namespaces bound after the mount, for `tether.<namespace>.<method>()`: BindMessage. */
  Bind: 30,
  /** A resumed session; the unacknowledged messages follow: ResumeMessage. */
  Resume: 31,
} as const;

// ——— Browser → server ———

/**
 * Opens, reclaims or resumes a session. A first join may travel in the WebSocket's URL
 * instead (encode.ts `joinQuery`); a resume always sends this message.
 * - `v`: the protocol version the page speaks (PROTOCOL_VERSION).
 * - `sid`: the session that rendered the page, or null; an unknown id gets a fresh session.
 * - `path`: the page's path and query, which picks the route.
 * - `s?`: resuming only: the last server message the page applied.
 * - `rt?`: resuming only: the resume token of its last Mount (proof that this tab, not a copy
 *   of its HTML, holds the session).
 * - `t?`: the join token, signed by the server: the page's (`data-tether-token`) at the first
 *   join, the last Mount's or Resume's `tk` after it. A join without a valid one is refused.
 */
export interface JoinMessage { k: typeof Msg.Join; v: number; sid: string | null; path: string; s?: number; rt?: string; t?: string }

/**
 * A DOM event on a node that has a handler for it.
 * - `e`: the event's sequence number (from 1), shared with Send: a re-sent event is applied once.
 * - `n`: the node's id.
 * - `t`: the event type (`click`, `input`, …).
 * - `d`: what the handler may need (EventData).
 * - `a?`: the last server message applied, when the page acknowledges with its event instead of an Ack.
 */
export interface EventMessage { k: typeof Msg.Event; e: number; n: number; t: string; d: EventData; a?: number }

/** What the browser sends with an event: only what a handler may need. */
export interface EventData {
  /** The control's value (input, change, focus, blur, key events). */
  value?: string;
  /** Checkbox and radio state. */
  checked?: boolean;
  /** Selected values of a `<select multiple>`. */
  values?: string[];
  /** `KeyboardEvent.key`. */
  key?: string;
  /** Modifier keys as bits (Modifier). */
  mods?: number;
  /** A submitted form's fields; a name that occurs several times maps to an array. */
  form?: Record<string, string | string[]>;
}

/** Modifier bits of `EventData.mods`. */
export const Modifier = { Shift: 1, Ctrl: 2, Alt: 4, Meta: 8 } as const;

/**
 * The browser has applied every server message up to here.
 * - `s`: the last server message applied.
 */
export interface AckMessage { k: typeof Msg.Ack; s: number }

/** Heartbeat from the browser when the line has been quiet; no fields. */
export interface PingMessage { k: typeof Msg.Ping }

/**
 * The answer to an Exec or Invoke.
 * - `id`: the request's id.
 * - `ok`: true if the code or function settled with a value.
 * - `v?`: that value (absent for `undefined`, or when only confirming that the code ran).
 * - `err?`: when not ok, the page's error (WireError; named by ErrorNames when Tether made it).
 */
export interface ResultMessage { k: typeof Msg.Result; id: number; ok: boolean; v?: unknown; err?: WireError }

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

/**
 * `tether.call(method, params)`: calls a method the server bound.
 * - `id`: the call's id, chosen by the page; the CallResult carries it back.
 * - `m`: the method, `namespace.name` for a bound API.
 * - `p?`: the params (an array spreads to positional arguments).
 */
export interface CallMessage { k: typeof Msg.Call; id: number; m: string; p?: unknown }

/** The page's default `tether.call` timeout, in milliseconds. */
export const DEFAULT_CALL_TIMEOUT = 30_000;

/**
 * `tether.sendEvent(event, detail)`: an event for the server's `on(event)` handlers.
 * - `e`: its sequence number, shared with DOM events: a re-sent one is applied once.
 * - `ev`: the event name.
 * - `d?`: the detail.
 */
export interface SendMessage { k: typeof Msg.Send; e: number; ev: string; d?: unknown }

/** Every message the browser sends. */
export type ClientMessage = JoinMessage | EventMessage | AckMessage | PingMessage | ResultMessage | CallMessage | SendMessage;

// ——— Server → browser ———

/**
 * The whole tree, at join, and the terms of the connection.
 * - `s`: its sequence number (numbered, so later messages follow it; never replayed).
 * - `v`: the protocol version the server speaks.
 * - `sid`: the session's id.
 * - `id`: the id of the first node; ids are assigned in pre-order from it, as in Create.
 * - `t`: the root's children, as encoded trees.
 * - `rt`: the resume token, for the Join that resumes this session.
 * - `tk`: a fresh join token, for the page's next Join (its first one may have expired).
 * - `hb`: the heartbeat, `[interval, timeout]` in ms.
 * - `a`: the last event applied: events the page sent before it are done.
 * - `mx`: the largest message the server accepts, in bytes.
 * - `b?`: API namespaces bound so far.
 * - `m`: every method the page may call now (`bindCall`'s and `bindApi`'s, `namespace.method`).
 */
export interface MountMessage {
  k: typeof Msg.Mount; s: number; v: number; sid: string; id: number; t: Tree[]; rt: string; tk: string; hb: [number, number]; a: number; mx: number; b?: string[]; m: string[];
}

/**
 * A session resumed by the tab that held it; the messages after the Join's `s` follow.
 * - `a`: the last event applied: the page re-sends the unanswered ones after it.
 * - `hb`: the heartbeat, `[interval, timeout]` in ms, as in Mount.
 * - `mx`: the largest message the server accepts, in bytes, as in Mount.
 * - `tk`: a fresh join token, as in Mount.
 */
export interface ResumeMessage { k: typeof Msg.Resume; a: number; hb: [number, number]; mx: number; tk: string }

/**
 * One render's changes, applied in order.
 * - `s`: its sequence number.
 * - `a?`: every event up to this one is answered.
 * - `o`: the ops (PatchOp).
 */
export interface PatchMessage { k: typeof Msg.Patch; s: number; a?: number; o: PatchOp[] }

/**
 * Events are answered (applied, async handlers settled) and changed nothing more.
 * - `a`: every event up to this one is answered.
 */
export interface ReplyMessage { k: typeof Msg.Reply; a: number }

/**
 * Something was refused or failed. Only a refused join is `fatal`; after any other error the session goes on.
 * - `code`: what kind of failure (ErrorCodes).
 * - `message`: what went wrong, for a developer.
 * - `e?`: the event it is about.
 * - `a?`: with `e`: every event up to this one is answered now.
 * - `fatal?`: the join was refused (wrong version, no route, not authorized): the page stops reconnecting.
 * - `to?`: with a refused join: where the app sends the page instead (a login page); the page goes there.
 */
export interface ErrorMessage { k: typeof Msg.Error; code: ErrorCode; message: string; e?: number; a?: number; fatal?: boolean; to?: string }

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
} as const;
/** One of ErrorCodes' values, the `code` of an ErrorMessage. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The answer to a Ping; no fields. */
export interface PongMessage { k: typeof Msg.Pong }

/**
 * Runs code in the page as the body of an async function; answered with Result.
 * - `s`: its sequence number.
 * - `id`: the request's id.
 * - `c`: the code.
 * - `a?`: named values the code receives as parameters.
 * - `r`: 1 to wait for the value the code returns, 0 to confirm only that it ran.
 * - `t?`: with `r` 1, the timeout in ms; the page answers when it gives up.
 */
export interface ExecMessage { k: typeof Msg.Exec; s: number; id: number; c: string; a?: Record<string, unknown>; r: 0 | 1; t?: number }

/**
 * Calls a function the page registered with `tether.expose`; answered with Result.
 * - `s`: its sequence number.
 * - `id`: the request's id.
 * - `f`: the function's name.
 * - `a`: its arguments.
 * - `t?`: the timeout in ms.
 */
export interface InvokeMessage { k: typeof Msg.Invoke; s: number; id: number; f: string; a: unknown[]; t?: number }

/**
 * The server no longer waits for a request (its signal aborted): the page aborts it too.
 * - `id`: the request's id.
 */
export interface CancelMessage { k: typeof Msg.Cancel; id: number }

/**
 * A server event (`emit`) for the page's `tether.on` subscribers.
 * - `s`: its sequence number.
 * - `ev`: the event name.
 * - `p?`: the payload.
 */
export interface EmitMessage { k: typeof Msg.Emit; s: number; ev: string; p?: unknown }

/**
 * The answer to a Call.
 * - `id`: the call's id.
 * - `ok`: true if the handler returned (or resolved with) a value.
 * - `v?`: that value (absent for `undefined`).
 * - `err?`: when not ok, the handler's error (CallError; named by ErrorNames when Tether made it).
 */
export interface CallResultMessage { k: typeof Msg.CallResult; id: number; ok: boolean; v?: unknown; err?: CallError }

/**
 * Methods bound (or unbound) after the mount: the Mount's `b` and `m` have those bound before.
 * - `s`: its sequence number.
 * - `ns`: new API namespaces.
 * - `m`: every method the page may call now, as in Mount.
 */
export interface BindMessage { k: typeof Msg.Bind; s: number; ns: string[]; m: string[] }

/** Every message the server sends. */
export type ServerMessage = MountMessage | PatchMessage | ReplyMessage | ErrorMessage | PongMessage | ExecMessage | InvokeMessage | CancelMessage | EmitMessage | CallResultMessage | BindMessage | ResumeMessage;

// ——— Linked windows: calls the session answers itself, and what it tells the page ———

/** Call names the session answers itself (a method of this prefix cannot be bound). */
export const BUILT_IN_CALL = "tether:";

/**
 * The calls of the page's linked-windows script (runtime/windows.ts), through `tether.call`;
 * `Open` is the function it exposes for the server's `openWindow` (`callClient`), and `Event`
 * the event (`emit`) that brings it the messages and news of its parent and children.
 */
export const WindowCalls = {
  State: "tether:windows.state",
  Link: "tether:windows.link",
  EmitToParent: "tether:windows.emitToParent",
  SendToChild: "tether:windows.sendToChild",
  BroadcastToChildren: "tether:windows.broadcastToChildren",
  CloseChildren: "tether:windows.closeChildren",
  Open: "tether:windows.open",
  Event: "tether:windows",
} as const;

// ——— Patch ops and encoded trees ———

export * from "./patch-ops.js";
