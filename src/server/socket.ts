import type { IncomingMessage } from "node:http";
import type { Duplex, Writable } from "node:stream";
import { deflateRawSync } from "node:zlib";
import { WebSocket } from "ws";
import type { Transport } from "../session/channel.js";
import type { LiveSession } from "../session/live-session.js";
import { ClientConnections, type ClientRecord } from "./client-connections.js";
import { COMPRESS_OFF_LOOP_FROM, DEFLATE_OPTIONS, Deflating } from "./deflating.js";
import { readTextFrame, writeTextFrame } from "./text-frame.js";
import { OpenSockets } from "./open-sockets.js";
import { connectionClosed, openConnection, receiveBinary, receiveText, type Connection, type ConnectionHost } from "./connection.js";

/**
 * The WebSocket class the server creates (ws's `WebSocket` option). It is its own connection
 * (see connection.ts) and its own transport, holding that state in fields of its own, and it
 * handles the events ws reports on it directly (see `emit`): an open connection carries no
 * listeners, no closures, no entry in a Set and no other object. An idle server's memory is
 * mostly its sockets.
 */
export class TetherSocket extends WebSocket implements Connection, Transport {
  // Connection (set by acceptSocket; `open` stays false until then). What is the same for every
  // socket of a server (its compression threshold, its list of sockets) is in the host.
  host: SocketHost = NOT_ACCEPTED;
  client: ClientRecord | null = null;
  session: LiveSession | null = null;
  joining = false;
  open = false;
  badMessages = 0;
  timer: NodeJS.Timeout | null = null;
  request: IncomingMessage | null = null;
  /** When the last message or pong came, on the socket clock (see `socketClock`). */
  seen = 0;
  /** Neighbours in the server's OpenSockets list (null at its ends, and once closed). */
  prev: TetherSocket | null = null;
  next: TetherSocket | null = null;

  // ws makes it as `new WebSocket(null, undefined, options)`; the arguments pass through as they come.
  constructor(...args: any[]) {
    super(...(args as ConstructorParameters<typeof WebSocket>));
    // EventEmitter gives every emitter a table of listeners, a dictionary object of ~200 bytes.
    // A Tether socket handles its events itself (see `emit`) and usually has no listener, so it
    // goes without until one is added: Node's EventEmitter makes the table on the first `on`
    // and reads a missing one as "no listeners" (the state before its constructor ran).
    (this as unknown as { _events: undefined })._events = undefined;
    // ws gives every socket an empty object for its negotiated extensions (~50 bytes), which
    // ws replaces with one of its own when an extension is negotiated and otherwise only reads.
    (this as unknown as { _extensions: object })._extensions = NO_EXTENSIONS;
  }

  /**
   * ws's `setSocket`, which gives the connection its TCP socket and ws's receiver; then the
   * socket's reads go to readFrames first (see below), which hands the receiver what it leaves.
   */
  setSocket(socket: Duplex, head: Buffer, options: object): void {
    (WebSocket.prototype as unknown as WsSetSocket).setSocket.call(this, socket, head, options);
    readFramesOf(socket, this);
  }

  /** A socket is its own transport: a getter, not a field every socket would carry. */
  get transport(): Transport {
    return this;
  }

  /**
   * A session's message: text as is, and one at least the server's compression threshold
   * long as one deflate-raw binary frame, which the runtime inflates with DecompressionStream.
   * A long one (COMPRESS_OFF_LOOP_FROM, a large mount) is deflated on zlib's thread pool, and
   * what the socket sends meanwhile waits for it (see Deflating), so the other sessions of the
   * process are served while it is.
   *
   * Why not permessage-deflate: with it, ws compresses every message unless context takeover
   * is off, browsers compress every small event (which the server must then inflate), and each
   * connection holds zlib state. Compressing only the large messages (a mount, a big patch),
   * one at a time and statelessly, costs small messages nothing and sessions no memory.
   * A small one (every event's patch) is written as one buffer (see writeTextFrame).
   */
  override send(data: string): void {
    if (this.readyState !== 1 || this.overflows()) return;
    const host = this.host;
    if (host.deflating.holds(this, data)) return;
    if (data.length < host.compressionThreshold) {
      if (!writeTextFrame(this, data)) super.send(data);
    } else if (data.length < COMPRESS_OFF_LOOP_FROM) this.sendDeflated(deflateRawSync(data, DEFLATE_OPTIONS));
    else host.deflating.start(this, data);
  }

