import type { EndpointConnection } from "./endpoint-connection.js";

/**
 * What an app's WebSocket endpoint does with its connections (Robyn's `WebSocket(app, path)`
 * with its `connect`, `message` and `close` handlers). `Data` is what each connection carries
 * for the app (`conn.data`), `Services` what the app gives every handler (`conn.services`: a
 * database, a clock; from serve's `services`), so handlers need no module-level state.
 */
export interface EndpointHandlers<Data = Record<string, unknown>, Services = unknown> {
  /**
   * A client asks to connect: read `conn.query` and `conn.headers` (a token, a cookie), set
   * `conn.data`, `join` topics. Returning false (or a promise of it) refuses it with 403 before
   * the WebSocket opens; what it sends is sent once it has.
   */
  connect?(conn: EndpointConnection<Data, Services>): boolean | void | Promise<boolean | void>;
  /** A message came: text as a string, binary as a Buffer. */
  message?(conn: EndpointConnection<Data, Services>, data: string | Buffer): unknown;
  /** The connection closed (either side), with the close code and reason. */
  close?(conn: EndpointConnection<Data, Services>, code: number, reason: string): unknown;
}

/** An app's WebSocket endpoint, for serve's (or createTether's) `endpoints`. */
export interface Endpoint<Data = Record<string, unknown>, Services = unknown> {
  readonly path: string;
  readonly handlers: EndpointHandlers<Data, Services>;
  /**
   * Sends `message` to every connection of this endpoint in every process (with `topic`, to
   * those that joined it): a string as text, bytes as binary, anything else as JSON. Works once
   * a server serves the endpoint.
   */
  broadcast(message: unknown, topic?: string): Promise<void>;
  /** @internal The server that serves it sets this: where `broadcast` goes. */
  host: { broadcast(path: string, message: unknown, topic: string | undefined, from: string | undefined): Promise<void> } | null;
}

/**
 * A WebSocket endpoint at `path` on the same server as the pages, Robyn-style:
 *
 *   const chat = endpoint<{ name: string }, { rooms: Rooms }>("/ws/chat", {
 *     connect(conn) { conn.data.name = conn.query.name ?? "guest"; conn.join("lobby"); },
 *     message(conn, data) { conn.broadcast({ from: conn.data.name, text: String(data) }, "lobby"); },
 *   });
 *   serve({ routes, endpoints: [chat], services: { rooms } });
 *
 * Its upgrades are origin-checked as Tether's own are, messages are capped at `maxMessageSize`,
 * and a client that does not read what it is sent is dropped once `maxBufferedBytes` wait.
 */
export function endpoint<Data = Record<string, unknown>, Services = unknown>(path: string, handlers: EndpointHandlers<Data, Services>): Endpoint<Data, Services> {
  if (!path.startsWith("/") || path.includes("?")) throw new TypeError(`Tether: an endpoint's path starts with / and has no query, not ${JSON.stringify(path)}`);
  return {
    path,
    handlers,
    host: null,
    broadcast(message, topic) {
      if (this.host === null) return Promise.reject(new Error(`Tether: the endpoint ${path} is not served yet (give it to serve's endpoints)`));
      return this.host.broadcast(path, message, topic, undefined);
    },
  };
}
