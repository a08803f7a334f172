import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";

/**
 * A session's small text message written as one WebSocket frame in one buffer.
 *
 * ws frames a message as two chunks, its header and its payload, and writes them corked:
 * on a socket that answers tens of thousands of events a second, that write (two chunks
 * gathered into a writev, the text encoded there, a write request per chunk) is the largest
 * share of an event's CPU after the system call itself. A patch is a few dozen bytes, so its
 * frame is built here, header and UTF-8 text in one buffer from Node's pool, and written once.
 *
 * It takes ws's place only when nothing of ws's is in flight: its sender idle (no message
 * being compressed or read from a Blob, none queued behind one) and between messages, with
 * no extension negotiated (a frame of ours carries none of their bits). Otherwise, and if
 * ws's private fields are not as in ws 8 (`_sender` with its state and extensions, `_socket`;
 * a ws upgrade should check them), it returns false and the caller sends through ws, keeping
 * the order of messages.
 */

/** The largest payload written here: with a 16-bit length, the header is at most 4 bytes. */
const MAX_PAYLOAD = 0xffff;
// ws's sender state when nothing is in flight (`DEFAULT` in ws/lib/sender.js).
const SENDER_IDLE = 0;

interface WsInternals {
  _sender?: { _state?: number; _firstFragment?: boolean; _extensions?: object } | null;
  _socket?: Duplex | null;
}

/** Writes `text` as one final text frame; false if it must go through ws instead. */
export function writeTextFrame(ws: WebSocket, text: string): boolean {
  const { _sender: sender, _socket: socket } = ws as unknown as WsInternals;
  if (sender == null || socket == null || sender._state !== SENDER_IDLE || sender._firstFragment !== true || !isEmpty(sender._extensions)) return false;
  if (text.length > MAX_PAYLOAD) return false; // at least as many bytes as characters
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_PAYLOAD) return false;
  const header = bytes > 125 ? 4 : 2;
  const frame = Buffer.allocUnsafe(header + bytes);
  frame[0] = 0x81; // FIN, opcode 1 (text)
  if (header === 2) frame[1] = bytes; // unmasked: the server never masks
  else {
    frame[1] = 126;
    frame.writeUInt16BE(bytes, 2);
  }
  frame.write(text, header);
  socket.write(frame);
  return true;
}

/** True if the negotiated extensions (ws keeps them by name) are none; ws's `extensions` getter would build a string. */
function isEmpty(extensions: object | undefined): boolean {
  if (extensions === undefined) return false;
  for (const _ in extensions) return false;
  return true;
}
