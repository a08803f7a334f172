import type { IncomingMessage } from "node:http";
import { parseClientMessage, parseJoinQuery, ProtocolError } from "../protocol/validate.js";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type ErrorCode, type JoinMessage } from "../protocol/wire.js";
import type { Transport } from "../session/channel.js";
import type { LiveSession } from "../session/live-session.js";
import type { ClientConnections, ClientRecord } from "./client-connections.js";
import type { Joined, JoinPolicy, JoinRefusal } from "./join-policy.js";
import type { SessionRegistry } from "./session-registry.js";

/**
 * What a server gives its connections: one object for all of them, of which a connection
 * holds a reference and nothing more.
 */
export interface ConnectionHost {
  /** Decides which session a join gets. */
  readonly policy: JoinPolicy;
  /** Where a session whose connection closed waits for its tab (all a connection asks of the registry). */
  readonly registry: Pick<SessionRegistry, "holdForResume">;
  /** Milliseconds a new connection may take to send its Join. */
  readonly joinTimeout: number;
  /** Malformed messages a connection may send before it is closed (1008). */
  readonly maxBadMessages: number;
  /** Bytes a connection's transport may have waiting to be written (TetherOptions `maxBufferedBytes`). */
  readonly maxBufferedBytes: number;
  /** The open connections by client address, capped per address (`maxConnectionsPerClient`). */
  readonly clients: ClientConnections;
}

/**
 * A connection's time to join (fixed: `TetherOptions.joinTimeout` is the time a page's session
 * waits for its tab, far longer).
 */
export const JOIN_TIMEOUT = 10_000;

/** Malformed messages a connection may send before it is closed. */
export const MAX_BAD_MESSAGES = 100;

/** Close codes used on connections (RFC 6455 and the private range). */
export const CloseCode = {
  Normal: 1000,
  ProtocolError: 1002,
  PolicyViolation: 1008,
  JoinTimeout: 4001,
  JoinRefused: 4002,
} as const;

/**
 * One tab's connection, whatever its transport: it waits for a Join, then feeds validated
 * messages to its session (the page's side of it is runtime/connection.ts). The WebSocket and
 * long-poll transports both drive it; a WebSocket is its own connection (an idle server's
 * memory is mostly its sockets, so no object of its own).
 */
export interface Connection {
  transport: Transport;
  host: ConnectionHost;
  /** Its client address's record in `host.clients`, given back when it closes (null: none). */
  client: ClientRecord | null;
  session: LiveSession | null;
  joining: boolean;
  open: boolean;
  badMessages: number;
  timer: NodeJS.Timeout | null;
  /**
   * The HTTP request that opened the connection (a WebSocket's upgrade), kept until it has
   * joined: a join that builds a fresh session authorizes it (its cookies). Null after.
   */
  request: IncomingMessage | null;
}

/** A connection over `transport` for a client (counted in `host.clients`), opened (see openConnection). */
export function createConnection(transport: Transport, host: ConnectionHost, client: ClientRecord): Connection {
  return openConnection({ transport, host, client, session: null, joining: false, open: false, badMessages: 0, timer: null, request: null });
}

/** Opens a connection (a new one, or a transport that is its own): it now waits for a Join, for a while. */
export function openConnection<T extends Connection>(connection: T): T {
  connection.open = true;
  connection.timer = setTimeout(onJoinTimeout, connection.host.joinTimeout, connection);
  return connection;
}

/**
 * Handles one text message from the browser (as a socket's bytes or as text). Never throws on
 * bad input. `request`: the HTTP request that carried it, if any (a long-poll POST), for a join.
 */
export function receiveText(connection: Connection, text: string | Buffer, request: IncomingMessage | null): void {
  let message;
  try {
    message = parseClientMessage(text);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    refuse(connection, ErrorCodes.BadMessage, error.message);
    return;
  }
  if (connection.session !== null) {
    try {
      connection.session.receive(message);
    } catch (error) {
      // A fault in Tether itself, not in the input: end this session only, never the process.
      console.error("[tether] internal error; ending the session:", error);
      connection.session.end("internal error");
    }
    return;
  }
  if (message.k !== Msg.Join) {
    refuse(connection, ErrorCodes.NotJoined, "the first message must be a join");
    return;
  }
  join(connection, message, request);
}

