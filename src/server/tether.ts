import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { createElement } from "../template/h.js";
import { LiveSession } from "../session/live-session.js";
import { ErrorCodes, type JoinMessage } from "../protocol/wire.js";
import { loadAsset, RUNTIME_FILES } from "./assets.js";
import { defaultLayout, rootElement, scriptTag, type Layout } from "./page.js";
import { Router, type Route } from "./routes.js";
import { acceptSocket, type ErrorReply, type JoinHandler } from "./socket.js";

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
  const expiry = new Map<LiveSession, NodeJS.Timeout>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageSize ?? 1 << 20 });

  function expireIn(session: LiveSession, ms: number): void {
    clearTimeout(expiry.get(session));
    expiry.set(session, setTimeout(() => session.end("session expired"), ms).unref());
  }

  async function createSession(url: string): Promise<LiveSession | null> {
    const match = router.match(url);
    if (match === null) return null;
    const session = new LiveSession(url, createElement(match.component, match.props as never, [], null, 3), {
      dev,
      jsTimeout: options.jsTimeout,
      onError: options.onError,
      onEnd: (s) => {
        sessions.delete(s.id);
        clearTimeout(expiry.get(s));
        expiry.delete(s);
      },
    });
    sessions.set(session.id, session);
    await session.ready();
    return session;
  }

  const joinHandler: JoinHandler = {
    joinTimeout: 10_000,
    async join(message: JoinMessage): Promise<LiveSession | ErrorReply> {
      const existing = message.sid === null ? undefined : sessions.get(message.sid);
      // A session already in use by another tab (a duplicated tab carries the same id) is not taken over.
      if (existing !== undefined && existing.path === message.path && !existing.isConnected && !existing.isEnded) {
        clearTimeout(expiry.get(existing));
        return existing;
      }
      const session = await createSession(message.path);
      if (session === null) return { code: ErrorCodes.UnknownRoute, message: `no page is served at ${message.path}` };
      return session;
    },
    disconnected(session: LiveSession): void {
      if (!session.isEnded) expireIn(session, retention);
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = req.url ?? "/";
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (url.startsWith(base + "/")) return serveAsset(req, res, url.slice(base.length + 1).split("?")[0]);
    const match = router.match(url);
    if (match === null) return false;
    const session = await createSession(url);
    if (session === null) return false;
    expireIn(session, joinTimeout);
    const body = layout({
      title: match.title,
      head: match.head,
      script: scriptTag(base, dev, match.auroraview),
      root: rootElement(session.id, base, session.toHtml()),
    });
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  function serveAsset(req: IncomingMessage, res: ServerResponse, name: string): boolean {
    const file = RUNTIME_FILES[name];
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

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if ((req.url ?? "").split("?")[0] !== `${base}/ws`) return;
    wss.handleUpgrade(req, socket, head, (ws) => acceptSocket(ws, joinHandler));
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
    async close() {
      for (const session of [...sessions.values()]) session.end("server closing");
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
