import type { IncomingMessage } from "node:http";

/**
 * The address of the client that sent `req`, as the limits per client count it (pending
 * sessions, connections) and `authorize` hooks see it: the TCP peer's address ("" if the
 * socket no longer has one), or with `trustProxy` (a proxy in front that sets it) the first
 * address of `X-Forwarded-For`. Never trust that header without such a proxy: any client can
 * send one.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  const socket = req.socket as (IncomingMessage["socket"] & { _peername?: unknown }) | undefined;
  const address = socket?.remoteAddress ?? "";
  // Node keeps what it read in `_peername`, an object for the socket's life: 110 bytes on
  // every WebSocket, measured (3% of an idle session). Node reads it again if asked, so the
  // copy is let go; set to undefined rather than deleted, which could slow the socket down.
  if (socket !== undefined) socket._peername = undefined;
  return address;
}