/**
 * A join that came in the WebSocket's URL (see encode.ts `joinQuery`): handled as that Join
 * message would be. A URL without one leaves the connection waiting for a Join message.
 * `request`: the socket's upgrade.
 */
export function receiveJoinQuery(connection: Connection, search: string, request: IncomingMessage): void {
  let message: JoinMessage | null;
  try {
    message = parseJoinQuery(search);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    refuse(connection, ErrorCodes.BadMessage, `the join in the URL: ${error.message}`);
    return;
  }
  if (message !== null) join(connection, message, request);
}

function join(connection: Connection, message: JoinMessage, request: IncomingMessage | null): void {
  if (connection.joining) {
    refuse(connection, ErrorCodes.NotJoined, "a join is already in progress");
    return;
  }
  if (message.v !== PROTOCOL_VERSION) {
    reply(connection, ErrorCodes.Version, `the server speaks protocol version ${PROTOCOL_VERSION}, the page ${message.v}: reload the page`, true);
    closeConnection(connection, CloseCode.ProtocolError, "protocol version mismatch");
    return;
  }
  connection.joining = true;
  connection.host.policy.join(message, request ?? connection.request).then(
    (result) => joined(connection, result),
    (error: unknown) => {
      console.error("[tether] join failed:", error);
      joined(connection, { code: ErrorCodes.UnknownRoute, message: "the page could not be rendered" });
    },
  );
}

/** A binary frame: not part of the protocol. */
export function receiveBinary(connection: Connection): void {
  refuse(connection, ErrorCodes.BadMessage, "binary frames are not part of the protocol; send JSON text");
}

/** The transport closed. */
export function connectionClosed(connection: Connection): void {
  connection.open = false;
  clearJoinTimer(connection);
  if (connection.client !== null) connection.host.clients.close(connection.client);
  connection.client = null;
  const session = connection.session;
  connection.session = null;
  if (session !== null) {
    session.detach(connection.transport);
    connection.host.registry.holdForResume(session);
  }
}

/** Closes the connection's transport (its close is reported back through connectionClosed). */
export function closeConnection(connection: Connection, code: number, reason: string): void {
  connection.transport.close(code, reason);
}

function joined(connection: Connection, result: Joined | JoinRefusal): void {
  connection.joining = false;
  connection.request = null;
  clearJoinTimer(connection);
  if (!connection.open) {
    // Closed while the policy decided: the session it claimed waits for its tab again.
    if ("session" in result) connection.host.registry.holdForResume(result.session);
    return;
  }
  if (!("session" in result)) {
    if (connection.open) connection.transport.send(JSON.stringify({ k: Msg.Error, code: result.code, message: result.message, fatal: true, ...(result.to === undefined ? {} : { to: result.to }) }));
    closeConnection(connection, CloseCode.JoinRefused, result.code);
    return;
  }
  connection.session = result.session;
  try {
    if (result.resumeFrom === null) result.session.attach(connection.transport);
    else result.session.resume(connection.transport, result.resumeFrom);
  } catch (error) {
    console.error("[tether] internal error while joining; ending the session:", error);
    result.session.end("internal error");
  }
}

/** A bad message gets a clear error; a connection that keeps sending them is closed (its session lives on). */
function refuse(connection: Connection, code: ErrorCode, message: string): void {
  reply(connection, code, message);
  if (++connection.badMessages > connection.host.maxBadMessages) closeConnection(connection, CloseCode.PolicyViolation, "too many malformed messages");
}

function reply(connection: Connection, code: ErrorCode, message: string, fatal = false): void {
  if (!connection.open) return;
  connection.transport.send(JSON.stringify(fatal ? { k: Msg.Error, code, message, fatal } : { k: Msg.Error, code, message }));
}

function onJoinTimeout(connection: Connection): void {
  connection.timer = null;
  if (connection.session === null && connection.open) closeConnection(connection, CloseCode.JoinTimeout, "no join received in time");
}

function clearJoinTimer(connection: Connection): void {
  if (connection.timer !== null) clearTimeout(connection.timer);
  connection.timer = null;
}
