import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { ENDPOINT_CHANNEL, type JsonValue, type PubSub, type Unsubscribe } from "../pubsub/index.js";
import { clientAddress } from "./client-address.js";
import { TRY_AGAIN, type ClientConnections, type ClientRecord } from "./client-connections.js";
import type { Endpoint } from "./endpoint.js";
import { EndpointConnection, type EndpointHub } from "./endpoint-connection.js";
import { heartbeatDeadline, type ResolvedOptions } from "./options.js";
import { isAllowedOrigin } from "./origin.js";

/** What a broadcast to an endpoint's connections is on pub/sub: text or base64 bytes, and the sender to skip. */
interface Broadcast {
  t?: string;
  b?: string;
  f?: string;
}

/**
 * The pub/sub channel of an endpoint's broadcasts to all (`topic` undefined) or to one topic's
 * members: in the endpoints' namespace, apart from the app's own topics.
 */
const channelOf = (path: string, topic: string | undefined) => ENDPOINT_CHANNEL + (topic === undefined ? path : `${path}#${topic}`);

/**
 * The app's WebSocket endpoints on one server: upgrades of their paths (origin-checked and
 * counted per client as Tether's own), their open connections, and broadcasts, which go over
 * the server's pub/sub so that they reach the connections of every process. A process listens
 * to each endpoint's topic once, and to a topic of an endpoint while one of its connections
 * is a member.
 */
export class Endpoints implements EndpointHub {
  readonly maxBufferedBytes: number;
  private readonly byPath = new Map<string, Endpoint<any, any>>();
  private readonly wss: WebSocketServer;
  /** Open connections and topic members, by pub/sub channel (see channelOf). */
  private readonly members = new Map<string, Set<EndpointConnection<any, any>>>();
  private readonly listening = new Map<string, Unsubscribe>();
  private readonly options: ResolvedOptions;
  private readonly pubsub: PubSub;
  private readonly clients: ClientConnections;

