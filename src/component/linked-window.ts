/**
 * What a component sees of linked windows (`session.openWindow`, `children`, `parent`, and
 * the messages between them): declared in the component layer, beside ComponentSession, and
 * implemented by the session layer (session/linked-windows.ts).
 */
import type { JsonValue } from "../pubsub/index.js";

/** A window this session opened (or linked), as its parent sees it. */
export interface ChildWindow {
  /** Its window id: what `sendToChild` takes. Not its session's id. */
  readonly id: string;
  /** The page (and query) it shows. */
  readonly path: string;
  /** "open" while its session lives (a reload keeps it open); "closed" once it ended (the tab closed). */
  readonly state: "open" | "closed";
}

/** The window that opened this one, as its child sees it. */
export interface ParentWindow {
  /** Its window id. */
  readonly id: string;
  /** "closed" once its session ended (`parent_closed`). */
  readonly state: "open" | "closed";
}

/** Options of `openWindow`: `window.open`'s name and features. */
export interface OpenWindowOptions {
  /** The window's name (`window.open`'s target): opening a name again reuses that window. Default "_blank". */
  name?: string | undefined;
  /** `window.open`'s features ("popup,width=480,height=640"). Not `noopener`: the page could not tell a blocked popup. */
  features?: string | undefined;
}

/**
 * Handles what a session's children say: their messages (`emitToParent(event, data)`), and
 * `child_opened` and `child_closed` (data null). `data` is null when a message has none.
 */
export type ChildMessageHandler = (child: ChildWindow, event: string, data: JsonValue) => unknown;

/** Handles what a session's parent says: its messages (`sendToChild`, `broadcastToChildren`), and `parent_closed` (data null). */
export type ParentMessageHandler = (event: string, data: JsonValue) => unknown;
