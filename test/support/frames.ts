/** WebSocket frames as a client writes them, for tests that write a socket's bytes themselves. */
/** `payload` as a client frames it: FIN and `opcode` (text), masked with a fixed key. */
export function maskedFrame(payload: string | Buffer, first = 0x81): Buffer {
  const data = typeof payload === "string" ? Buffer.from(payload) : payload;
  const header = data.length > 125 ? Buffer.from([first, 0x80 | 126, data.length >> 8, data.length & 0xff]) : Buffer.from([first, 0x80 | data.length]);
  const mask = Buffer.from([0x5a, 0xc3, 0x01, 0xfe]);
  const body = Buffer.from(data.map((byte, i) => byte ^ mask[i & 3]!));
  return Buffer.concat([header, mask, body]);
}
