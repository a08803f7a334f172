/**
 * What a component sees of its session (`this.session`): the browser tab it runs for. Declared
 * here, in the component layer, so that components depend on this small interface and not on
 * the session layer that implements it (LiveSession, which also joins tabs, numbers messages
 * and renders).
 */

import type { UploadService } from "./upload.js";
import type { MessageHandler, PresenceHandler, PresenceList, Unsubscribe, Untrack } from "../pubsub/index.js";
import type { DownloadFile } from "./download-file.js";
import type { ChildMessageHandler, ChildWindow, OpenWindowOptions, ParentMessageHandler, ParentWindow } from "./linked-window.js";

/** Options of `executeJs`. */
export interface ExecuteJsOptions {
  /** Resolve with the value the code returns (or its promise resolves to). Default false: resolve once the code ran. */
  waitForResult?: boolean | undefined;
  /** Milliseconds to wait for the result; only with `waitForResult`. Default: the session's `jsTimeout`. */
  timeout?: number | undefined;
  /** Values the code receives as named parameters: `{ a: 1 }` makes `a` a variable in the code. */
  args?: Record<string, unknown> | undefined;
  /** Aborting stops the wait (rejecting with the signal's reason) and aborts `signal` in the page. */
  signal?: AbortSignal | undefined;
}

/** Options of `callClient` and `getJsResult`. */
export interface CallClientOptions {
  /** Milliseconds to wait. Default: the session's `jsTimeout`. */
  timeout?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * A server function the page can call with `tether.call(method, params)`. Its parameters are
 * `any` so that a handler with typed parameters, `(a: number, b: number) => a + b`, can be bound:
 * with `unknown` they would not accept it.
 */
export type CallHandler = (...args: any[]) => unknown;

/** A handler of page events sent with `tether.sendEvent(event, detail)`. */
export type PageEventHandler = (detail: unknown) => unknown;

/**
 * One browser tab's live session, as a component uses it: run JavaScript in the page and await
 * its result, talk with the page's scripts both ways, know the session and end it. Every
 * request settles: a result, an error (JsExecutionError) or a timeout (JsExecutionTimeout).
 * Requests to the page need one: made before any tab connected (in the first paint's
 * `mount()`), they fail at once with NotConnectedError; make them in `connected()`.
 *
 *   mount() {
 *     this.session.bindApi({ add: ({ a, b }: { a: number; b: number }) => a + b });
 *   }
 *   async connected() {
 *     const title = await this.session.executeJs("return document.title", { waitForResult: true });
 *   }
 */
export interface ComponentSession {
  /** The session's unguessable id. */
  readonly id: string;
  /** The page's path and query (`/users/7?tab=2`): where the tab is now (live navigation moves it). */
  readonly path: string;
  /** What the app's `authorize` hooks returned for this page: the user, say (undefined without hooks). */
  readonly context: unknown;
  /** True while a tab is connected (it may drop and resume). */
  readonly isConnected: boolean;
  /** True once the session has ended. */
  readonly isEnded: boolean;

  /**
   * Runs `code` in the page as the body of an async function (it may `await` and `return`).
   * With `waitForResult`, resolves with its value; without, once the page confirms it ran
   * (with undefined). `T` names the result's type, `executeJs<number>(…)`, and is not checked
   * at run time: the value is the page's answer, decoded from JSON.
   */
  executeJs<T = unknown>(code: string, options?: ExecuteJsOptions): Promise<T>;
  /**
   * Runs `code` in the page, then resolves with the value of `variable` (a name or a dotted
   * path). `T` is the value's type, not checked at run time (the page's answer, decoded from JSON).
   */
  getJsResult<T = unknown>(code: string, variable: string, options?: CallClientOptions): Promise<T>;
  /**
   * Calls a function the page registered with `tether.expose(name, fn)`: no code is evaluated
   * (CSP-friendly). `T` is its result's type, not checked at run time (the page's answer, decoded from JSON).
   */
  callClient<T = unknown>(name: string, args?: unknown[] | unknown, options?: CallClientOptions): Promise<T>;
  /** Default timeout of the requests above, in milliseconds. */
  jsTimeout: number;

  /** Sends an event to the page's `tether.on(event, handler)` subscribers. */
  emit(event: string, payload?: unknown): void;
  /** Lets the page call `handler` with `tether.call(method, params)`; returns an unbind function. */
  bindCall(method: string, handler: CallHandler): () => void;
  /** Binds `api`'s public methods as `namespace.method`, callable in the page as `tether.<namespace>.<method>(params)`. */
  bindApi(api: object, namespace?: string): string[];
  /** Handles `tether.sendEvent(event, detail)` from the page; returns an unsubscribe function. */
  on(event: string, handler: PageEventHandler): () => void;

