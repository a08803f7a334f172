import type { Presence, PubSub } from "../pubsub/index.js";
import type { FileOffers } from "./file-offers.js";
import type { WindowLinks } from "./linked-windows.js";
import type { RateLimit } from "./rate-limit.js";
import type { UploadService } from "../component/upload.js";

/**
 * How a session is set up; serve() and createTether() make one for all their sessions.
 * `S` is the session type `onEnd` receives (LiveSession, which this module does not import:
 * the session imports its options, not the other way round).
 */
export interface LiveSessionOptions<S = unknown> {
  /** Logs handler, render and hook errors, with the session they happened in; defaults to console.error. */
  onError?: (error: unknown, where: string, session?: S) => void;
  /** Called once when the session has ended. */
  onEnd?: (session: S) => void;
  /** Called after each render that changed the page (a snapshot is due). */
  onChange?: (session: S) => void;
  /**
   * Signs the join token each Mount and Resume gives the page for its next join (a server's
   * sessions have one; a session of its own, in a test, sends "").
   */
  joinToken?: (session: S) => string;
  /** Send error messages with details to the browser (development). */
  dev?: boolean;
  /** Default timeout of `executeJs` with `waitForResult`, `getJsResult` and `callClient`, in ms. Default 30 000. */
  jsTimeout?: number;
  /** Heartbeat `[interval, timeout]` in ms, told to the page at mount. Default [15 000, 10 000]. */
  heartbeat?: [number, number];
  /**
   * Events (DOM events, calls, page events, pings) the tab may send: 200 at once, 100 per second
   * by default. Past it the tab's connection is read more slowly; nothing is refused.
   */
  rateLimit?: RateLimit;
  /**
   * Milliseconds an async event handler, or the first paint's `mount()` hooks, may take to
   * settle before they are reported and the session moves on (the event is answered with
   * `handler_timeout`; the page is painted as it rendered so far). Default 30 000.
   */
  handlerTimeout?: number;
  /** Bytes of unacknowledged messages kept for a tab (to replay on resume); beyond, it gets a fresh mount. Default 8 MiB. */
  maxOutboxBytes?: number;
  /**
   * Bytes a connection may have waiting to be written (see TetherOptions). Numbered messages
   * wait in the outbox once half of it is in use, leaving the rest for replies and errors.
   * Default 1 MiB.
   */
  maxBufferedBytes?: number;
  /** The largest message the server accepts from the page, in bytes (told to the page). Default 1 MiB. */
  maxMessageSize?: number;
  /** The server's pub/sub, for `subscribe`, `broadcast` and `broadcastFrom` (a session without one cannot use them). */
  pubsub?: PubSub;
  /** The server's presence, for `track`, `listPresence` and `onPresence`. */
  presence?: Presence;
  /** The server's upload service, for `allowUpload` (a session without one cannot declare uploads). */
  uploads?: UploadService;
  /** The server's download endpoint, for `offerDownload`. */
  downloads?: FileOffers;
  /** Moves a session to another page (`navigate`, the navigation script's links); without it, `navigate` rejects. */
  navigator?: PageNavigator<S>;
  /** The server's link tokens, for linked windows (`openWindow` and the rest; they travel over `pubsub`). */
  windowLinks?: WindowLinks;
}

/**
 * How the server moves one of its sessions to another page (server/navigation.ts): the router,
 * the authorize hooks, the layout. A session of its own (a test's) has none.
 */
export interface PageNavigator<S> {
  /**
   * The pages load the navigation script (the server's `navigation` option): without it a page
   * can neither show another live nor load one when the server says so.
   */
  readonly live: boolean;
  /** Shows `to` (a path with query and hash, or a URL) in `session`, or loads it in full. Rejects only for a URL no page may go to (`javascript:`). */
  navigate(session: S, to: string, replace: boolean): Promise<void>;
}

/**
 * What the page is told at every Mount and Resume: its heartbeat, the largest message the
 * server accepts, and a fresh join token.
 */
export function pageTerms<S>(options: LiveSessionOptions<S>, session: S): { hb: [number, number]; mx: number; tk: string } {
  return { hb: options.heartbeat ?? [15_000, 10_000], mx: options.maxMessageSize ?? 1 << 20, tk: options.joinToken?.(session) ?? "" };
}
