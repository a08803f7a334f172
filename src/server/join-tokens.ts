import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * What a join token says, signed by the server: the page it opens, the session it was given
 * with, whose it is, and until when it is good.
 */
export interface JoinClaims {
  /** The page's path and query, exactly as the page's Join names it. */
  path: string;
  /** The session the token was given with (a page's, or the last Mount's). */
  sid: string;
  /** The identity's digest (see JoinTokens.identityDigest): "" for anyone. */
  identity: string;
  /** Expiry, in seconds since the epoch. */
  expires: number;
}

/**
 * Signed join tokens (invariant 7, "Escaped by default" in ARCHITECTURE.md): what lets a tab join,
 * and what no other site can make. A page carries one bound to its path, its session, its user and
 * a short expiry (`joinTimeout`); each Mount and Resume gives the tab a fresh one for its next join
 * (after a restart, a fresh session is built only from such a token, for the same user).
 * HMAC-SHA256 over the claims, keyed by the server's secret, so servers that share a secret accept
 * each other's tokens.
 *
 * The text is `base64url(JSON claims).base64url(mac)`; the identity travels as a keyed digest,
 * so a token in a log says nothing of whose it is.
 */
export class JoinTokens {
  private readonly secret: Buffer;
  /** Page tokens' claims and MACs by the session they were given with, until its first join (signPage). */
  private readonly issued = new WeakMap<object, { body: string; mac: Buffer; claims: unknown[] }>();

  constructor(secret: string | Buffer) {
    this.secret = typeof secret === "string" ? Buffer.from(secret, "utf8") : secret;
    if (this.secret.length < 16) throw new TypeError("Tether: the secret must be at least 16 bytes (32 random bytes are best)");
  }

  /** A token for `claims`, good for `ttl` milliseconds from now. */
  sign(path: string, sid: string, identity: string, ttl: number): string {
    return signClaims([path, sid, identity, expiry(ttl)], (body) => this.mac(body));
  }

  /**
   * A page's token (as `sign`), its MAC kept with `session` until the session's first join
   * (`verify` with that session): that join, most joins, then reads the MAC it was given
   * rather than computing it again, a tenth of what a join costs.
   */
  signPage(session: object, path: string, sid: string, identity: string, ttl: number): string {
    const claims = [path, sid, identity, expiry(ttl)];
    return signClaims(claims, (body) => {
      const mac = this.mac(body);
      this.issued.set(session, { body, mac, claims });
      return mac;
    });
  }

  /**
   * The claims of a token this server signed and that has not expired; null for anything else.
   * `session`: the session the join names, if this process has it; its page's MAC, if the
   * token's claims are that page's, is compared as it was kept (and then let go), and the
   * claims are those it was signed with, not read again from the token.
   */
  verify(token: string, session?: object): JoinClaims | null {
    const issued = session === undefined ? undefined : this.issued.get(session);
    if (issued !== undefined) this.issued.delete(session!);
    const claims = readClaims(token, (body) => this.mac(body), issued);
    if (!Array.isArray(claims) || claims.length !== 4) return null;
    const [path, sid, identity, expires] = claims as unknown[];
    if (typeof path !== "string" || typeof sid !== "string" || typeof identity !== "string" || typeof expires !== "number") return null;
    if (expires * 1000 <= Date.now()) return null;
    return { path, sid, identity, expires };
  }

  /**
   * The digest a token carries for an identity (a user id, as the app's `identify` gives it):
   * keyed, so that it cannot be computed without the secret; "" stays "" (anyone).
   */
  identityDigest(identity: string): string {
    if (identity === "") return "";
    return createHmac("sha256", this.secret).update("identity\0" + identity).digest("base64url").slice(0, 22);
  }

  private mac(body: string): Buffer {
    return createHmac("sha256", this.secret).update(body).digest();
  }
}

/** A token's expiry `ttl` milliseconds from now, in seconds since the epoch. */
function expiry(ttl: number): number {
  return Math.ceil((Date.now() + ttl) / 1000);
}

/** `base64url(JSON claims).base64url(mac)`: a signed token's text (join tokens', and linked windows'). */
export function signClaims(claims: unknown[], mac: (body: string) => Buffer): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return body + "." + mac(body).toString("base64url");
}

/**
 * The claims of a token whose mac is `mac(body)`, or undefined for anything else: a token is
 * input, and input never throws. `known`: a body this process signed, with its MAC and the
 * claims it signed there: a token of that body is checked against that MAC (not computed
 * again) and its claims given back as they are (not parsed again).
 */
export function readClaims(token: string, mac: (body: string) => Buffer, known?: { body: string; mac: Buffer; claims: unknown }): unknown {
  const dot = token.indexOf(".");
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return undefined;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), "base64url");
  // The body is the claims, no secret: compared as text; the MAC in constant time, as always.
  const isKnown = known !== undefined && body === known.body;
  const expected = isKnown ? known.mac : mac(body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (isKnown) return known.claims;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return undefined; // signed by us, so never
  }
}

/**
 * The server's secret: the `secret` option, else the TETHER_SECRET environment variable, else
 * random bytes made for this process (tokens then do not survive a restart, and servers behind
 * one load balancer do not accept each other's: said once, in production).
 */
export function resolveSecret(secret: string | undefined, production: boolean, warn: (message: string) => void = console.warn): string | Buffer {
  const given = secret ?? process.env.TETHER_SECRET;
  if (given !== undefined && given !== "") return given;
  if (production) {
    warn(
      "[tether] no secret is set (the `secret` option or TETHER_SECRET): join tokens are signed with a random key of this process, " +
        "so open tabs cannot rejoin after a restart and other processes refuse them. Set TETHER_SECRET to 32 or more random bytes.",
    );
  }
  return randomBytes(32);
}
