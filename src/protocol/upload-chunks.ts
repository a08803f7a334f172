/**
 * An upload's chunk as one binary WebSocket frame (or one HTTP POST body under long-poll),
 * written by the page's upload script and read by the server:
 *
 *   [1 byte: n][n bytes: the entry id, ASCII][8 bytes: the chunk's offset, float64 big-endian][the bytes]
 *
 * Binary, not JSON: base64 would add a third to every byte of a file. The offset travels so that
 * the server can tell a chunk re-sent after a reconnection (already stored) from a new one.
 */

/** Bytes of a chunk's data (the page's choice; the server takes any size up to MAX_CHUNK_BYTES). */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** The largest chunk the server accepts. */
export const MAX_CHUNK_BYTES = 1 << 20;
/** Chunks the page keeps in flight (sent, not acknowledged) on one connection. */
export const UPLOAD_WINDOW = 4;

/** A decoded chunk frame. */
export interface UploadChunk {
  id: string;
  offset: number;
  data: Uint8Array;
}

/** Writes a chunk frame (in the page). */
export function encodeChunk(id: string, offset: number, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const frame = new Uint8Array(1 + id.length + 8 + data.length);
  frame[0] = id.length;
  for (let i = 0; i < id.length; i++) frame[1 + i] = id.charCodeAt(i);
  new DataView(frame.buffer).setFloat64(1 + id.length, offset);
  frame.set(data, 9 + id.length);
  return frame;
}

/** Reads a chunk frame (on the server); null if it is malformed. `data` is a view of `frame`, not a copy. */
export function decodeChunk(frame: Uint8Array): UploadChunk | null {
  const n = frame[0];
  if (frame.length < 9 + n || n === 0) return null;
  let id = "";
  for (let i = 0; i < n; i++) {
    const c = frame[1 + i];
    if (c < 0x21 || c > 0x7e) return null;
    id += String.fromCharCode(c);
  }
  const offset = new DataView(frame.buffer, frame.byteOffset, frame.length).getFloat64(1 + n);
  if (!Number.isSafeInteger(offset) || offset < 0) return null;
  const data = frame.subarray(9 + n);
  if (data.length > MAX_CHUNK_BYTES) return null;
  return { id, offset, data };
}
