/**
 * Writing the wire's messages where JSON.stringify of the message object is not enough: a first
 * join in the WebSocket's URL, and Patch messages written faster than JSON.stringify writes them.
 * The runtime imports joinQuery; encodePatch is the server's.
 */
import { Msg, type PatchOp } from "./wire.js";

/**
 * A first join can travel in the WebSocket's URL instead of a Join message (`…/ws?v=1&path=%2F&sid=…&t=…`):
 * the server joins as the socket opens, so the Mount comes one round trip sooner and the page
 * sends nothing first. Only the page's own join token travels so, which expires with the page's
 * `joinTimeout`; a resume and a later join always send a Join message, keeping their tokens out
 * of URLs and the logs that keep them. Parsed on the server by validate.ts `parseJoinQuery`.
 */
export function joinQuery(v: number, sid: string | null, path: string, token: string | null): string {
  return `?v=${v}&path=${encodeURIComponent(path)}${sid === null ? "" : `&sid=${encodeURIComponent(sid)}`}${token === null ? "" : `&t=${encodeURIComponent(token)}`}`;
}

/**
 * A Patch message's text, exactly as `JSON.stringify({ k, s, o, a })` writes it, without
 * building that object: the server sends one after every event. Ops are written here, their
 * numbers and plain strings directly: JSON.stringify is a call into the engine's runtime that
 * costs more than an event's whole diff for the few short ops a patch usually has. Nested
 * values (a Create's trees) and strings that need escapes are left to it.
 */
export function encodePatch(s: number, ops: PatchOp[], a?: number): string {
  let out = '{"k":' + Msg.Patch + ',"s":' + s + ',"o":[';
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    out += i === 0 ? "[" : ",[";
    for (let j = 0; j < op.length; j++) {
      const x = op[j];
      if (j > 0) out += ",";
      out += typeof x === "number" && Number.isFinite(x) ? "" + x : typeof x === "string" && isPlainText(x) ? '"' + x + '"' : JSON.stringify(x);
    }
    out += "]";
  }
  return a === undefined ? out + "]}" : out + '],"a":' + a + "}";
}

/** True if JSON writes `text` as it is between quotes: no quote, backslash, control character or surrogate. */
function isPlainText(text: string): boolean {
  if (text.length > 256) return false; // JSON.stringify is as quick for long text
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}