  /** Writes a deflated message as one binary frame (nothing once the socket is closing). */
  sendDeflated(data: Buffer): void {
    if (this.readyState === 1) super.send(data, { binary: true });
  }

  /**
   * True, and the socket dropped, if it has more than the server's `maxBufferedBytes` waiting
   * to be written: every message counts, replies, errors and pongs included, so a tab that
   * sends and does not read cannot make the server buffer for it without end. It is dropped at
   * once rather than closed with a code: a close frame would wait behind what it does not read,
   * and so would the memory. Its session waits for it to resume, as after any dropped connection.
   */
  overflows(): boolean {
    if (this.bufferedAmount + this.host.deflating.bytesWaiting(this) <= this.host.maxBufferedBytes) return false;
    this.terminate();
    return true;
  }

  /**
   * The session's rate limit: reads nothing more from the tab for `ms` milliseconds, so what
   * it sends meanwhile waits in the network (TCP's window, then the page), and the server holds
   * none of it. ws's own pause: the socket stops reading, and a message already read is still
   * handled. One timer per pause, none per socket; it checks again when it fires, as more may
   * be owed by then (the rest of a read that was under way).
   */
  pauseReading(ms: number): void {
    if (this.isPaused || this.readyState !== 1) return;
    this.pause();
    setTimeout(resumeReading, ms, this).unref();
  }

  /**
   * Closing, by either side (ws calls this when the peer's close frame comes): first the
   * streams' `end` stops making errors nobody reads (see endQuietly), then ws closes as usual.
   */
  override close(code?: number, data?: string | Buffer): void {
    endsQuietly(this);
    super.close(code, data);
  }

