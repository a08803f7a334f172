import { WebSocket } from "ws";
import { createLink, linkClosed, receiveBinary, receiveText, type JoinHandler, type Link } from "./link.js";
import { SocketConnection } from "./socket-connection.js";

/**
 * The WebSocket class the server creates (ws's `WebSocket` option), holding its per-socket
 * state in fields of its own. It handles the events ws reports on it directly (see `emit`), so
 * that an open connection carries no listeners, no closures and no entry in a Set: an idle
 * server's memory is mostly its sockets.
 */
export class TetherSocket extends WebSocket {
  link: Link | null = null;
  /** Date.now() of the last message or pong. */
  seen = 0;
  /** Neighbours in the server's OpenSockets list (null at its ends, and once closed). */
  prev: TetherSocket | null = null;
  next: TetherSocket | null = null;
  list: OpenSockets | null = null;

  /**
   * ws reports a socket's events by emitting them on it. A Tether socket handles its own here
   * rather than through listeners (one per event per socket, in a per-socket table), so
   * listeners for "message", "pong" and "error" are not called; "close" and any other event
   * still reach listeners as usual. ws passes at most two arguments.
   */
  override emit(event: string | symbol, a?: unknown, b?: unknown): boolean {
    const link = this.link;
    switch (event) {
      case "message":
        this.seen = Date.now();
        if (link === null) return true; // not taken over yet (acceptSocket runs as ws hands the socket over)
        if (b === true) receiveBinary(link);
        else receiveText(link, (a as Buffer).toString());
        releaseReadRoom(this);
        return true;
      case "pong":
        this.seen = Date.now();
        return true;
      case "close":
        this.list?.delete(this);
        if (link !== null) linkClosed(link);
        return super.emit(event, a, b);
      case "error":
        // ws closes the socket itself (1009 too large, 1002 bad framing, 1007 bad UTF-8); "close" cleans up.
        if (process.env.TETHER_DEBUG) console.error("[tether] socket error:", (a as Error).message);
        return true;
      default:
        return super.emit(event, a, b);
    }
  }
}

/**
 * ws's receiver keeps the list of chunks it reads frames from for the socket's life. Once a
 * message is read the list is empty but keeps the room it grew to (17 slots, ~150 bytes per
 * connection, idle most of the time); setting an empty array's length to 0 gives it back.
 * `_receiver._buffers` is private to ws (8.x): without it, this does nothing.
 */
function releaseReadRoom(socket: WebSocket): void {
  const buffers = (socket as unknown as { _receiver?: { _buffers?: unknown[] } })._receiver?._buffers;
  if (buffers !== undefined && buffers.length === 0) buffers.length = 0;
}

/** The open sockets of one server (for the heartbeat and shutdown), linked through the sockets themselves. */
export class OpenSockets {
  private head: TetherSocket | null = null;
  size = 0;

  add(socket: TetherSocket): void {
    socket.list = this;
    socket.next = this.head;
    if (this.head !== null) this.head.prev = socket;
    this.head = socket;
    this.size++;
  }

  delete(socket: TetherSocket): void {
    if (socket.list !== this) return;
    if (socket.prev !== null) socket.prev.next = socket.next;
    else this.head = socket.next;
    if (socket.next !== null) socket.next.prev = socket.prev;
    socket.prev = socket.next = socket.list = null;
    this.size--;
  }

  /** Calls `visit` on every open socket; `visit` may close the one it is given. */
  forEach(visit: (socket: TetherSocket) => void): void {
    for (let socket = this.head; socket !== null; ) {
      const next = socket.next;
      visit(socket);
      socket = next;
    }
  }
}

/** Takes over a new WebSocket. */
export function acceptSocket(ws: WebSocket, handler: JoinHandler, compressionThreshold: number, open: OpenSockets): void {
  const socket = ws as TetherSocket;
  socket.link = createLink(new SocketConnection(ws, compressionThreshold), handler);
  socket.seen = Date.now();
  open.add(socket);
}

/**
 * One heartbeat round over every socket: one silent for `interval` ms is pinged; one silent
 * for `interval + timeout` ms is half-open (its peer went away without a close) and is terminated.
 */
export function heartbeat(open: OpenSockets, now: number, interval: number, timeout: number): void {
  open.forEach((socket) => {
    const idle = now - socket.seen;
    if (idle > interval + timeout) socket.terminate();
    else if (idle >= interval) socket.ping();
  });
}
