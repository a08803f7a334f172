/**
 * The wire protocol: every message kind, patch op and tree encoding, defined once.
 * The browser runtime imports this file too; no literal kind or op code appears elsewhere.
 *
 * Messages are JSON objects with one-letter keys (they are on every event's hot path).
 * Ops and encoded trees are arrays, positional, because a patch batch holds many of them.
 */

/** Bumped on any incompatible change; exchanged at join. */
export const PROTOCOL_VERSION = 1;

/** Message kinds, the `k` of every message. */
export const Msg = {
  // browser → server
  /** Open, reclaim or resume a session: `{ v, sid, path, s?, rt? }`. */
  Join: 1,
  /** A DOM event on a node with a bound handler: `{ e, n, t, d, a? }`. */
  Event: 2,
  /** The browser has applied every server message up to `s`. */
  Ack: 3,
  /** Heartbeat from the browser; answered with Pong. */
  Ping: 4,
  /** The answer to Exec or Invoke: `{ id, ok, v?, err? }`. */
  Result: 5,
  /** `tether.call(method, params)`: `{ id, m, p? }`; answered with CallResult. */
  Call: 6,
  /** `tether.sendEvent(event, detail)`: `{ e, ev, d? }`, sequenced like DOM events. */
  Send: 7,

  // server → browser
  /** The whole tree, at join: `{ s, v, sid, id, t }`. */
  Mount: 20,
  /** One render's changes: `{ s, a?, o }`; every event up to `a` is answered. */
  Patch: 21,
  /** Events up to `a` are answered (applied, async handlers settled) and changed nothing more: `{ a }`. */
  Reply: 22,
  /** Something was refused or failed: `{ code, message, e?, a?, fatal? }`. */
  Error: 23,
  /** Heartbeat answer. */
  Pong: 24,
  /** Run code in the page: `{ s, id, c, a?, r, t? }`; answered with Result. */
  Exec: 25,
  /** Call a function the page exposed: `{ s, id, f, a, t? }`; answered with Result. */
  Invoke: 26,
  /** The server no longer waits for request `id` (aborted): `{ id }`. */
  Cancel: 27,
  /** A server event for `tether.on` subscribers: `{ s, ev, p? }`. */
  Emit: 28,
  /** The answer to Call: `{ id, ok, v?, err? }`. */
  CallResult: 29,
  /** API namespaces bound after the mount, for `tether.<namespace>.<method>()`: `{ s, ns }`. */
  Bind: 30,
  /** A resumed session: `{ a }`, the last event applied; the unacknowledged messages follow. */
  Resume: 31,
} as const;

/** Patch op codes, the first element of every op. */
export const Op = {
  /** `[Create, parentId, beforeId, firstId, trees]`: insert new nodes; ids are assigned in pre-order from firstId. */
  Create: 1,
  /** `[Remove, id]`: remove a node and everything below it. */
  Remove: 2,
  /** `[Move, id, parentId, beforeId]`: move an existing node (keeps its DOM identity and input state). */
  Move: 3,
  /** `[SetAttr, id, name, value]`; names starting with `@` bind a delegated event instead. */
  SetAttr: 4,
  /** `[RemoveAttr, id, name]`. */
  RemoveAttr: 5,
  /** `[SetProp, id, name, value]`: a DOM property (`value`, `checked`, `selected`); null resets it. */
  SetProp: 6,
  /** `[SetText, id, text]`. */
  SetText: 7,
  /** `[Clear, parentId]`: remove every child. */
  Clear: 8,
} as const;

/** Ids: the page's root container is 0; `beforeId` 0 means "append". */
export const ROOT_ID = 0;

/** Marks in the first slot of an encoded tree that is not an element. */
export const TreeKind = {
  /** `[Raw, html]`: trusted HTML; one id (a comment anchor before the nodes). */
  Raw: 0,
  /** `[StaticDef, sid, elementTree]`: a static subtree sent once; one id (its root). */
  StaticDef: 1,
  /** `[StaticRef, sid]`: a clone of a static subtree sent before; one id. */
  StaticRef: 2,
} as const;

/** Attribute-map key prefixes in an encoded element. */
export const EVENT_PREFIX = "@";
export const PROP_PREFIX = ".";

