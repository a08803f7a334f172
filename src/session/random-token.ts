import { randomFillSync } from "node:crypto";

/**
 * Unguessable tokens (session ids, resume tokens, long-poll ids) from a pool of random bytes,
 * filled from the system's CSPRNG a few kilobytes at a time; each byte is used for one token
 * only. A join takes two tokens, and asking the CSPRNG for 12 or 18 bytes at a time cost more
 * than the rest of the join's own work in Tether (Node's randomUUID keeps such a pool too).
 */
const POOL_BYTES = 4096;
let pool = Buffer.allocUnsafeSlow(0);
let offset = 0;

/** `bytes` random bytes as base64url text (18 bytes: 24 characters). */
export function randomToken(bytes: number): string {
  if (bytes > POOL_BYTES) throw new RangeError(`Tether: a token of ${bytes} bytes is larger than the pool`);
  if (offset + bytes > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    offset = 0;
  }
  const token = pool.toString("base64url", offset, offset + bytes);
  offset += bytes;
  return token;
}
