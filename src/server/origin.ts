import type { IncomingMessage } from "node:http";

/**
 * Whether a request may open or use a live connection, judged by its `Origin` header (invariant 7,
 * "Escaped by default" in ARCHITECTURE.md): a page of this very site (its origin is the request's
 * own scheme and host), or one of `allowed`. Browsers send `Origin` with every WebSocket handshake
 * and every POST, so another site's page is refused before any session exists. A request without
 * one is no browser's cross-site request (a server-side client, a test): it is allowed, and the
 * join token still stands between it and any session.
 *
 * `trustProxy`: a proxy in front terminates TLS or rewrites the host, and says so in
 * `X-Forwarded-Proto` / `X-Forwarded-Host`.
 */
export function isAllowedOrigin(req: IncomingMessage, allowed: ReadonlySet<string>, trustProxy: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.has(origin)) return true;
  // An HTTP/2 request has no Host header: `:authority` says the same.
  const host = (trustProxy && first(req.headers["x-forwarded-host"])) || req.headers.host || first(req.headers[":authority"]);
  if (host === undefined) return false;
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const scheme = (trustProxy && first(req.headers["x-forwarded-proto"])) || (encrypted ? "https" : "http");
  return origin.toLowerCase() === `${scheme}://${host}`.toLowerCase();
}

/** Normalizes the `allowedOrigins` option: `https://app.example.com` as a browser writes it (no path, no trailing slash). */
export function originSet(origins: readonly string[] | undefined): ReadonlySet<string> {
  const set = new Set<string>();
  for (const origin of origins ?? []) {
    let normalized: string;
    try {
      normalized = new URL(origin).origin;
    } catch {
      throw new TypeError(`Tether: allowedOrigins has "${origin}", which is not an origin like https://app.example.com`);
    }
    if (normalized === "null") throw new TypeError(`Tether: allowedOrigins has "${origin}", which has no origin`);
    set.add(normalized);
  }
  return set;
}

function first(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim() || undefined;
}
