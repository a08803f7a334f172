import { memoryAdapter, MAX_MESSAGE_BYTES, type PubSubAdapter } from "../pubsub/index.js";
import { checkTimeout } from "../session/js-requests.js";
import { DEFAULT_RATE_LIMIT, type RateLimit } from "../session/rate-limit.js";
import type { Authorize, Identify } from "./authorize.js";
import { resolveSecret } from "./join-tokens.js";
import { defaultLayout, type Layout } from "./layout.js";
import { originSet } from "./origin.js";
import type { Route } from "./routes.js";
import type { Endpoint } from "./endpoint.js";

/** The session an error happened in, as `onError` is told of it. */
export interface ErrorSession {
  readonly id: string;
  readonly path: string;
}

/**
 * The options of `createTether` and `serve`; every one but `routes` has a default (see
 * resolveOptions). `serve` also takes `port`, `host` and `fallback`, for the server it makes
 * (see ServeOptions).
 */
export interface TetherOptions {
  /** Pages by path; `:name` segments become `params`. */
  routes: Record<string, Route>;
  /** Where Tether serves its runtime and WebSocket. Default "/_tether". */
  basePath?: string;
  /** Development mode: unminified runtime with warnings, error details sent to the page. Default: NODE_ENV is not "production". */
  dev?: boolean;
  /** Milliseconds a disconnected session is kept for its tab to come back. Default 120 000. */
  retention?: number;
  /** Milliseconds a rendered page's session waits for its tab to join. Default 60 000. */
  joinTimeout?: number;
  /** Largest message accepted from a browser, in bytes; larger ones close the socket with 1009. Default 1 MiB. */
  maxMessageSize?: number;
  /** Builds the HTML document around a page. Default: `defaultLayout`. */
  layout?: Layout;
  /**
   * Live navigation between pages (see `session.navigate`): pages load the navigation script,
   * which makes links with `t-nav` (on the link or an element around it) and back/forward
   * navigate live. Default true.
   */
  navigation?: boolean;
  /**
   * The page live navigation shows at a path no route serves (its component gets `path` and
   * `query`; title "Not found" unless it says). Default: a short "Page not found" page.
   */
  notFound?: Route;
  /**
   * Receives handler, render and hook errors, with the session they happened in when they
   * happened in one (its `id` and `path`); defaults to console.error.
   */
  onError?: (error: unknown, where: string, session?: ErrorSession) => void;
  /** Default timeout of `executeJs` (waiting), `getJsResult` and `callClient`, in ms. Default 30 000. */
  jsTimeout?: number;
  /** Milliseconds between heartbeats on an idle connection (both sides). Default 15 000. */
  heartbeatInterval?: number;
  /** Milliseconds without an answer after which a connection is taken as dead and closed. Default 10 000. */
  heartbeatTimeout?: number;
  /**
   * Server messages larger than this many bytes are compressed (deflate-raw; long-poll responses
   * with gzip); false turns it off. Default 1024.
   */
  compressionThreshold?: number | false;
  /** Also negotiate the permessage-deflate WebSocket extension (off by default: see TetherSocket.send). */
  perMessageDeflate?: boolean;
  /**
   * Events a tab may send (DOM events, calls, page events, pings). Default `{ burst: 200, perSecond: 100 }`.
   * Past it nothing is refused: the tab's connection is read more slowly. Only a flood far
   * beyond it (30 seconds' worth owed) closes the connection, with 1008.
   */
  rateLimit?: RateLimit;
  /**
   * Milliseconds an async event handler, or a page's async `mount()` hooks, may take before
   * they are reported (onError) and the session moves on: the event is answered with
   * `handler_timeout`, the page is sent as it rendered so far. Default 30 000.
   */
  handlerTimeout?: number;
  /** Bytes of unacknowledged messages kept per tab for replay; a tab further behind gets a fresh mount. Default 8 MiB. */
  maxOutboxBytes?: number;
  /**
   * Bytes a connection may have waiting to be written to its tab (a slow network, or a tab
   * that does not read). Patches and the other numbered messages wait in the outbox once half
   * of it is in use; a connection that has more than this waiting when any message comes
   * (a reply, an error, a pong) is dropped, its session kept for the tab to resume. Default 1 MiB.
   */
  maxBufferedBytes?: number;
  /** Milliseconds a long-poll GET waits for messages before answering with none. Default 25 000. */
  pollTimeout?: number;
  /**
   * Decides who may open any page (before a route's own `authorize`), from the request: return
   * the context components see (`this.session.context`), or `redirect(url)` / `deny(status)`.
   * Runs at the page GET, and at a join that builds a fresh session (after a restart).
   */
  authorize?: Authorize;
  /**
   * Who a context is, for the join tokens that bind a page to its user: a user's id, say. Default:
   * the context's JSON with sorted keys (give this when the context holds more than who it is).
   */
  identify?: Identify;
  /**
   * The key join tokens are signed with: 32 or more random bytes, the same for every process
   * that serves the app. Default: TETHER_SECRET, else a random key of this process (tabs then
   * cannot rejoin after a restart; production warns).
   */
  secret?: string;
  /** Origins other than the server's own whose pages may connect (`https://app.example.com`). Default none. */
  allowedOrigins?: string[];
  /**
   * A proxy in front of the server sets `X-Forwarded-For`, `-Proto` and `-Host`, and they are
   * believed (client addresses, the origin check). Only with such a proxy: clients can send them too. Default false.
   */
  trustProxy?: boolean;
  /**
   * Serve pages with a strict Content-Security-Policy: scripts only with the page's nonce (a new
   * one per page, given to the layout and to a route's `head`), no inline or eval'd code.
   * `executeJs` and `getJsResult` then fail with a JsExecutionError naming the CSP; `callClient` works. Default false.
   */
  csp?: boolean;
  /**
   * Sessions rendered for a page GET whose tab has not joined yet, at most, of every client
   * together; a GET beyond it is answered 503 with Retry-After. Default 10 000.
   */
  maxPendingSessions?: number;
  /**
   * Pending sessions (see maxPendingSessions) of one client address at most: its next GET
   * ends its oldest (that tab, if it ever joins, gets a fresh session). Default 64.
   */
  maxPendingPerClient?: number;
  /**
   * Open connections (WebSocket and long-poll) of one client address at most; one more is
   * refused with 429 and Retry-After. A tab holds one. Default 256.
   */
  maxConnectionsPerClient?: number;
  /**
   * What carries pub/sub and presence: `memoryAdapter()` (this process alone) or
   * `redisAdapter({ url })` (every process on the same Redis). Default: memoryAdapter().
   */
  pubsub?: PubSubAdapter;
  /** Largest pub/sub message (its JSON), in bytes; a larger broadcast throws a RangeError. Default 64 KiB. */
  maxPubSubMessageBytes?: number;
  /**
   * Keep each session's component states in the adapter's store (Redis: where every process
   * sees them), so that a tab whose process died or stopped resumes its session with its state
   * on the process it reconnects to. Default: true when `pubsub` is given, false otherwise.
   */
  sessionSnapshots?: boolean;
  /** The largest session snapshot kept, in bytes; a larger session is not snapshotted (and reported). Default 256 KiB. */
  maxSnapshotBytes?: number;
  /**
   * The app's WebSocket endpoints (see `endpoint`), on the same server. `any`: each endpoint
   * has types of its own for its connections' data and services. Default none.
   */
  endpoints?: Array<Endpoint<any, any>>;
  /**
   * Bytes of files a session may be uploading at once (their declared sizes, until stored); a
   * file beyond it is refused with `busy` before any byte moves. Default 1 GiB.
   */
  maxUploadBytesPerSession?: number;
  /** The same bound for every session of the process together. Default 4 GiB. */
  maxUploadBytesPerProcess?: number;
  /** Where uploads' temporary files go (a directory made in it, removed when the server closes). Default: the system's temporary directory. */
  uploadDirectory?: string;
  /** What every endpoint handler gets as `conn.services`: the app's database, clock, … Default undefined. */
  services?: unknown;
  /**
   * A folder of island modules (README "Islands"): each file's default export is registered as
   * the island of its file name, bundled by esbuild into `<basePath>/islands.js`, which only
   * pages with an island load. Needs `esbuild` installed. Default none.
   */
  islands?: string;
}