  /**
   * Calls `handler` with each message broadcast to `topic` (from any session or process) until
   * the returned function is called or the session ends. Its changes are sent as one patch.
   * A component's own `this.subscribe` ends with the component instead.
   */
  subscribe(topic: string, handler: MessageHandler): Unsubscribe;
  /** Sends `message` (JSON data, 64 KiB at most) to every subscriber of `topic`, in every process. */
  broadcast(topic: string, message: unknown): Promise<void>;
  /** Sends `message` to every subscriber of `topic` but this session's own. */
  broadcastFrom(topic: string, message: unknown): Promise<void>;
  /**
   * Shows this tab on `topic` under `key` (a user's id: a user's tabs share it) with `meta`
   * (JSON data: a name, a status) until untracked or the session ends.
   */
  track(topic: string, key: string, meta?: unknown): Untrack;
  /** Who is on `topic` now, by key (each key with its tabs' metas), in every process. */
  listPresence(topic: string): Promise<PresenceList>;
  /** Calls `handler` with `topic`'s presence diffs (`joins`, `leaves`, by key) until unsubscribed or the session ends. */
  onPresence(topic: string, handler: PresenceHandler): Unsubscribe;

  /** The server's upload service, which `Component.allowUpload` declares uploads to; null for a session without a server. */
  readonly uploads: UploadService | null;
  /**
   * Shows the page at `to` (`/users/2`, `?page=3`, `/docs#setup`) in this tab without loading a
   * document (live navigation): the same route's component stays and gets its new `params` and
   * `query` (one render); another route's component replaces it, the old one unmounted. The
   * route's `authorize` hooks run first; refused, it redirects as the page's GET would. An
   * unknown path shows the not-found page. Another origin, or a page another layout or `head`
   * serves, is a full load. `replace`: no new history entry. Resolves when done; never rejects
   * for a refusal (that is a redirect).
   */
  navigate(to: string, options?: { replace?: boolean | undefined }): Promise<void>;
  /** Sends the tab to `url` with a full page load (another site, another app). `javascript:` URLs are refused. */
  redirect(url: string): void;

  /**
   * Offers a file to this tab as a download and returns its URL, for a link (the Download
   * component makes one) or `location` in page code. Served by the app's Tether at
   * `<basePath>/download/…` as an attachment, as long as the session lives (or until
   * `withdrawDownload(url)`); a path or a stream is read only when the browser asks.
   */
  offerDownload(file: DownloadFile): string;
  /** Stops offering a file `offerDownload` offered (its URL then answers 404). */
  withdrawDownload(url: string): void;

  /**
   * Opens `path` (a page of this app) in a new window whose session is linked to this one, and
   * resolves with the child's id. Call it from a handler of a click or a key press: browsers
   * open a popup only while the page has a user's activation. Rejects if the browser blocked it.
   */
  openWindow(path: string, options?: OpenWindowOptions): Promise<string>;
  /** A new child's id and a URL of `path` linked to this session, for a link the user opens (`target="_blank"`). */
  windowLink(path: string): { id: string; url: string };
  /** This window's id as its parent and children know it (null until it has either). */
  readonly windowId: string | null;
  /** The window that opened this one, or null. */
  readonly parent: ParentWindow | null;
  /** The windows this session opened or linked, open and closed. */
  readonly children: readonly ChildWindow[];
  /** Sends `event` with `data` (JSON data, 64 KiB at most) to this window's parent; throws if it has none. */
  emitToParent(event: string, data?: unknown): Promise<void>;
  /** Sends `event` with `data` to this session's child window `id`; throws for any other id. */
  sendToChild(id: string, event: string, data?: unknown): Promise<void>;
  /** Sends `event` with `data` to every open child window. */
  broadcastToChildren(event: string, data?: unknown): Promise<void>;
  /** Asks every open child window to close itself. */
  closeChildren(): Promise<void>;
  /** Closes this session's window (`window.close()`: browsers allow it for a window a script opened). */
  closeWindow(): void;
  /**
   * Calls `handler(child, event, data)` with the children's messages, `child_opened` and
   * `child_closed`, until unsubscribed or the session ends. A component's own
   * `this.onChildMessage` ends with the component instead.
   */
  onChildMessage(handler: ChildMessageHandler): Unsubscribe;
  /** Calls `handler(event, data)` with the parent's messages and `parent_closed`, until unsubscribed or the session ends. */
  onParentMessage(handler: ParentMessageHandler): Unsubscribe;

  /** Ends the session: unmounts every component and closes the connection. */
  end(reason?: string): void;
}