  /**
   * ws reports a socket's events by emitting them on it. A Tether socket handles its own here
   * rather than through listeners (one per event per socket, in a per-socket table), so
   * listeners for "message", "pong" and "error" are not called; "close" and any other event
   * still reach listeners as usual. ws passes at most two arguments.
   */
  override emit(event: string | symbol, a?: unknown, b?: unknown): boolean {
    switch (event) {
      case "message":
        onMessage(this, a as Buffer, b === true);
        return true;
      case "pong":
        this.seen = socketClock();
        return true;
      case "ping":
        answerPing(this, a as Buffer);
        return true;
      case "close":
        this.host.sockets.delete(this);
        if (this.open) connectionClosed(this);
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

/** The extensions of every socket that negotiated none (see the constructor). */
const NO_EXTENSIONS = Object.freeze({});

interface WsSetSocket {
  setSocket(socket: Duplex, head: Buffer, options: object): void;
}

type DataListener = ((this: Duplex, chunk: Buffer) => void) & { listener?: DataListener };

/** ws's listener for a socket's reads, and the key under which ws keeps a socket's WebSocket: found on the first socket. */
let wsOnData: DataListener | null | undefined;
let wsKey: symbol | undefined;

/**
 * Puts readFrames in the place of ws's listener for `socket`'s reads, if ws's internals are as
 * in ws 8 (its listener on the socket, the socket's WebSocket under a symbol); otherwise ws
 * reads all. ws's listener is the same function for every socket, found on the first (by its
 * name, or as the only one) and looked for on each. readFrames stands for it (EventEmitter's
 * `listener` property, as `once` wrappers do), so that ws's own removal of it (on a framing
 * error, at close) removes readFrames.
 */
function readFramesOf(socket: Duplex, ws: TetherSocket): void {
  const listeners = socket.listeners("data") as DataListener[];
  if (wsOnData === undefined) {
    wsOnData = listeners.find((listener) => listener.name === "socketOnData") ?? (listeners.length === 1 ? listeners[0]! : null);
    wsKey = Object.getOwnPropertySymbols(socket).find((key) => key.description === "websocket");
    if (wsOnData !== null) readFrames.listener = wsOnData;
  }
  if (wsOnData === null || wsKey === undefined || (socket as unknown as Record<symbol, unknown>)[wsKey] !== ws || !listeners.includes(wsOnData)) return;
  socket.removeListener("data", wsOnData);
  socket.on("data", readFrames);
}

/**
 * A socket's read. One whole text frame, the most a tab sends at a time (an event, an ack), is
 * read here and handed over as its message (readTextFrame); anything else goes to ws's
 * receiver as it came. ws's receiver is a stream: a read passed through it costs a stream
 * write, its callback's tick, a frame parser's state machine and two emits, a sixth of an
 * event's instructions on the server.
 */
const readFrames: DataListener = function (this: Duplex, chunk: Buffer): void {
  const ws = (this as unknown as Record<symbol, TetherSocket | undefined>)[wsKey!];
  if (ws !== undefined && ws.readyState === 1) {
    const text = readTextFrame(ws, chunk);
    if (text !== null) {
      onMessage(ws, text, false);
      return;
    }
  }
  wsOnData!.call(this, chunk);
};

/** A message of the socket's peer, from ws's receiver or from readFrames. */
function onMessage(socket: TetherSocket, data: Buffer, binary: boolean): void {
  socket.seen = socketClock();
  // Not taken over yet (acceptSocket runs as ws hands the socket over), or closing: ws
  // still hands over the rest of a read after a close (a flood, too many bad messages).
  if (!socket.open || socket.readyState !== 1) return;
  if (binary) receiveBinary(socket);
  else receiveText(socket, data, null); // checked to be UTF-8
  // Before the join (idle sessions are mostly sockets that only joined): here. After it,
  // at the next heartbeat round, off the path of every event (a runtime call each time).
  if (socket.session === null) releaseReadRoom(socket);
}

/** What a server gives its sockets: its connections' host, with what is the same for every socket. */
export interface SocketHost extends ConnectionHost {
  /** Texts at least this long are sent as one deflate-raw binary frame (Infinity: none). */
  readonly compressionThreshold: number;
  /** The sockets with a large message being deflated, and what waits behind it. */
  readonly deflating: Deflating;
  /** The server's open sockets. */
  readonly sockets: OpenSockets<TetherSocket>;
}

/**
 * A ping gets its pong (RFC 6455 5.5.2), answered here rather than by ws's autoPong, which
 * gives every socket a closure of its own for it (~100 bytes) although browsers never ping.
 * A pong counts toward the socket's buffer like any message: a peer that pings and does not
 * read is dropped (see overflows).
 */
function answerPing(socket: TetherSocket, data: Buffer): void {
  if (socket.readyState !== 1 || socket.overflows()) return;
  socket.pong(data, false);
}

/** A paused socket's timer (see pauseReading): resumes it once nothing is owed. */
function resumeReading(socket: TetherSocket): void {
  if (socket.readyState !== 1) return;
  const wait = socket.session?.readingDelay ?? 0;
  if (wait > 0) {
    setTimeout(resumeReading, wait, socket).unref();
    return;
  }
  socket.seen = socketClock(); // it could not be heard while it was not read
  socket.resume();
}

/**
 * The time a socket's `seen` is read on: milliseconds since the module loaded, as a 32-bit
 * integer, which V8 keeps inside the socket (Date.now() would be a number boxed in an object of
 * its own, 16 bytes per socket). It wraps around every 49 days; differences taken with
 * `(a - b) | 0` are exact up to 24 days, far beyond any heartbeat.
 */
const CLOCK_ZERO = Date.now();
export function socketClock(): number {
  return (Date.now() - CLOCK_ZERO) | 0;
}

/**
 * ws's receiver keeps the list of chunks it reads frames from for the socket's life. Once a
 * message is read the list is empty but keeps the room it grew to (17 slots, ~150 bytes per
 * connection, idle most of the time); setting an empty array's length to 0 gives it back.
 * Done after a socket's join and at every heartbeat round (see `heartbeat`), not per message:
 * it is a call into V8's runtime, about 1 µs of a cold event's path.
 * `_receiver._buffers` is private to ws (8.x): without it, this does nothing.
 */
function releaseReadRoom(socket: WebSocket): void {
  const buffers = (socket as unknown as { _receiver?: { _buffers?: unknown[] } })._receiver?._buffers;
  if (buffers !== undefined && buffers.length === 0) buffers.length = 0;
}

/**
 * A closing connection's TCP socket and ws's receiver get an `end` that does not make an
 * error it would drop. ws ends each of them again when the peer's FIN and then the socket's
 * close arrive, and Node's `end` on a stream that already finished builds an error with a
 * full stack trace even when, without a callback, nothing receives it: three per closed tab,
 * 7.5% of the server's CPU per join in the bench. Set only on closing (an idle connection
 * holds no extra property); `_socket` and `_receiver` are private to ws (8.x): without them, nothing changes.
 */
function endsQuietly(ws: WebSocket): void {
  const internals = ws as unknown as { _socket?: Writable | null; _receiver?: Writable | null };
  if (internals._socket != null) internals._socket.end = endQuietly;
  if (internals._receiver != null) internals._receiver.end = endQuietly;
}

/** Writable `end`, except that a call which could only make an error nobody receives returns at once. */
export function endQuietly(this: Writable, ...args: unknown[]): Writable {
  const state = (this as unknown as { _writableState?: WritableFlags })._writableState;
  // Exactly the states in which Node's end() builds ERR_STREAM_ALREADY_FINISHED or
  // ERR_STREAM_DESTROYED, with no data and no callback to hand it to: it would change nothing else.
  if (args.length === 0 && state !== undefined && !state.corked && (state.ending || state.errored) && (state.finished || state.destroyed)) return this;
  return (Object.getPrototypeOf(this) as Writable).end.apply(this, args as Parameters<Writable["end"]>);
}

interface WritableFlags {
  corked: number;
  ending: boolean;
  errored: unknown;
  finished: boolean;
  destroyed: boolean;
}

// What a socket's host is until acceptSocket sets the server's (never used: `open` is false).
const NOT_ACCEPTED: SocketHost = {
  policy: { join: () => Promise.reject(new Error("Tether: a socket not accepted yet cannot join")) },
  registry: { holdForResume: () => {} },
  joinTimeout: 0,
  maxBadMessages: 0,
  maxBufferedBytes: 0,
  clients: new ClientConnections(0),
  compressionThreshold: Infinity,
  deflating: new Deflating(),
  sockets: new OpenSockets(),
};

/** Takes over a new WebSocket of a client (counted in `host.clients`); `request` is its upgrade's (kept until it joins). */
export function acceptSocket(ws: WebSocket, host: SocketHost, client: ClientRecord, request: IncomingMessage | null = null): void {
  const socket = ws as TetherSocket;
  socket.host = host;
  socket.client = client;
  socket.request = request;
  socket.seen = socketClock();
  openConnection(socket);
  host.sockets.add(socket);
}

/**
 * One heartbeat round over every socket: one silent for `interval` ms is pinged; one silent
 * for `deadline` ms (see heartbeatDeadline) is half-open (its peer went away without a close)
 * and is terminated. `now` is on the socket clock. Each also gives back the room its reads took
 * (releaseReadRoom). A socket the rate limit paused is not read, so its silence says nothing:
 * it is left alone until it resumes.
 */
export function heartbeat(open: OpenSockets<TetherSocket>, now: number, interval: number, deadline: number): void {
  open.forEach((socket) => {
    releaseReadRoom(socket);
    if (socket.isPaused) return;
    const idle = (now - socket.seen) | 0;
    if (idle > deadline) socket.terminate();
    else if (idle >= interval) socket.ping();
  });
}
