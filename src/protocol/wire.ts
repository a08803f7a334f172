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
 * sends, each type with its fields listed in its doc comment. Re-exported here: the errors
 * (errors.ts), patch ops and encoded trees (patch-ops.ts), live navigation's page events
 * (navigation.ts), linked windows' calls (window-calls.ts), the uploads' binary chunk frame
 * (upload-chunks.ts), reading shapes (shapes.ts) and what the devtools' DevReport carries (devtools.ts).
 */
import type { CallError, ErrorCode, WireError } from "./errors.js";
import type { PatchOp, Tree } from "./patch-ops.js";
import type { InspectedComponent } from "./devtools.js";

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
  /** On an upload's own connection: the files a page chose, to be judged before any byte moves: UploadFilesMessage. */
  UploadFiles: 10,
  /** On an upload's own connection: where an entry stands in the page (resume, or an external upload's progress): UploadAtMessage. */
  UploadAt: 11,
  /** Development only: the devtools panel opened or closed, asking for the session's component tree or no more: DevWatchMessage. */
  DevWatch: 12,

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
  /** The answer to UploadFiles, one verdict per file: UploadEntriesMessage. */
  UploadEntries: 34,
  /** Bytes of an upload entry stored (an acknowledgement), or its end: UploadAckMessage. */
  UploadAck: 35,
  /** Development only, to a page whose devtools watch: the component tree after an event, and the server's time for it: DevReportMessage. */
  DevReport: 36,
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

/**
 * The files a page chose for an upload, sent on the upload's own connection (see
 * upload-chunks.ts) before any byte: the server judges each (size, type, count, the bytes in
 * flight) and answers UploadEntries.
 * - `r`: the page's number for this choice, echoed in the answer.
 * - `f`: each file's name `n`, size in bytes `s` and MIME type `t` ("" when the browser knows none).
 */
export interface UploadFilesMessage { k: typeof Msg.UploadFiles; r: number; f: UploadFileInfo[] }
/** A chosen file as the page describes it. */
export interface UploadFileInfo { n: string; s: number; t: string }

/**
 * Where an entry stands in the page, on the upload's connection.
 * - `id`: the entry.
 * - `o?`: an external (direct-to-storage) entry's bytes sent so far (its size: it is stored).
 *   Without it, the page asks where the server stands (after a reconnection), answered by an UploadAck.
 */
export interface UploadAtMessage { k: typeof Msg.UploadAt; id: string; o?: number }

/** A browser message of an upload's own connection (its chunks are binary frames, upload-chunks.ts). */
export type UploadClientMessage = UploadFilesMessage | UploadAtMessage;

/**
 * Development only: the devtools panel opened or closed. A server in development answers with
 * DevReport; any other refuses it (ErrorCodes.DevOnly), so no production message carries the tree.
 * - `on`: true to get the component tree now and after each event, false to stop.
 */
export interface DevWatchMessage { k: typeof Msg.DevWatch; on: boolean }

/** Every message the browser sends. */
export type ClientMessage = JoinMessage | EventMessage | AckMessage | PingMessage | ResultMessage | CallMessage | SendMessage | DevWatchMessage;

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
 * - `tk?`: a fresh join token, for the page's next Join: live navigation moved the session to
 *   another path (`tether:navigated`), and the page's URL follows as it gets this message.
 */
export interface EmitMessage { k: typeof Msg.Emit; s: number; ev: string; p?: unknown; tk?: string }

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

/**
 * The answer to UploadFiles.
 * - `r`: the choice's number, as the page sent it.
 * - `f`: a verdict per file, in order: an accepted one has its entry `id` (unguessable, bound to
 *   the session), and with the `external` option the URL `u` to PUT it to, with headers `h`; a
 *   refused one has the error `e` (an UploadErrors code) and its text `m`.
 * - `go`: 1 to send the accepted files at once; 0 to wait for an UploadAck of each (the
 *   component's `start()`, with `auto: false`).
 */
export interface UploadEntriesMessage { k: typeof Msg.UploadEntries; r: number; f: UploadVerdict[]; go: 0 | 1 }
/** One file's verdict in UploadEntries. */
export interface UploadVerdict { id?: string; e?: UploadErrorCode; m?: string; u?: string; h?: Record<string, string> }

/**
 * Bytes of an entry the server has stored: the page sends from there, within its window.
 * - `id`: the entry.
 * - `o`: bytes stored, in order from the start.
 * - `x?`: the entry ended there (an UploadErrors code): cancelled or refused.
 */
export interface UploadAckMessage { k: typeof Msg.UploadAck; id: string; o: number; x?: UploadErrorCode }

/** Why an upload entry was refused or stopped. */
export const UploadErrors = {
  /** Larger than the upload's `maxFileSize`. */
  TooLarge: "too_large",
  /** More files than the upload's `maxFiles` (counting those it holds). */
  TooMany: "too_many",
  /** Neither its MIME type nor its extension is in the upload's `accept`. */
  NotAccepted: "not_accepted",
  /** The session's or the process's bytes in flight would exceed their bound; try later. */
  Busy: "busy",
  /** The component cancelled it. */
  Cancelled: "cancelled",
  /** No entry of this upload has that id (another session's, or ended). */
  UnknownEntry: "unknown_entry",
  /** A chunk past the entry's size, or a malformed frame. */
  BadChunk: "bad_chunk",
  /** Storing its bytes failed on the server (reported to the app). */
  Failed: "failed",
} as const;
export type UploadErrorCode = (typeof UploadErrors)[keyof typeof UploadErrors];

export type UploadServerMessage = UploadEntriesMessage | UploadAckMessage;

/**
 * Development only: the session's component tree, and an event's cost; not numbered, never replayed.
 * - `e?`: the event it follows; absent after a DevWatch or a `tether.call`.
 * - `ms?`: with `e`: the server's time for it in ms: its handler (an async one until it
 *   settled), the render, the diff and the encoding of its answer.
 * - `c`: the page's top components, each with those it rendered (InspectedComponent).
 * - `x?`: components left out past DEV_REPORT_COMPONENTS.
 */
export interface DevReportMessage { k: typeof Msg.DevReport; e?: number; ms?: number; c: InspectedComponent[]; x?: number }

/** Every message the server sends. */
export type ServerMessage = MountMessage | PatchMessage | ReplyMessage | ErrorMessage | PongMessage | ExecMessage | InvokeMessage | CancelMessage | EmitMessage | CallResultMessage | BindMessage | ResumeMessage | DevReportMessage;

// ——— Tether's own names on the page bridge ———

/**
 * The prefix of Tether's own names on the page bridge: its page events (NavigationEvents,
 * WindowCalls.Event), which an app's `emit` and `on` refuse, and the calls the session answers
 * itself (WindowCalls), which `bindCall` refuses.
 */
export const RESERVED_PREFIX = "tether:";

// ——— Linked windows: calls the session answers itself, and what it tells the page ———

export * from "./window-calls.js";

// ——— Errors ———

export * from "./errors.js";

// ——— Patch ops and encoded trees ———

export * from "./patch-ops.js";
export * from "./shapes.js";

// ——— Live navigation's page events ———

export * from "./navigation.js";

export * from "./upload-chunks.js";

// ——— Development only: what the devtools' DevReport carries ———

export * from "./devtools.js";
