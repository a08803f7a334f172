import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { receiveJoinQuery, type ConnectionHost } from "./connection.js";
import { Deflating } from "./deflating.js";
import type { ResolvedOptions } from "./options.js";
import { acceptSocket, heartbeat, OpenSockets, socketClock, TetherSocket, type SocketHost } from "./socket.js";

/**
 * A server's WebSocket upgrades: Tether's socket at `…/ws` becomes a TetherSocket, joined at
 * once if its URL carries the page's first join. Upgrades of other paths are left to the app
 * (WebSocket endpoints of its own will be dispatched here, by path).
 */
export class UpgradeHandler {
  /** What every socket of this server shares, its list of open sockets with it. */
  readonly host: SocketHost;
  private readonly path: string;
  private readonly wss: WebSocketServer;
  private readonly heartbeatInterval: number;
  private readonly heartbeatTimeout: number;

  constructor(host: ConnectionHost, options: ResolvedOptions) {
    this.host = { ...host, compressionThreshold: options.compressionThreshold, deflating: new Deflating(), sockets: new OpenSockets() };
    this.path = `${options.basePath}/ws`;
    this.heartbeatInterval = options.heartbeatInterval;
    this.heartbeatTimeout = options.heartbeatTimeout;
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
    if ((query === -1 ? url : url.slice(0, query)) !== this.path) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      acceptSocket(ws, this.host);
      if (query !== -1) receiveJoinQuery(ws as TetherSocket, url.slice(query), req); // a first join in the URL
    });
    return true;
  }

  /** One heartbeat round over the open sockets (part of the server's one sweep). */
  sweep(): void {
    heartbeat(this.host.sockets, socketClock(), this.heartbeatInterval, this.heartbeatTimeout);
  }

  /** Drops every open socket and stops accepting upgrades. */
  async close(): Promise<void> {
    this.host.sockets.forEach((socket) => socket.terminate());
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
