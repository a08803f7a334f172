import type { WebSocket } from "ws";
import { parseClientMessage, ProtocolError } from "../protocol/validate.js";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type ErrorCode, type JoinMessage } from "../protocol/wire.js";
import type { LiveSession } from "../session/live-session.js";

/** What the socket layer needs from the server: finding or creating the session for a join. */
export interface JoinHandler {
  join(message: JoinMessage): LiveSession | Promise<LiveSession | ErrorReply> | ErrorReply;
  /** A session lost its connection. */
  disconnected(session: LiveSession): void;
  /** Milliseconds a new socket may take to send its Join. */
  joinTimeout: number;
}

export interface ErrorReply {
  code: ErrorCode;
  message: string;
}

/** Per-socket state, reached through a symbol so listeners can be shared module-level functions. */
interface SocketState {
  handler: JoinHandler;
  session: LiveSession | null;
  joining: boolean;
  timer: NodeJS.Timeout | null;
}

const STATE = Symbol("tether.socket");
type TetherSocket = WebSocket & { [STATE]: SocketState };

/** WebSocket close codes used here (RFC 6455 and the private range). */
export const CloseCode = {
  Normal: 1000,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  JoinTimeout: 4001,
  JoinRefused: 4002,
} as const;

/**
 * Takes over a new WebSocket: waits for its Join, then feeds validated messages to the
 * session. Listeners are module-level functions, not per-connection closures (as in ws
 * itself), so a connection costs only its state object.
 */
export function acceptSocket(ws: WebSocket, handler: JoinHandler): void {
  const socket = ws as TetherSocket;
  socket[STATE] = { handler, session: null, joining: false, timer: setTimeout(onJoinTimeout, handler.joinTimeout, socket) };
  // ws calls listeners with `this` set to the socket, which carries STATE from here on.
  ws.on("message", onMessage as (this: WebSocket, data: Buffer, isBinary: boolean) => void);
  ws.on("close", onClose as (this: WebSocket) => void);
  ws.on("error", onError);
}

function onMessage(this: TetherSocket, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
  const state = this[STATE];
  if (isBinary) {
    reply(this, ErrorCodes.BadMessage, "binary frames are not part of the protocol; send JSON text");
    return;
  }
  let message;
  try {
    message = parseClientMessage(data.toString());
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    reply(this, ErrorCodes.BadMessage, error.message);
    return;
  }
  if (state.session !== null) {
    state.session.receive(message);
    return;
  }
  if (message.k !== Msg.Join) {
    reply(this, ErrorCodes.NotJoined, "the first message must be a join");
    return;
  }
  if (state.joining) {
    reply(this, ErrorCodes.NotJoined, "a join is already in progress");
    return;
  }
  if (message.v !== PROTOCOL_VERSION) {
    reply(this, ErrorCodes.Version, `the server speaks protocol version ${PROTOCOL_VERSION}, the page ${message.v}: reload the page`, true);
    this.close(CloseCode.ProtocolError, "protocol version mismatch");
    return;
  }
  state.joining = true;
  Promise.resolve(state.handler.join(message)).then(
    (result) => joined(this, result),
    (error: unknown) => {
      console.error("[tether] join failed:", error);
      joined(this, { code: ErrorCodes.UnknownRoute, message: "the page could not be rendered" });
    },
  );
}

function joined(socket: TetherSocket, result: LiveSession | ErrorReply): void {
  const state = socket[STATE];
  state.joining = false;
  if (state.timer !== null) clearTimeout(state.timer);
  state.timer = null;
  if (socket.readyState !== socket.OPEN) {
    if (!("code" in result)) state.handler.disconnected(result);
    return;
  }
  if ("code" in result) {
    reply(socket, result.code, result.message, true);
    socket.close(CloseCode.JoinRefused, result.code);
    return;
  }
  state.session = result;
  result.attach(socket);
}

function onClose(this: TetherSocket): void {
  const state = this[STATE];
  if (state.timer !== null) clearTimeout(state.timer);
  state.timer = null;
  const session = state.session;
  state.session = null;
  if (session !== null) {
    session.detach(this);
    state.handler.disconnected(session);
  }
}

function onError(this: WebSocket, error: Error): void {
  // ws closes the socket itself (1009 too large, 1002 bad framing); the close handler cleans up.
  if (process.env.TETHER_DEBUG) console.error("[tether] socket error:", error.message);
}

function onJoinTimeout(socket: TetherSocket): void {
  socket[STATE].timer = null;
  if (socket[STATE].session === null) socket.close(CloseCode.JoinTimeout, "no join received in time");
}

function reply(socket: WebSocket, code: ErrorCode, message: string, fatal = false): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.send(JSON.stringify(fatal ? { k: Msg.Error, code, message, fatal } : { k: Msg.Error, code, message }));
}
