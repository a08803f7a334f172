import type { WebSocket, WebSocketServer } from "ws";
import { createLink, linkClosed, receiveBinary, receiveText, type JoinHandler, type Link } from "./link.js";
import { SocketConnection } from "./socket-connection.js";


/** Per-socket state, reached through a symbol so listeners can be shared module-level functions. */
const LINK = Symbol("tether.link");
const SEEN = Symbol("tether.seen");
type TetherSocket = WebSocket & { [LINK]: Link; [SEEN]: number };

/**
 * Takes over a new WebSocket. Listeners are module-level functions, not per-connection
 * closures (as in ws itself), so a connection costs only its link object.
 */
export function acceptSocket(ws: WebSocket, handler: JoinHandler, compressionThreshold: number): void {
  const socket = ws as TetherSocket;
  socket[LINK] = createLink(new SocketConnection(ws, compressionThreshold), handler);
  socket[SEEN] = Date.now();
  // ws calls listeners with `this` set to the socket.
  ws.on("message", onMessage as (this: WebSocket, data: Buffer, isBinary: boolean) => void);
  ws.on("close", onClose as (this: WebSocket) => void);
  ws.on("pong", onPong as (this: WebSocket) => void);
  ws.on("error", onError);
}

/**
 * One heartbeat round over every socket: one silent for `interval` ms is pinged; one silent
 * for `interval + timeout` ms is half-open (its peer went away without a close) and is terminated.
 */
export function heartbeat(wss: WebSocketServer, now: number, interval: number, timeout: number): void {
  for (const ws of wss.clients) {
    const socket = ws as TetherSocket;
    const idle = now - socket[SEEN];
    if (idle > interval + timeout) socket.terminate();
    else if (idle >= interval) socket.ping();
  }
}

function onMessage(this: TetherSocket, data: Buffer, isBinary: boolean): void {
  this[SEEN] = Date.now();
  if (isBinary) receiveBinary(this[LINK]);
  else receiveText(this[LINK], data.toString());
}

function onPong(this: TetherSocket): void {
  this[SEEN] = Date.now();
}

function onClose(this: TetherSocket): void {
  linkClosed(this[LINK]);
}

function onError(this: WebSocket, error: Error): void {
  // ws closes the socket itself (1009 too large, 1002 bad framing, 1007 bad UTF-8); onClose cleans up.
  if (process.env.TETHER_DEBUG) console.error("[tether] socket error:", error.message);
}