/** Attribute names Tether's runtime reads (all start with `t-`). */
export const Directive = {
  /** Milliseconds to wait after the last event before sending it. */
  Debounce: "t-debounce",
  /** Send at most one event per this many milliseconds. */
  Throttle: "t-throttle",
  /** Only these keys (comma-separated `KeyboardEvent.key` values) trigger keydown/keyup. */
  Key: "t-key",
  /** The element's children belong to the page (a third-party widget): never patched. */
  Ignore: "t-ignore",
} as const;

/** Attributes of an encoded element: strings, `.prop` values and `@event` bindings. */
export type EncodedAttrs = Record<string, string | boolean | number | null>;
export type ElementTree = [tag: string, attrs: EncodedAttrs | 0, ...children: Tree[]];
export type RawTree = [kind: typeof TreeKind.Raw, html: string];
export type StaticDefTree = [kind: typeof TreeKind.StaticDef, sid: number, tree: ElementTree];
export type StaticRefTree = [kind: typeof TreeKind.StaticRef, sid: number];
/** One DOM node and its subtree, as sent in Mount and Create. A string is a text node. */
export type Tree = string | ElementTree | RawTree | StaticDefTree | StaticRefTree;

export type PatchOp =
  | [op: typeof Op.Create, parentId: number, beforeId: number, firstId: number, trees: Tree[]]
  | [op: typeof Op.Remove, id: number]
  | [op: typeof Op.Move, id: number, parentId: number, beforeId: number]
  | [op: typeof Op.SetAttr, id: number, name: string, value: string | number]
  | [op: typeof Op.RemoveAttr, id: number, name: string]
  | [op: typeof Op.SetProp, id: number, name: string, value: string | boolean | null]
  | [op: typeof Op.SetText, id: number, text: string]
  | [op: typeof Op.Clear, parentId: number];

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
  /** Modifier keys as bits: 1 shift, 2 ctrl, 4 alt, 8 meta. */
  mods?: number;
  /** A submitted form's fields; a name that occurs several times maps to an array. */
  form?: Record<string, string | string[]>;
}

/** An error as it crosses the wire: a browser error for the server, a handler's error for the page. */
export interface WireError {
  name: string;
  message: string;
  /** Browser stacks always travel; server stacks only in development. */
  stack?: string;
}

/**
 * `s` and `rt` only when resuming: the last server message the page applied, and the resume
 * token of its last Mount (proof that this tab, not a copy of its HTML, holds the session).
 */
export interface JoinMessage { k: typeof Msg.Join; v: number; sid: string | null; path: string; s?: number; rt?: string }

/**
 * A first join can travel in the WebSocket's URL instead of a Join message (`…/ws?v=1&path=%2F&sid=…`):
 * the server joins as the socket opens, so the Mount comes one round trip sooner and the page
 * sends nothing first. A resume always sends a Join message: its token stays out of URLs, and
 * out of the logs that keep them. Parsed on the server by validate.ts `parseJoinQuery`.
 */
export function joinQuery(v: number, sid: string | null, path: string): string {
  return `?v=${v}&path=${encodeURIComponent(path)}${sid === null ? "" : `&sid=${encodeURIComponent(sid)}`}`;
}
export interface EventMessage { k: typeof Msg.Event; e: number; n: number; t: string; d: EventData; a?: number }
export interface AckMessage { k: typeof Msg.Ack; s: number }
export interface PingMessage { k: typeof Msg.Ping }
export interface ResultMessage { k: typeof Msg.Result; id: number; ok: boolean; v?: unknown; err?: WireError }
export interface CallMessage { k: typeof Msg.Call; id: number; m: string; p?: unknown }
export interface SendMessage { k: typeof Msg.Send; e: number; ev: string; d?: unknown }
export type ClientMessage = JoinMessage | EventMessage | AckMessage | PingMessage | ResultMessage | CallMessage | SendMessage;

/**
 * `rt`: the resume token; `hb`: the heartbeat `[interval, timeout]` in ms; `a`: the last event
 * applied (events the page sent before it are done); `b`: bound API namespaces.
 */
