import { parseClientMessage, parseJoinQuery, ProtocolError } from "../protocol/validate.js";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type ErrorCode, type JoinMessage } from "../protocol/wire.js";
import type { Transport } from "../session/channel.js";
import type { LiveSession } from "../session/live-session.js";

/** What a link needs from the server: the session a join asks for. */
export interface JoinHandler {
  join(message: JoinMessage): Promise<Joined | ErrorReply>;
  /** A session lost its connection. */
  disconnected(session: LiveSession): void;
  /** Milliseconds a new connection may take to send its Join. */
  joinTimeout: number;
  /** Malformed messages a connection may send before it is closed (1008). */
  maxBadMessages: number;
}

/** A join's outcome: the session, and the last message the tab applied if it is resuming. */
export interface Joined {
  session: LiveSession;
  resumeFrom: number | null;
}

export interface ErrorReply {
  code: ErrorCode;
  message: string;
}

/** Close codes used on links (RFC 6455 and the private range). */
export const CloseCode = {
  Normal: 1000,
  ProtocolError: 1002,
  PolicyViolation: 1008,
  JoinTimeout: 4001,
  JoinRefused: 4002,
} as const;

/**
 * One browser connection, whatever the transport: it waits for a Join, then feeds validated
 * messages to its session. The WebSocket and long-poll transports both drive it; a WebSocket
 * is its own link (an idle server's memory is mostly its sockets, so no object of its own).
 */
export interface Link {
  connection: Transport;
  handler: JoinHandler;
  session: LiveSession | null;
  joining: boolean;
  open: boolean;
  badMessages: number;
  timer: NodeJS.Timeout | null;
}

export function createLink(connection: Transport, handler: JoinHandler): Link {
  return openLink({ connection, handler, session: null, joining: false, open: false, badMessages: 0, timer: null });
}

/** Opens a link (a new one, or a transport that is its own): it now waits for a Join, for a while. */
export function openLink<T extends Link>(link: T): T {
  link.open = true;
  link.timer = setTimeout(onJoinTimeout, link.handler.joinTimeout, link);
  return link;
}

/** Handles one text message from the browser (as a socket's bytes or as text). Never throws on bad input. */
export function receiveText(link: Link, text: string | Buffer): void {
  let message;
  try {
    message = parseClientMessage(text);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    refuse(link, ErrorCodes.BadMessage, error.message);
    return;
  }
  if (link.session !== null) {
    try {
      link.session.receive(message);
    } catch (error) {
      // A fault in Tether itself, not in the input: end this session only, never the process.
      console.error("[tether] internal error; ending the session:", error);
      link.session.end("internal error");
    }
    return;
  }
  if (message.k !== Msg.Join) {
    refuse(link, ErrorCodes.NotJoined, "the first message must be a join");
    return;
  }
  join(link, message);
}

/**
 * A join that came in the WebSocket's URL (see wire.ts `joinQuery`): handled as that Join
 * message would be. A URL without one leaves the link waiting for a Join message.
 */
export function receiveJoinQuery(link: Link, search: string): void {
  let message: JoinMessage | null;
  try {
    message = parseJoinQuery(search);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    refuse(link, ErrorCodes.BadMessage, `the join in the URL: ${error.message}`);
    return;
  }
  if (message !== null) join(link, message);
}

function join(link: Link, message: JoinMessage): void {
  if (link.joining) {
    refuse(link, ErrorCodes.NotJoined, "a join is already in progress");
    return;
  }
  if (message.v !== PROTOCOL_VERSION) {
    reply(link, ErrorCodes.Version, `the server speaks protocol version ${PROTOCOL_VERSION}, the page ${message.v}: reload the page`, true);
    closeLink(link, CloseCode.ProtocolError, "protocol version mismatch");
    return;
  }
  link.joining = true;
  link.handler.join(message).then(
    (result) => joined(link, result),
    (error: unknown) => {
      console.error("[tether] join failed:", error);
      joined(link, { code: ErrorCodes.UnknownRoute, message: "the page could not be rendered" });
    },
  );
}

/** A binary frame: not part of the protocol. */
export function receiveBinary(link: Link): void {
  refuse(link, ErrorCodes.BadMessage, "binary frames are not part of the protocol; send JSON text");
}

/** The transport closed. */
export function linkClosed(link: Link): void {
  link.open = false;
  clearJoinTimer(link);
  const session = link.session;
  link.session = null;
  if (session !== null) {
    session.detach(link.connection);
    link.handler.disconnected(session);
  }
}

export function closeLink(link: Link, code: number, reason: string): void {
  link.connection.close(code, reason);
}

function joined(link: Link, result: Joined | ErrorReply): void {
  link.joining = false;
  clearJoinTimer(link);
  if (!link.open) {
    if ("session" in result) link.handler.disconnected(result.session);
    return;
  }
  if (!("session" in result)) {
    reply(link, result.code, result.message, true);
    closeLink(link, CloseCode.JoinRefused, result.code);
    return;
  }
  link.session = result.session;
  try {
    if (result.resumeFrom === null) result.session.attach(link.connection);
    else result.session.resume(link.connection, result.resumeFrom);
  } catch (error) {
    console.error("[tether] internal error while joining; ending the session:", error);
    result.session.end("internal error");
  }
}

/** A bad message gets a clear error; a connection that keeps sending them is closed (its session lives on). */
function refuse(link: Link, code: ErrorCode, message: string): void {
  reply(link, code, message);
  if (++link.badMessages > link.handler.maxBadMessages) closeLink(link, CloseCode.PolicyViolation, "too many malformed messages");
}

function reply(link: Link, code: ErrorCode, message: string, fatal = false): void {
  if (!link.open) return;
  link.connection.send(JSON.stringify(fatal ? { k: Msg.Error, code, message, fatal } : { k: Msg.Error, code, message }));
}

function onJoinTimeout(link: Link): void {
  link.timer = null;
  if (link.session === null && link.open) closeLink(link, CloseCode.JoinTimeout, "no join received in time");
}

function clearJoinTimer(link: Link): void {
  if (link.timer !== null) clearTimeout(link.timer);
  link.timer = null;
}
