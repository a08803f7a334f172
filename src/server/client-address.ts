import type { IncomingMessage } from "node:http";

/**
 * The address of the client that sent `req`, as the limits per client count it (pending
 * sessions, connections): the TCP peer's address, "" if the socket no longer has one. Behind
 * a reverse proxy that is the proxy's; reading the client's own from `X-Forwarded-For` (a
 * `trustProxy` option) belongs here, the one place every limit reads it.
 */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? "";
}