export interface MountMessage { k: typeof Msg.Mount; s: number; v: number; sid: string; id: number; t: Tree[]; rt: string; hb: [number, number]; a: number; mx: number; b?: string[] }
/** `mx` (also in Mount): the largest message the server accepts, in bytes. */
export interface ResumeMessage { k: typeof Msg.Resume; a: number; hb: [number, number]; mx: number }
export interface PatchMessage { k: typeof Msg.Patch; s: number; a?: number; o: PatchOp[] }

/**
 * A Patch message's text, exactly as `JSON.stringify({ k, s, o, a })` writes it, without
 * building that object: the server sends one after every event. Ops are written here, their
 * numbers and plain strings directly: JSON.stringify is a call into the engine's runtime that
 * costs more than an event's whole diff for the few short ops a patch usually has. Nested
 * values (a Create's trees) and strings that need escapes are left to it.
 */
export function encodePatch(s: number, ops: PatchOp[], a?: number): string {
  let out = '{"k":' + Msg.Patch + ',"s":' + s + ',"o":[';
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    out += i === 0 ? "[" : ",[";
    for (let j = 0; j < op.length; j++) {
      const x = op[j];
      if (j > 0) out += ",";
      out += typeof x === "number" && Number.isFinite(x) ? "" + x : typeof x === "string" && isPlainText(x) ? '"' + x + '"' : JSON.stringify(x);
    }
    out += "]";
  }
  return a === undefined ? out + "]}" : out + '],"a":' + a + "}";
}

/** True if JSON writes `text` as it is between quotes: no quote, backslash, control character or surrogate. */
function isPlainText(text: string): boolean {
  if (text.length > 256) return false; // JSON.stringify is as quick for long text
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}
export interface ReplyMessage { k: typeof Msg.Reply; a: number }
/** `e`: the event it is about; `a`: every event up to this one is answered now. */
export interface ErrorMessage { k: typeof Msg.Error; code: ErrorCode; message: string; e?: number; a?: number; fatal?: boolean }
export interface PongMessage { k: typeof Msg.Pong }
/** `r`: 1 to wait for the value the code returns, 0 to confirm only that it ran. `t`: timeout in ms. */
export interface ExecMessage { k: typeof Msg.Exec; s: number; id: number; c: string; a?: Record<string, unknown>; r: 0 | 1; t?: number }
export interface InvokeMessage { k: typeof Msg.Invoke; s: number; id: number; f: string; a: unknown[]; t?: number }
export interface CancelMessage { k: typeof Msg.Cancel; id: number }
export interface EmitMessage { k: typeof Msg.Emit; s: number; ev: string; p?: unknown }
export interface CallResultMessage { k: typeof Msg.CallResult; id: number; ok: boolean; v?: unknown; err?: WireError }
export interface BindMessage { k: typeof Msg.Bind; s: number; ns: string[] }
export type ServerMessage =
  | MountMessage | PatchMessage | ReplyMessage | ErrorMessage | PongMessage
  | ExecMessage | InvokeMessage | CancelMessage | EmitMessage | CallResultMessage | BindMessage | ResumeMessage;

/** Error codes the server sends; each has a clear message beside it. */
export const ErrorCodes = {
  /** Not JSON, not an object, an unknown kind or a field of the wrong type. */
  BadMessage: "bad_message",
  /** The browser speaks another protocol version. */
  Version: "version_mismatch",
  /** A message other than Join before the session is joined, or a second Join. */
  NotJoined: "not_joined",
  /** No route serves the path given at join. */
  UnknownRoute: "unknown_route",
  /** The event names a node that is not on the page (any more). */
  UnknownNode: "unknown_node",
  /** The node is on the page but has no handler for that event now. */
  NoHandler: "no_handler",
  /** A handler threw; the session goes on. */
  HandlerFailed: "handler_failed",
  /** More events than the session's rate limit allows; this one was not applied. */
  RateLimited: "rate_limited",
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

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

/** The page's default `tether.call` timeout, in milliseconds. */
export const DEFAULT_CALL_TIMEOUT = 30_000;

/** Modifier bits of `EventData.mods`. */
export const Modifier = { Shift: 1, Ctrl: 2, Alt: 4, Meta: 8 } as const;