/**
 * A server's options with every default filled in, as the parts of the server read them: one
 * object per server, frozen. Two differ in form from TetherOptions: `basePath` has no trailing
 * slash, and `compressionThreshold` is a number (Infinity when compression is off).
 */
export interface ResolvedOptions {
  readonly routes: Readonly<Record<string, Route>>;
  readonly basePath: string;
  readonly dev: boolean;
  readonly retention: number;
  readonly joinTimeout: number;
  readonly maxMessageSize: number;
  readonly layout: Layout;
  readonly navigation: boolean;
  readonly notFound: Route | undefined;
  /** Undefined: each session logs its errors with console.error, naming itself and its page. */
  readonly onError: ((error: unknown, where: string, session?: ErrorSession) => void) | undefined;
  readonly jsTimeout: number;
  readonly heartbeatInterval: number;
  readonly heartbeatTimeout: number;
  readonly compressionThreshold: number;
  readonly perMessageDeflate: boolean;
  readonly rateLimit: RateLimit;
  readonly handlerTimeout: number;
  readonly maxOutboxBytes: number;
  readonly maxBufferedBytes: number;
  readonly pollTimeout: number;
  readonly authorize: Authorize | undefined;
  readonly identify: Identify | undefined;
  /** The key join tokens are signed with. */
  readonly secret: string | Buffer;
  readonly allowedOrigins: ReadonlySet<string>;
  readonly trustProxy: boolean;
  readonly csp: boolean;
  readonly maxPendingSessions: number;
  readonly maxPendingPerClient: number;
  readonly maxConnectionsPerClient: number;
  readonly pubsub: PubSubAdapter;
  readonly maxPubSubMessageBytes: number;
  readonly sessionSnapshots: boolean;
  readonly maxSnapshotBytes: number;
  readonly endpoints: ReadonlyArray<Endpoint<any, any>>;
  readonly services: unknown;
  /** The islands folder, or null. */
  readonly islands: string | null;
  readonly maxUploadBytesPerSession: number;
  readonly maxUploadBytesPerProcess: number;
  readonly uploadDirectory: string | undefined;
}

