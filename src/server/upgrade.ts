import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { SessionClose } from "../session/channel.js";
import { clientAddress } from "./client-address.js";
import { TRY_AGAIN } from "./client-connections.js";
import { receiveJoinQuery, type ConnectionHost } from "./connection.js";
import { Deflating } from "./deflating.js";
import type { Endpoints } from "./endpoints.js";
import { heartbeatDeadline, type ResolvedOptions } from "./options.js";
import { isAllowedOrigin } from "./origin.js";
import { acceptSocket, heartbeat, socketClock, TetherSocket, type SocketHost } from "./socket.js";
import { OpenSockets } from "./open-sockets.js";

/**
 * How long a stopping server waits for its sockets' closing handshakes: one round trip each,
 * on a healthy line; a line that is dead gets no longer than this.
 */
const CLOSE_GRACE = 1000;

/** Where uploads' sockets go (UploadEndpoint, which imports refuseUpgrade from here: named by its shape, not imported). */
interface UploadUpgrades {
  readonly path: string;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * A server's WebSocket upgrades: Tether's socket at `…/ws` becomes a TetherSocket, joined at
 * once if its URL carries the page's first join. The app's endpoints take the upgrades of
 * their paths (Endpoints); other paths are left to the app's own listeners.
 */
export class UpgradeHandler {
  /** What every socket of this server shares, its list of open sockets with it. */
  readonly host: SocketHost;
  private readonly path: string;
  private readonly wss: WebSocketServer;
  private readonly heartbeatInterval: number;
  private readonly heartbeatDeadline: number;
  private readonly allowedOrigins: ReadonlySet<string>;
  private readonly trustProxy: boolean;
  private readonly endpoints: Endpoints | null;
  private readonly uploads: UploadUpgrades | null;

  constructor(host: ConnectionHost, options: ResolvedOptions, endpoints: Endpoints | null = null, uploads: UploadUpgrades | null = null) {
    this.endpoints = endpoints;
    this.uploads = uploads;
    this.host = { ...host, compressionThreshold: options.compressionThreshold, deflating: new Deflating(), sockets: new OpenSockets() };
    this.path = `${options.basePath}/ws`;
    this.heartbeatInterval = options.heartbeatInterval;
    this.heartbeatDeadline = heartbeatDeadline(options);
    this.allowedOrigins = options.allowedOrigins;
    this.trustProxy = options.trustProxy;
    const compression = options.compressionThreshold;
    this.wss = new WebSocketServer({
      noServer: true,
      WebSocket: TetherSocket,
      // Tether keeps its own list of open sockets (OpenSockets), without a Set entry and a close listener per socket.
      clientTracking: false,
      // TetherSocket answers pings itself, without a closure per socket.
      autoPong: false,
      maxPayload: options.maxMessageSize,
      // Large messages are compressed one by one (see TetherSocket.send); the extension only on request.
      perMessageDeflate: options.perMessageDeflate ? { threshold: compression, serverNoContextTakeover: true, clientNoContextTakeover: true } : false,
    });
  }

  /**
   * Node's "upgrade" event of the HTTP server: takes an upgrade of `…/ws` (false for any other
   * path, which is left alone for the app's own listeners).
   */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = req.url ?? "";
    const query = url.indexOf("?");
    const path = query === -1 ? url : url.slice(0, query);
    if (path === this.uploads?.path) {
      this.uploads.handleUpgrade(req, socket, head);
      return true;
    }
    if (path !== this.path) return this.endpoints?.handle(req, socket, head, path, (status, message, headers) => refuseUpgrade(socket, status, message, headers)) ?? false;
    if (!isAllowedOrigin(req, this.allowedOrigins, this.trustProxy)) {
      // Another site's page: refused before any session or socket exists (invariant 7,
      // "Escaped by default" in ARCHITECTURE.md).
      refuseUpgrade(socket, 403, "this origin may not connect");
      return true;
    }
    const client = this.admit(req, socket);
    if (client === null) return true;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // ws calls this at once (no verifyClient): nothing was counted in between.
      acceptSocket(ws, this.host, this.host.clients.open(client), req);
      if (query !== -1) receiveJoinQuery(ws as TetherSocket, url.slice(query), req); // a first join in the URL
    });
    return true;
  }

  /**
   * The upgrade's client address if that client may open one more connection (see
   * ClientConnections); if not, the upgrade is answered 429 and null.
   */
  private admit(req: IncomingMessage, socket: Duplex): string | null {
    const client = clientAddress(req, this.trustProxy);
    if (this.host.clients.admits(client)) return client;
    refuseUpgrade(socket, 429, "too many connections from this address", TRY_AGAIN);
    return null;
  }

  /** One heartbeat round over the open sockets (part of the server's one sweep). */
  sweep(): void {
    heartbeat(this.host.sockets, socketClock(), this.heartbeatInterval, this.heartbeatDeadline);
  }

  /**
   * Stops: every open socket is closed as going away (a session's is closing already: its
   * session ended first, with the same code), and given CLOSE_GRACE ms to finish the closing
   * handshake, so that its tab reads the code rather than a dropped line, and reconnects. The
   * sockets still open then (a peer that does not answer) are dropped.
   */
  async close(): Promise<void> {
    await this.endpoints?.close();
    this.host.sockets.forEach((socket) => {
      if (socket.readyState === 1) socket.close(SessionClose.GoingAway, "server closing");
    });
    await this.host.sockets.emptied(CLOSE_GRACE);
    this.host.sockets.forEach((socket) => socket.terminate());
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/**
 * Answers an upgrade with an HTTP error and closes its socket: what ws does for a handshake it
 * refuses. Node stops watching an upgrade's socket for errors once it is handed over, so a
 * reset meanwhile is ignored here rather than thrown.
 */
export function refuseUpgrade(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  socket.on("error", ignore);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  let head = `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\n`;
  for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
  socket.once("finish", () => socket.destroy());
  socket.end(`${head}\r\n${message}`);
}

function ignore(): void {}
