import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { LiveSession, type LiveSessionOptions } from "../session/live-session.js";
import { ErrorCodes, type JoinMessage } from "../protocol/wire.js";
import { loadAsset, RUNTIME_FILES } from "./assets.js";
import { defaultLayout, rootElement, scriptTag, type Layout } from "./page.js";
import { Router, type Route } from "./routes.js";
import { acceptSocket, heartbeat, OpenSockets, socketClock, TetherSocket, type SocketHandler } from "./socket.js";
import { receiveJoinQuery, type ErrorReply, type Joined } from "./connection.js";
import { GONE, LongPollTransport, readBody } from "./long-poll.js";
import type { RateLimit } from "../session/rate-limit.js";

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
  /** Builds the HTML document around a page. */
  layout?: Layout;
  /** Receives handler, render and hook errors; defaults to console.error. */
  onError?: (error: unknown, where: string) => void;
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
  /** Events a tab may send (DOM events, calls, page events). Default `{ burst: 200, perSecond: 100 }`. */
  rateLimit?: RateLimit;
  /** Bytes of unacknowledged messages kept per tab for replay; a tab further behind gets a fresh mount. Default 8 MiB. */
  maxOutboxBytes?: number;
  /** Milliseconds a long-poll GET waits for messages before answering with none. Default 25 000. */
  pollTimeout?: number;
}

/** Tether mounted on an HTTP server of yours (node:http, Express, Fastify, …). */
export interface Tether {
  /** Serves a page or a runtime file; resolves false if the request is not Tether's. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** The same as Connect/Express middleware: `app.use(tether.middleware)`. */
  middleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  /** Accepts Tether's WebSocket upgrades on `server`; other upgrades are left alone. */
  attach(server: Server): void;
  /** The live sessions, by id. */
  readonly sessions: ReadonlyMap<string, LiveSession>;
  /**
   * How many sessions are waiting for a tab: rendered for a page GET and not joined yet, or
   * disconnected and kept for a resume. Each ends when its time runs out (`joinTimeout`, `retention`).
   */
  readonly expiring: number;
  /** Ends every session and stops accepting sockets. */
  close(): Promise<void>;
}

