import { WebSocket, type WebSocketServer } from "ws";
import { createLink, linkClosed, receiveBinary, receiveText, type JoinHandler, type Link } from "./link.js";
import { SocketConnection } from "./socket-connection.js";


/**
 * The WebSocket class the server creates (ws's `WebSocket` option): the per-socket state in
 * fields of its own, so that listeners can be shared module-level functions (as in ws itself)
 * and a connection costs no closures and no out-of-object property storage.
 */
export class TetherSocket extends WebSocket {
  link: Link | null = null;
  /** Date.now() of the last message or pong. */
  seen = 0;
}

/** Takes over a new WebSocket. */
export function acceptSocket(ws: WebSocket, handler: JoinHandler, compressionThreshold: number): void {
  const socket = ws as TetherSocket;
  socket.link = createLink(new SocketConnection(ws, compressionThreshold), handler);
  socket.seen = Date.now();
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
    const idle = now - socket.seen;
    if (idle > interval + timeout) socket.terminate();
    else if (idle >= interval) socket.ping();
  }
}

function onMessage(this: TetherSocket, data: Buffer, isBinary: boolean): void {
  this.seen = Date.now();
  if (isBinary) receiveBinary(this.link!);
  else receiveText(this.link!, data.toString());
}

function onPong(this: TetherSocket): void {
  this.seen = Date.now();
}

function onClose(this: TetherSocket): void {
  linkClosed(this.link!);
}

function onError(this: WebSocket, error: Error): void {
  // ws closes the socket itself (1009 too large, 1002 bad framing, 1007 bad UTF-8); onClose cleans up.
  if (process.env.TETHER_DEBUG) console.error("[tether] socket error:", error.message);
}
