import { isUtf8 } from "node:buffer";
import type { Duplex } from "node:stream";
import type { WebSocket } from "ws";

/**
 * A session's small text message written as one WebSocket frame in one buffer, and a tab's
 * read as one frame (readTextFrame).
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

// ws's receiver state between frames (`GET_INFO` in ws/lib/receiver.js).
const RECEIVER_IDLE = 0;

interface ReceiverInternals {
  _state?: number;
  _bufferedBytes?: number;
  _fragmented?: number;
  _errored?: boolean;
  _maxPayload?: number;
}

/**
 * The text of `chunk` (a read of `ws`'s TCP socket) if it is exactly one final, masked,
 * uncompressed text frame of at most 65,535 bytes with valid UTF-8, and ws's receiver is
 * between frames with nothing buffered (so the frame is the next thing it would read); null
 * otherwise, the chunk left as it came, for ws's receiver to read as usual (and refuse, if it
 * is not a frame a client may send). The text is unmasked in place, as ws does, and keeps the
 * chunk's memory: it is read at once and not kept. ws's private fields as in ws 8 (`_receiver`
 * and its state); without them, null.
 */
export function readTextFrame(ws: WebSocket, chunk: Buffer): Buffer | null {
  // FIN, no RSV bit (none negotiated, or an uncompressed message), opcode 1; masked, as a client's must be.
  if (chunk.length < 6 || chunk[0] !== 0x81 || chunk[1]! < 0x80) return null;
  let length = chunk[1]! & 0x7f;
  let at = 6;
  if (length === 126) {
    length = (chunk[2]! << 8) | chunk[3]!;
    at = 8;
  } else if (length === 127) return null;
  if (at + length !== chunk.length) return null;
  const receiver = (ws as unknown as { _receiver?: ReceiverInternals | null })._receiver;
  if (receiver == null || receiver._state !== RECEIVER_IDLE || receiver._bufferedBytes !== 0 || receiver._fragmented !== 0 || receiver._errored !== false) return null;
  const max = receiver._maxPayload;
  if (max === undefined || (max > 0 && length > max)) return null;
  const text = chunk.subarray(at);
  // ASCII (what JSON mostly is) is valid UTF-8; anything else is checked.
  if ((unmask(chunk, at, length) & 0x80) === 0 || isUtf8(text)) return text;
  unmask(chunk, at, length); // masked again, for ws to refuse (1007)
  return null;
}

/** Unmasks `length` bytes at `at` in place (the mask is the 4 bytes before them); returns them OR'ed together. */
function unmask(chunk: Buffer, at: number, length: number): number {
  const m0 = chunk[at - 4]!, m1 = chunk[at - 3]!, m2 = chunk[at - 2]!, m3 = chunk[at - 1]!;
  const whole = at + (length & ~3);
  const end = at + length;
  let all = 0;
  let i = at;
  for (; i < whole; i += 4) all |= (chunk[i] ^= m0) | (chunk[i + 1] ^= m1) | (chunk[i + 2] ^= m2) | (chunk[i + 3] ^= m3);
  if (i < end) all |= chunk[i++] ^= m0;
  if (i < end) all |= chunk[i++] ^= m1;
  if (i < end) all |= chunk[i] ^= m2;
  return all;
}