export function createTether(options: TetherOptions): Tether {
  const base = (options.basePath ?? "/_tether").replace(/\/$/, "");
  const dev = options.dev ?? process.env.NODE_ENV !== "production";
  const retention = options.retention ?? 120_000;
  const joinTimeout = options.joinTimeout ?? 60_000;
  const layout = options.layout ?? defaultLayout;
  const router = new Router(options.routes);
  const sessions = new Map<string, LiveSession>();
  /** Sessions waiting for a tab, and when they end if none comes (Date.now() ms): swept, not a timer each. */
  const expiry = new Map<LiveSession, number>();
  const maxMessageSize = options.maxMessageSize ?? 1 << 20;
  const heartbeatInterval = options.heartbeatInterval ?? 15_000;
  const heartbeatTimeout = options.heartbeatTimeout ?? 10_000;
  const pollTimeout = options.pollTimeout ?? 25_000;
  const compression = options.compressionThreshold === false ? Infinity : (options.compressionThreshold ?? 1024);
  const wss = new WebSocketServer({
    noServer: true,
    WebSocket: TetherSocket,
    // Tether keeps its own list of open sockets (OpenSockets), without a Set entry and a close listener per socket.
    clientTracking: false,
    // TetherSocket answers pings itself, without a closure per socket.
    autoPong: false,
    maxPayload: maxMessageSize,
    // Large messages are compressed one by one (see TetherSocket.send); the extension only on request.
    perMessageDeflate: options.perMessageDeflate === true ? { threshold: compression, serverNoContextTakeover: true, clientNoContextTakeover: true } : false,
  });
  const sockets = new OpenSockets();
  const polls = new Map<string, LongPollTransport>();
  // One timer for every connection and every session waiting for its tab: a sweep, not a timer
  // each. A deadline is met within one sweep period (half the shortest of them).
  const sweeper = setInterval(() => {
    const now = Date.now();
    heartbeat(sockets, socketClock(), heartbeatInterval, heartbeatTimeout);
    for (const poll of polls.values()) if (!poll.isAlive(now, pollTimeout + heartbeatTimeout)) poll.close(1001, "stopped polling");
    // end() removes the session from `expiry` (onEnd): a Map may lose entries while iterated.
    for (const [session, deadline] of expiry) if (deadline <= now) session.end("session expired");
  }, Math.max(10, Math.min(heartbeatInterval, heartbeatTimeout, joinTimeout, retention) / 2)).unref();

  function expireIn(session: LiveSession, ms: number): void {
    expiry.set(session, Date.now() + ms);
  }

  /** A tab has the session: it no longer expires. */
  function cancelExpiry(session: LiveSession): void {
    expiry.delete(session);
  }

  // One options object for every session of this server (not one per session).
  const sessionOptions: LiveSessionOptions = {
    dev,
    jsTimeout: options.jsTimeout,
    heartbeat: [heartbeatInterval, heartbeatTimeout],
    rateLimit: options.rateLimit,
    maxOutboxBytes: options.maxOutboxBytes,
    maxMessageSize,
    onError: options.onError,
    onEnd(session) {
      sessions.delete(session.id);
      cancelExpiry(session);
    },
  };

  async function createSession(url: string, match = router.match(url)): Promise<LiveSession | null> {
    if (match === null) return null;
    const session = new LiveSession(url, match.content, sessionOptions);
    sessions.set(session.id, session);
    await session.ready();
    return session;
  }

  const joinHandler: SocketHandler = {
    joinTimeout: 10_000,
    maxBadMessages: 100,
    compressionThreshold: compression,
    sockets,
    async join(message: JoinMessage): Promise<Joined | ErrorReply> {
      const existing = message.sid === null ? undefined : sessions.get(message.sid);
      if (existing !== undefined && existing.path === message.path && !existing.isEnded) {
        // The tab that holds the session proves it with the token of its last mount, and resumes.
        if (message.rt !== undefined && existing.holdsToken(message.rt)) {
          cancelExpiry(existing);
          return { session: existing, resumeFrom: message.s ?? 0 };
        }
        // The first join of a page this server rendered. A copy of that page's HTML (a
        // duplicated tab) finds the session taken and gets a fresh one below.
        if (message.rt === undefined && !existing.wasMounted && !existing.isConnected) {
          cancelExpiry(existing);
          return { session: existing, resumeFrom: null };
        }
      }
      const session = await createSession(message.path);
      if (session === null) return { code: ErrorCodes.UnknownRoute, message: `no page is served at ${message.path}` };
      return { session, resumeFrom: null };
    },
    disconnected(session: LiveSession): void {
      // An old connection that a resume already replaced closing is no reason to expire.
      if (!session.isEnded && !session.isConnected) expireIn(session, retention);
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? "/";
    if (url.startsWith(`${base}/poll`)) return longPoll(req, res, new URL(url, "http://localhost").searchParams.get("c"));
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (url.startsWith(base + "/")) return serveAsset(req, res, url.slice(base.length + 1).split("?")[0]);
    const match = router.match(url);
    if (match === null) return false;
    if (req.method === "HEAD") {
      // A HEAD gets the headers of the page without a session being made for nobody.
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end();
      return true;
    }
    const session = await createSession(url, match);
    if (session === null) return false;
    expireIn(session, joinTimeout);
    const body = layout({
      title: match.title,
      head: match.head,
      script: scriptTag(base, dev, match.auroraview),
      root: rootElement(session.id, base, session.toHtml()),
    });
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(body);
    return true;
  }

  function serveAsset(req: IncomingMessage, res: ServerResponse, name: string): boolean {
    const file = Object.hasOwn(RUNTIME_FILES, name) ? RUNTIME_FILES[name] : undefined;
    const asset = file === undefined ? null : loadAsset(file);
    if (asset === null) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end(file === undefined ? "not found" : `${file} is not built: run \`npm run build\``);
      return true;
    }
    if (req.headers["if-none-match"] === asset.etag) {
      res.writeHead(304, { etag: asset.etag });
      res.end();
      return true;
    }
    res.writeHead(200, { "content-type": asset.type, etag: asset.etag, "cache-control": "no-cache" });
    res.end(req.method === "HEAD" ? undefined : asset.body);
    return true;
  }

  /** `POST …/poll` opens a connection (answering its id) or carries messages; `GET …/poll?c=id` waits for them. */
  async function longPoll(req: IncomingMessage, res: ServerResponse, id: string | null): Promise<boolean> {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(body));
    };
    let connection = id === null ? undefined : polls.get(id);
    if (id !== null && (connection === undefined || (connection.isClosed && req.method !== "GET"))) {
      json(410, { m: [], close: [GONE, "unknown connection"] });
      return true;
    }
    // A closed connection still answers one GET: its last messages and why it was closed.
    if (req.method === "GET" && connection !== undefined) {
      connection.poll(res, /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? compression : Infinity);
      return true;
    }
    if (req.method !== "POST") {
      json(405, { error: "use GET …/poll?c=<id> or POST …/poll" });
      return true;
    }
    const body = await readBody(req, maxMessageSize * 4);
    if (body === null) {
      json(413, { error: `a poll body may not exceed ${maxMessageSize * 4} bytes` });
      return true;
    }
    if (connection === undefined) {
      connection = new LongPollTransport(joinHandler, pollTimeout, (c) => polls.delete(c.id));
      polls.set(connection.id, connection);
    }
    connection.receive(body);
    json(200, { c: connection.id });
    return true;
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = req.url ?? "";
    const query = url.indexOf("?");
    if ((query === -1 ? url : url.slice(0, query)) !== `${base}/ws`) return;
    wss.handleUpgrade(req, socket, head, (ws) => {
      acceptSocket(ws, joinHandler);
      if (query !== -1) receiveJoinQuery(ws as TetherSocket, url.slice(query)); // a first join in the URL
    });
  }

  return {
    handle,
    middleware(req, res, next) {
      handle(req, res).then((handled) => handled || next(), next);
    },
    attach(server: Server) {
      server.on("upgrade", onUpgrade);
    },
    sessions,
    get expiring() {
      return expiry.size;
    },
    async close() {
      clearInterval(sweeper);
      for (const poll of [...polls.values()]) poll.close(1001, "server closing");
      for (const session of [...sessions.values()]) session.end("server closing");
      sockets.forEach((socket) => socket.terminate());
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
