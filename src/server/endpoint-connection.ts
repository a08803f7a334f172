import type { IncomingHttpHeaders } from "node:http";
import type { WebSocket } from "ws";
import { randomToken } from "../session/random-token.js";

/** What a connection needs of the endpoints that serve it: topics and broadcasts over pub/sub. */
export interface EndpointHub {
  readonly maxBufferedBytes: number;
  join(conn: EndpointConnection<any, any>, topic: string): void;
  leave(conn: EndpointConnection<any, any>, topic: string): void;
  broadcast(path: string, message: unknown, topic: string | undefined, from: string | undefined): Promise<void>;
}

/**
 * One client's connection to an app's endpoint: its id, its upgrade's query and headers, the
 * app's `data` for it, and what it can do (send text, JSON and bytes, join topics, broadcast,
 * close). `Services` is the app's (`services`).
 */
export class EndpointConnection<Data = Record<string, unknown>, Services = unknown> {
  /** Unique among every process's connections; what `{ id }` answers. */
  readonly id = randomToken(12);
  /** The endpoint's path. */
  readonly path: string;
  /** The upgrade URL's query parameters (the last value of a repeated name). */
  readonly query: Record<string, string>;
  /** The upgrade request's headers. */
  readonly headers: IncomingHttpHeaders;
  /** The app's data for this connection: set it in `connect`. */
  data: Data = {} as Data;
  /** What the app gave every handler (serve's `services`). */
  readonly services: Services;
  /** The topics it joined. */
  readonly topics = new Set<string>();
  /** @internal Its socket, once the WebSocket is open (sends made before wait in `early`). */
  socket: WebSocket | null = null;
  /** @internal Sends made in `connect`, before the socket opened. */
  early: Array<string | Buffer> | null = null;
  /** @internal When the client last showed it is there (a message or a pong), Date.now() ms: the heartbeat's clock. */
  seen = Date.now();
  private readonly hub: EndpointHub;

  constructor(path: string, query: Record<string, string>, headers: IncomingHttpHeaders, services: Services, hub: EndpointHub) {
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.services = services;
    this.hub = hub;
  }

  /** Sends text. */
  send(text: string): void {
    this.write(text);
  }

  /** Sends `value` as JSON text. */
  sendJson(value: unknown): void {
    this.write(JSON.stringify(value));
  }

  /** Sends bytes as one binary message. */
  sendBytes(bytes: Uint8Array): void {
    this.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /**
   * Sends to every other connection of this endpoint, in every process (with `topic`, to those
   * that joined it): a string as text, bytes as binary, anything else as JSON.
   */
  broadcast(message: unknown, topic?: string): Promise<void> {
    return this.hub.broadcast(this.path, message, topic, this.id);
  }

  /** Receives what is broadcast to `topic` (on this endpoint) until it leaves it or closes. */
  join(topic: string): void {
    if (this.topics.has(topic)) return;
    this.topics.add(topic);
    this.hub.join(this, topic);
  }

  leave(topic: string): void {
    if (this.topics.delete(topic)) this.hub.leave(this, topic);
  }

  /** Closes the connection with `code` (default 1000) and `reason`. */
  close(code = 1000, reason = ""): void {
    const socket = this.socket;
    if (socket !== null) socket.close(code, reason);
    else this.early = null;
  }

  /** @internal A text or binary message, sent or (before the socket opened) queued. */
  write(data: string | Buffer): void {
    const socket = this.socket;
    if (socket === null) {
      (this.early ??= []).push(data);
      return;
    }
    if (socket.readyState !== 1) return;
    // A client that does not read: what waits for it is capped, as for a session's tab.
    if (socket.bufferedAmount + data.length > this.hub.maxBufferedBytes) {
      socket.terminate();
      return;
    }
    socket.send(data, { binary: typeof data !== "string" });
  }
}
