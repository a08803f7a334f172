import type { IncomingMessage } from "node:http";

/**
 * The address of the client that sent `req`, as the limits per client count it (pending
 * sessions, connections): the TCP peer's address, "" if the socket no longer has one. Behind
 * a reverse proxy that is the proxy's; reading the client's own from `X-Forwarded-For` (a
 * `trustProxy` option) belongs here, the one place every limit reads it.
 */
export function clientAddress(req: IncomingMessage): string {
  const socket = req.socket as IncomingMessage["socket"] & { _peername?: unknown };
  const address = socket.remoteAddress ?? "";
  // Node keeps what it read in `_peername`, an object for the socket's life: 110 bytes on
  // every WebSocket, measured (3% of an idle session). Node reads it again if asked, so the
  // copy is let go; set to undefined rather than deleted, which could slow the socket down.
  socket._peername = undefined;
  return address;
}