/** Fills in the documented defaults of `options` (the one place they are decided). */
export function resolveOptions(options: TetherOptions): ResolvedOptions {
  const dev = options.dev ?? process.env.NODE_ENV !== "production";
  return Object.freeze({
    routes: options.routes,
    basePath: (options.basePath ?? "/_tether").replace(/\/$/, ""),
    dev,
    retention: options.retention ?? 120_000,
    joinTimeout: options.joinTimeout ?? 60_000,
    maxMessageSize: options.maxMessageSize ?? 1 << 20,
    layout: options.layout ?? defaultLayout,
    navigation: options.navigation !== false,
    notFound: options.notFound,
    onError: options.onError,
    jsTimeout: checkTimeout(options.jsTimeout ?? 30_000), // refused here, not at the first page
    heartbeatInterval: options.heartbeatInterval ?? 15_000,
    heartbeatTimeout: options.heartbeatTimeout ?? 10_000,
    compressionThreshold: options.compressionThreshold === false ? Infinity : (options.compressionThreshold ?? 1024),
    perMessageDeflate: options.perMessageDeflate === true,
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    handlerTimeout: checkTimeout(options.handlerTimeout ?? 30_000),
    maxOutboxBytes: options.maxOutboxBytes ?? 8 << 20,
    maxBufferedBytes: options.maxBufferedBytes ?? 1 << 20,
    pollTimeout: options.pollTimeout ?? 25_000,
    authorize: options.authorize,
    identify: options.identify,
    secret: resolveSecret(options.secret, process.env.NODE_ENV === "production"),
    allowedOrigins: originSet(options.allowedOrigins),
    trustProxy: options.trustProxy === true,
    csp: options.csp === true,
    maxPendingSessions: options.maxPendingSessions ?? 10_000,
    maxPendingPerClient: options.maxPendingPerClient ?? 64,
    maxConnectionsPerClient: options.maxConnectionsPerClient ?? 256,
    pubsub: options.pubsub ?? memoryAdapter(),
    maxPubSubMessageBytes: options.maxPubSubMessageBytes ?? MAX_MESSAGE_BYTES,
    sessionSnapshots: options.sessionSnapshots ?? options.pubsub !== undefined,
    maxSnapshotBytes: options.maxSnapshotBytes ?? 256 * 1024,
    endpoints: options.endpoints ?? [],
    services: options.services,
    islands: options.islands ?? null,
    maxUploadBytesPerSession: options.maxUploadBytesPerSession ?? 2 ** 30,
    maxUploadBytesPerProcess: options.maxUploadBytesPerProcess ?? 2 ** 32,
    uploadDirectory: options.uploadDirectory,
  });
}

/**
 * How often the server's one sweep runs: half the shortest of its deadlines (heartbeat, join
 * and retention), so that each is met within one period; at least 10 ms.
 */
export function sweepPeriod(options: ResolvedOptions): number {
  return Math.max(10, Math.min(options.heartbeatInterval, options.heartbeatTimeout, options.joinTimeout, options.retention) / 2);
}

/**
 * The silence after which a heartbeat round drops a connection as dead. Its ping went out at
 * the first round after `heartbeatInterval` of silence, which may come up to one sweep period
 * later; counting that period too gives every peer at least `heartbeatTimeout` to answer it.
 */
export function heartbeatDeadline(options: ResolvedOptions): number {
  return options.heartbeatInterval + sweepPeriod(options) + options.heartbeatTimeout;
}
