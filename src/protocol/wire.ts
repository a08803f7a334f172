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
  /** Open or reclaim a session: `{ v, sid, path }`. */
  Join: 1,
  /** A DOM event on a node with a bound handler: `{ e, n, t, d, a? }`. */
  Event: 2,
  /** The browser has applied every server message up to `s`. */
  Ack: 3,
  /** Heartbeat from the browser; answered with Pong. */
  Ping: 4,

  // server → browser
  /** The whole tree, at join: `{ s, v, sid, id, t }`. */
  Mount: 20,
  /** One render's changes: `{ s, a?, o }`. */
  Patch: 21,
  /** An event was handled and changed nothing on the page: `{ a }`. */
  Reply: 22,
  /** Something was refused or failed: `{ code, message, e?, fatal? }`. */
  Error: 23,
  /** Heartbeat answer. */
  Pong: 24,
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

export interface JoinMessage { k: typeof Msg.Join; v: number; sid: string | null; path: string }
export interface EventMessage { k: typeof Msg.Event; e: number; n: number; t: string; d: EventData; a?: number }
export interface AckMessage { k: typeof Msg.Ack; s: number }
export interface PingMessage { k: typeof Msg.Ping }
export type ClientMessage = JoinMessage | EventMessage | AckMessage | PingMessage;

export interface MountMessage { k: typeof Msg.Mount; s: number; v: number; sid: string; id: number; t: Tree[] }
export interface PatchMessage { k: typeof Msg.Patch; s: number; a?: number; o: PatchOp[] }
export interface ReplyMessage { k: typeof Msg.Reply; a: number }
export interface ErrorMessage { k: typeof Msg.Error; code: ErrorCode; message: string; e?: number; fatal?: boolean }
export interface PongMessage { k: typeof Msg.Pong }
export type ServerMessage = MountMessage | PatchMessage | ReplyMessage | ErrorMessage | PongMessage;

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
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Modifier bits of `EventData.mods`. */
export const Modifier = { Shift: 1, Ctrl: 2, Alt: 4, Meta: 8 } as const;