  constructor(options: ResolvedOptions, pubsub: PubSub, clients: ClientConnections) {
    this.options = options;
    this.pubsub = pubsub;
    this.clients = clients;
    this.maxBufferedBytes = options.maxBufferedBytes;
    for (const endpoint of options.endpoints) {
      if (endpoint.path.startsWith(`${options.basePath}/`)) throw new Error(`Tether: the endpoint ${endpoint.path} is under Tether's own ${options.basePath}/`);
      if (this.byPath.has(endpoint.path)) throw new Error(`Tether: two endpoints at ${endpoint.path}`);
      this.byPath.set(endpoint.path, endpoint);
      endpoint.host = this;
    }
    this.wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: options.maxMessageSize, perMessageDeflate: false });
  }

  /** Takes an upgrade of an endpoint's path (false for any other path). */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer, path: string, refuse: (status: number, message: string, headers?: Record<string, string>) => void): boolean {
    const endpoint = this.byPath.get(path);
    if (endpoint === undefined) return false;
    if (!isAllowedOrigin(req, this.options.allowedOrigins, this.options.trustProxy)) {
      refuse(403, "this origin may not connect");
      return true;
    }
    const client = clientAddress(req, this.options.trustProxy);
    if (!this.clients.admits(client)) {
      refuse(429, "too many connections from this address", TRY_AGAIN);
      return true;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const conn = new EndpointConnection(path, Object.fromEntries(url.searchParams), req.headers, this.options.services, this);
    Promise.resolve()
      .then(() => endpoint.handlers.connect?.(conn))
      .then(
        (admitted) => {
          if (admitted === false) {
            this.forget(conn);
            return refuse(403, "refused");
          }
          if (!socket.writable) return this.forget(conn);
          this.wss.handleUpgrade(req, socket, head, (ws) => this.open(endpoint, conn, ws, this.clients.open(client)));
        },
        (error: unknown) => {
          this.forget(conn);
          this.report(error, `${path} connect`);
          refuse(500, "the endpoint failed");
        },
      );
    return true;
  }

  private open(endpoint: Endpoint<any, any>, conn: EndpointConnection<any, any>, ws: WebSocket, record: ClientRecord): void {
    conn.socket = ws;
    this.join(conn, undefined);
    const early = conn.early;
    conn.early = null;
    if (early !== null) for (const data of early) conn.write(data);
    const { message, close } = endpoint.handlers;
    ws.on("pong", () => (conn.seen = Date.now()));
    ws.on("message", (data: RawData, binary: boolean) => {
      conn.seen = Date.now();
      if (message === undefined) return;
      try {
        const result = message(conn, binary ? toBuffer(data) : toBuffer(data).toString("utf8"));
        if (result instanceof Promise) result.catch((error: unknown) => this.report(error, `${endpoint.path} message`));
      } catch (error) {
        this.report(error, `${endpoint.path} message`);
      }
    });
    ws.on("error", () => {}); // a reset or a bad frame: "close" follows
    ws.once("close", (code: number, reason: Buffer) => {
      this.clients.close(record);
      this.forget(conn);
      try {
        const result = close?.(conn, code, reason.toString());
        if (result instanceof Promise) result.catch((error: unknown) => this.report(error, `${endpoint.path} close`));
      } catch (error) {
        this.report(error, `${endpoint.path} close`);
      }
    });
  }

  /** A connection is gone (or never opened): out of every topic. */
  private forget(conn: EndpointConnection<any, any>): void {
    this.leave(conn, undefined);
    for (const topic of conn.topics) this.leave(conn, topic);
    conn.topics.clear();
  }

  join(conn: EndpointConnection<any, any>, topic: string | undefined): void {
    const channel = channelOf(conn.path, topic);
    let set = this.members.get(channel);
    if (set === undefined) {
      this.members.set(channel, (set = new Set()));
      this.listening.set(channel, this.pubsub.on(channel, (message) => this.deliver(channel, message), undefined));
    }
    set.add(conn);
  }

  leave(conn: EndpointConnection<any, any>, topic: string | undefined): void {
    const channel = channelOf(conn.path, topic);
    const set = this.members.get(channel);
    if (set === undefined || !set.delete(conn) || set.size > 0) return;
    this.members.delete(channel);
    this.listening.get(channel)?.();
    this.listening.delete(channel);
  }

  broadcast(path: string, message: unknown, topic: string | undefined, from: string | undefined): Promise<void> {
    const payload: Broadcast = typeof message === "string" ? { t: message } : message instanceof Uint8Array ? { b: Buffer.from(message).toString("base64") } : { t: JSON.stringify(message) };
    if (typeof message !== "string" && !(message instanceof Uint8Array)) JSON.parse(payload.t!); // undefined and functions have no JSON
    if (from !== undefined) payload.f = from;
    return this.pubsub.send(channelOf(path, topic), payload as JsonValue, undefined);
  }

  private deliver(channel: string, message: JsonValue): void {
    const set = this.members.get(channel);
    if (set === undefined) return;
    const { t, b, f } = message as Broadcast;
    const data = t ?? Buffer.from(b ?? "", "base64");
    for (const conn of set) if (conn.id !== f) conn.write(data);
  }

  private report(error: unknown, where: string): void {
    if (this.options.onError) this.options.onError(error, where);
    else console.error(`[tether] error in the endpoint ${where}:`, error);
  }

  /**
   * One heartbeat round (part of the server's one sweep): a connection silent for
   * `heartbeatInterval` is pinged, one silent until its deadline (heartbeatDeadline: its ping
   * unanswered for `heartbeatTimeout`) is dropped (its network died without a word), as
   * Tether's own sockets are.
   */
  sweep(now: number): void {
    const interval = this.options.heartbeatInterval;
    const deadline = heartbeatDeadline(this.options);
    for (const conn of this.connections()) {
      const socket = conn.socket;
      if (socket === null || socket.readyState !== 1) continue;
      const silent = now - conn.seen;
      if (silent > deadline) socket.terminate();
      else if (silent >= interval) socket.ping();
    }
  }

  /** Every open connection of every endpoint. */
  private connections(): Set<EndpointConnection<any, any>> {
    const all = new Set<EndpointConnection<any, any>>();
    for (const [channel, set] of this.members) if (!channel.includes("#")) for (const conn of set) all.add(conn);
    return all;
  }

  /** Closes every connection as going away, and stops listening. */
  async close(): Promise<void> {
    for (const conn of this.connections()) conn.close(1001, "server closing");
    for (const off of this.listening.values()) off();
    this.listening.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

function toBuffer(data: RawData): Buffer {
  return Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
