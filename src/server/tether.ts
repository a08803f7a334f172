import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Http2SecureServer, Http2Server, Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { LiveSession } from "../session/live-session.js";
import { Presence, PubSub } from "../pubsub/index.js";
import { settlesWithin } from "../session/settles-within.js";
import type { Duplex } from "node:stream";
import { serveAsset } from "./assets.js";
import { IslandsBundle } from "./islands-bundle.js";
import { devHost, type DevHost } from "./dev-host.js";
import { Downloads } from "./downloads.js";
import { ClientConnections } from "./client-connections.js";
import { Endpoints } from "./endpoints.js";
import { JOIN_TIMEOUT, MAX_BAD_MESSAGES, type ConnectionHost } from "./connection.js";
import { Authorizer, defaultIdentify } from "./authorize.js";
import { SessionJoinPolicy } from "./join-policy.js";
import { JoinTokens } from "./join-tokens.js";
import { LongPollEndpoint } from "./long-poll-endpoint.js";
import { Navigation } from "./navigation.js";
import { resolveOptions, sweepPeriod, type TetherOptions } from "./options.js";
import { Pages } from "./pages.js";
import { Router } from "./routes.js";
import { LocalSessionRegistry } from "./session-registry.js";
import { SessionSnapshots } from "./session-snapshots.js";
import { refuseUpgrade, UpgradeHandler } from "./upgrade.js";
import { UploadEndpoint } from "./upload-endpoint.js";
import { Uploads } from "./uploads.js";
import { WindowLinkTokens } from "./window-link-tokens.js";

/**
 * How long the join token of a Mount or Resume stays good: a tab whose server restarted (or
 * whose session expired) rejoins with it within this time, as the same user; later, a reload.
 */
const REJOIN_TOKEN_TTL = 24 * 3600_000;

/**
 * Milliseconds from a session's change to its snapshot: what a process that dies loses at
 * most; the changes of a burst (a typist, a drag) share one write.
 */
const SNAPSHOT_DELAY = 200;

/** Milliseconds a stopping server waits for each of its adapter's last writes (snapshots, leaves). */
const ADAPTER_CLOSE_GRACE = 2000;

