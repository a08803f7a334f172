/**
 * What travels over pub/sub: JSON data, checked when it is broadcast (so a mistake fails in the
 * sender, with a message that says where) and capped in size (a message is copied to every
 * process and every subscriber; one too large would stall them all).
 */

/** A value that JSON carries as it is: what `broadcast` accepts and what subscribers receive. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The default cap on an encoded message, in bytes (64 KiB: a chat line or a small state, never a file). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** Nesting deeper than this is refused: nobody means it, and a cyclic value would never end. */
const MAX_DEPTH = 64;

/**
 * Throws a TypeError naming the first part of `value` that JSON would not carry as it is
 * (undefined, a function, a symbol, a bigint, NaN or Infinity, a Date, a Map, a class instance,
 * a cycle), so that what a subscriber gets is always what the sender meant.
 */
export function checkJson(value: unknown, path = "message", depth = 0): asserts value is JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`Tether: ${path} is ${value}, which JSON cannot carry`);
    return;
  }
  if (typeof value !== "object") throw new TypeError(`Tether: ${path} is a ${typeof value}, which JSON cannot carry`);
  if (depth >= MAX_DEPTH) throw new TypeError(`Tether: ${path} is nested more than ${MAX_DEPTH} deep (a cycle?)`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) checkJson(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`Tether: ${path} is a ${proto?.constructor?.name ?? "class instance"}, not plain JSON data (send its fields)`);
  }
  for (const key in value) checkJson((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
}

/** A topic's name: 1 to 200 characters, none of them a control character. */
export function checkTopic(topic: unknown): asserts topic is string {
  if (typeof topic !== "string" || topic.length === 0 || topic.length > 200 || /[\u0000-\u001f]/.test(topic)) {
    throw new TypeError(`Tether: a topic is a string of 1 to 200 characters without control characters, not ${JSON.stringify(topic)}`);
  }
}

/**
 * What one broadcast is on the wire between processes: the message and who sent it, for
 * `broadcastFrom` (every subscriber but the sender's gets it).
 */
export interface Envelope {
  /** The message. */
  m: JsonValue;
  /** The sender whose own subscriptions skip it (a session's id), if any. */
  f?: string;
}

/** Encodes a checked message for the adapter; throws if it is larger than `maxBytes`. */
export function encodeEnvelope(message: unknown, from: string | undefined, maxBytes: number): string {
  checkJson(message);
  const envelope: Envelope = from === undefined ? { m: message } : { m: message, f: from };
  const text = JSON.stringify(envelope);
  // A string's UTF-8 length is at most 3 bytes per UTF-16 unit: the exact count only near the cap.
  if (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes) {
    throw new RangeError(`Tether: a pub/sub message of ${Buffer.byteLength(text)} bytes is over the ${maxBytes}-byte cap (maxMessageBytes)`);
  }
  return text;
}

/**
 * Decodes what an adapter delivered, or null if it is not an envelope (another program
 * publishing on the same Redis channel, say): it is dropped rather than handed on.
 */
export function decodeEnvelope(text: string): Envelope | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || !("m" in value)) return null;
  const from = (value as { f?: unknown }).f;
  if (from !== undefined && typeof from !== "string") return null;
  return value as Envelope;
}
