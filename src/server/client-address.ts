import type { IncomingMessage } from "node:http";

/**
 * The address of the client that sent a request: the socket's peer, or with `trustProxy` (a
 * proxy in front of the server that sets it) the first address of `X-Forwarded-For`. Never
 * trust that header without a proxy that overwrites it: any client can send one.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket?.remoteAddress ?? "";
}