/** Tether mounted on an HTTP server of yours (node:http, https, http2, Express, Fastify, Hono, …). */
export interface Tether {
  /**
   * Serves a page or a runtime file; resolves false if the request is not Tether's. Takes
   * node:http's request and response (https's, Express's, Fastify's `raw`, Hono's
   * `c.env.incoming`/`outgoing`) or an HTTP/2 server's.
   */
  handle(req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse): Promise<boolean>;
  /** The same as Connect/Express middleware: `app.use(tether.middleware)`. */
  middleware(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  /**
   * Accepts Tether's WebSocket upgrades on `server`. Other upgrades are left to the server's
   * other "upgrade" listeners; with none, nothing would ever answer them, so they get a 400.
   * WebSockets open over HTTP/1.1: an HTTP/2 server upgrades the HTTP/1.1 connections that its
   * `allowHTTP1` lets in (browsers make one for a WebSocket); without them, tabs use long-poll.
   */
  attach(server: Server | Http2SecureServer | Http2Server): void;
  /** The live sessions, by id. */
  readonly sessions: ReadonlyMap<string, LiveSession>;
  /**
   * How many sessions are waiting for a tab: rendered for a page GET and not joined yet, or
   * disconnected and kept for a resume. Each ends when its time runs out (`joinTimeout`, `retention`).
   */
  readonly expiring: number;
  /** The server's pub/sub: `subscribe` from anywhere in the app (a background job, an HTTP handler). */
  readonly pubsub: PubSub;
  /** The server's presence: `list(topic)`, `track`, `subscribe` from anywhere in the app. */
  readonly presence: Presence;
  /** Sends `message` (JSON data) to every subscriber of `topic`, in every process. */
  broadcast(topic: string, message: unknown): Promise<void>;
  /** Sends `message` to every subscriber of `topic` but those of the session with id `from`. */
  broadcastFrom(from: string, topic: string, message: unknown): Promise<void>;
  /** Ends every session, removes this process's presence and stops accepting sockets. */
  close(): Promise<void>;
}

/**
 * Tether for your HTTP server: its parts composed. The registry holds the sessions, the join
 * policy decides which session a tab's connection joins, and the pages, the runtime's files,
 * the long-poll endpoint and the WebSocket upgrades answer HTTP.
 */
export function createTether(tetherOptions: TetherOptions): Tether {
  return composeTether(tetherOptions).tether;
}

/**
 * A Tether with what its connections share (`host`) and its uploads' way in (`uploads`): a
 * transport of another kind (the test harness's in-process one, `src/testing/`) opens page and
 * upload connections on them as the WebSocket and long-poll transports do, through the same
 * join policy, registry and upload service.
 */
export function composeTether(tetherOptions: TetherOptions): { tether: Tether; host: ConnectionHost; uploads: UploadEndpoint } {
  const dev = devHost();
  const options = resolveOptions(dev === null ? tetherOptions : { ...tetherOptions, onError: reportingTo(dev, tetherOptions.onError) });
  const base = options.basePath;
  const router = new Router(options.routes, options.notFound);
  const tokens = new JoinTokens(options.secret);
  const authorizer = new Authorizer(options.authorize, options.identify, options.trustProxy);
  const identify = options.identify ?? defaultIdentify;
  const pubsub = new PubSub(options.pubsub, { maxMessageBytes: options.maxPubSubMessageBytes, onError: options.onError });
  const presence = new Presence(pubsub);
  // Each Mount and Resume gives the tab a token for its next join (after a restart, say), good for a day.
  const sign = (session: LiveSession) => tokens.sign(session.path, session.id, tokens.identityDigest(identify(session.context)), REJOIN_TOKEN_TTL);
  const report = options.onError ?? ((error: unknown, where: string) => console.error(`[tether] error in ${where}:`, error));
  // Snapshots live as long as the tokens that can claim them (a tab rejoins within a day).
  // Under `tether dev`, an app that keeps no snapshots of its own has its sessions kept across restarts.
  const store = options.sessionSnapshots ? options.pubsub.snapshots : (dev?.snapshots ?? null);
  // The app did not ask for those: a state that cannot be kept is a note in the terminal, not an error in the overlay.
  const snapshotErrors = options.sessionSnapshots ? report : (error: unknown, where: string) => console.warn(`[tether dev] ${where}: ${error instanceof Error ? error.message : String(error)}`);
  const snapshots = store !== null ? new SessionSnapshots(store, { delay: SNAPSHOT_DELAY, maxBytes: options.maxSnapshotBytes, ttl: REJOIN_TOKEN_TTL, onError: snapshotErrors }) : null;
  const downloads = new Downloads(base, report);
  const guarded = options.authorize !== undefined || Object.values(options.routes).some((route) => typeof route !== "function" && route.authorize !== undefined);
  const navigation = new Navigation(router, authorizer, identify, options.layout, guarded, report, options.navigation);
  const uploads = new Uploads({ maxSessionBytes: options.maxUploadBytesPerSession, maxProcessBytes: options.maxUploadBytesPerProcess, directory: options.uploadDirectory, onError: report });
  const windowLinks = new WindowLinkTokens(options.secret);
  const registry = new LocalSessionRegistry(options, sign, { pubsub, presence, downloads, uploads, windowLinks }, snapshots, navigation);
  const host: ConnectionHost = {
    policy: new SessionJoinPolicy(router, registry, authorizer, tokens, navigation),
    registry,
    joinTimeout: JOIN_TIMEOUT,
    maxBadMessages: MAX_BAD_MESSAGES,
    maxBufferedBytes: options.maxBufferedBytes,
    clients: new ClientConnections(options.maxConnectionsPerClient),
  };
  const islands = options.islands === null ? null : new IslandsBundle(options.islands, options.dev, report);
  const pages = new Pages(router, registry, authorizer, tokens, options, uploads);
  const polls = new LongPollEndpoint(host, options);
  const endpoints = options.endpoints.length > 0 ? new Endpoints(options, pubsub, host.clients) : null;
  const uploadEndpoint = new UploadEndpoint(uploads, { ...options, clients: host.clients });
  const upgrades = new UpgradeHandler(host, options, endpoints, uploadEndpoint);
  // One timer for every connection and every session waiting for its tab: a sweep, not a timer
  // each. A deadline is met within one sweep period (see sweepPeriod). The sweep itself runs
  // once the loop has read what arrived meanwhile (setImmediate: after the poll phase, which
  // follows the timers'): after the process was busy for a while, the pongs, polls and resumes
  // that came in the meantime count before any silence is judged.
  let sweeping: NodeJS.Immediate | null = null;
  const sweep = () => {
    sweeping = null;
    const now = Date.now();
    upgrades.sweep();
    endpoints?.sweep(now);
    polls.sweep(now);
    registry.sweep(now);
  };
  const sweeper = setInterval(() => {
    sweeping ??= setImmediate(sweep);
  }, sweepPeriod(options)).unref();

  async function handle(request: IncomingMessage | Http2ServerRequest, response: ServerResponse | Http2ServerResponse): Promise<boolean> {
    // HTTP/2's compatibility API has what Tether uses of node:http's request (url, method,
    // headers, socket, the body's events) and response (writeHead, end, "close"); its requests
    // name their host in `:authority`, not `host` (see origin.ts).
    const req = request as IncomingMessage;
    const res = response as ServerResponse;
    const url = req.url ?? "/";
    if (url.startsWith(`${base}/poll`)) return polls.handle(req, res);
    if (url.startsWith(`${uploadEndpoint.path}?`)) return uploadEndpoint.handle(req, res);
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (dev !== null && url.startsWith(`${base}/dev/`)) {
      dev.handle(req, res, url.slice(base.length + 5).split("?")[0]);
      return true;
    }
    if (downloads.owns(url)) {
      await downloads.handle(req, res);
      return true;
    }
    if (islands !== null && url.split("?")[0] === `${base}/islands.js`) return islands.handle(req, res);
    if (url.startsWith(base + "/")) return serveAsset(req, res, url.slice(base.length + 1).split("?")[0]);
    return pages.handle(req, res);
  }

  const tether: Tether = {
    handle,
    middleware(req, res, next) {
      handle(req, res).then((handled) => handled || next(), next);
    },
    attach(target: Server | Http2SecureServer | Http2Server) {
      // An HTTP/2 server emits "upgrade" as node:http's does, for its HTTP/1.1 connections.
      const server = target as Server;
      server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
        // Asked at the time: the app may add its own listener after attaching Tether.
        if (!upgrades.handle(req, socket, head) && server.listenerCount("upgrade") === 1) refuseUpgrade(socket, 400, "no WebSocket is served at this path");
      });
    },
    sessions: registry.sessions,
    get expiring() {
      return registry.expiring;
    },
    pubsub,
    presence,
    broadcast: (topic, message) => pubsub.broadcast(topic, message),
    broadcastFrom: (from, topic, message) => pubsub.broadcastFrom(from, topic, message),
    async close() {
      clearInterval(sweeper);
      if (sweeping !== null) clearImmediate(sweeping);
      // Sessions changed since their last snapshot are saved before they end (and keep it).
      if (snapshots !== null) await settlesWithin(snapshots.close(), ADAPTER_CLOSE_GRACE);
      polls.close("server closing");
      registry.close("server closing");
      uploadEndpoint.close();
      uploads.closeAll();
      await upgrades.close();
      // After the sessions: their leaves are announced before the adapter's connections close.
      // With Redis unreachable these would wait for its reconnection: a stop waits so long, no longer.
      await settlesWithin(presence.close(), ADAPTER_CLOSE_GRACE);
      await settlesWithin(pubsub.close(), ADAPTER_CLOSE_GRACE);
    },
  };
  dev?.added(registry.sessions, tether.close);
  return { tether, host, uploads: uploadEndpoint };
}

/** Under `tether dev`, errors go to the overlay too, then where they would have gone. */
function reportingTo(dev: DevHost, onError: TetherOptions["onError"]): NonNullable<TetherOptions["onError"]> {
  return (error, where, session) => {
    dev.error(error, where, session?.id);
    if (onError !== undefined) onError(error, where, session);
    else console.error(`[tether] error in ${where}:`, error);
  };
}
