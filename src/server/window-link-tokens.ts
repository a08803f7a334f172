import { createHmac } from "node:crypto";
import type { WindowLink, WindowLinks } from "../session/linked-windows.js";
import { readClaims, signClaims } from "./join-tokens.js";

/**
 * The signed link tokens of linked windows (see session/linked-windows.ts): a child window's
 * URL carries one, naming its parent's window address and its own. HMAC-SHA256 keyed by the
 * server's secret (with a label of its own, so a join token is never a link token and the
 * other way round), so every process of an app reads the others' links, and nobody links a
 * window to a session without the server's word: an address alone is worth nothing.
 *
 * The text is `base64url(JSON [parent, window]).base64url(mac)`. A link does not expire: a
 * child reloaded a day later still names its parent (which may have ended: then its messages
 * reach nobody, as any message to an ended session).
 */
export class WindowLinkTokens implements WindowLinks {
  private readonly key: Buffer;

  constructor(secret: string | Buffer) {
    this.key = createHmac("sha256", secret).update("tether window links").digest();
  }

  sign(parent: string, window: string): string {
    return signClaims([parent, window], (body) => this.mac(body));
  }

  verify(token: string): WindowLink | null {
    if (token.length > 512) return null;
    const claims = readClaims(token, (body) => this.mac(body));
    if (!Array.isArray(claims) || claims.length !== 2 || typeof claims[0] !== "string" || typeof claims[1] !== "string") return null;
    return { parent: claims[0], window: claims[1] };
  }

  /**
   * The window address of a session that is no child: derived from its id, so that the session
   * restored from its snapshot in another process has the address its children know; keyed, so
   * that it says nothing of the id (a child's page may read its parent's address).
   */
  addressOf(sessionId: string): string {
    return createHmac("sha256", this.key).update("address\0" + sessionId).digest("base64url").slice(0, 22);
  }

  private mac(body: string): Buffer {
    return createHmac("sha256", this.key).update(body).digest();
  }
}
