/**
 * A minimal WebSocket client over a bare TCP socket, for the joins scenario only: there the
 * load client opens and closes a connection per join, and with `ws`'s client (an HTTP request
 * per handshake, a random key and its SHA-1 check, extension negotiation, the close
 * handshake's timers) the load client, not the server, set the pace. This one writes the
 * handshake as one fixed request, checks only the status line, masks frames with a zero key
 * (the server unmasks them all the same) and closes without waiting. Servers do exactly the
 * work they do for a browser; only the client is lighter. Text and binary messages of any
 * size; no fragmented messages (no server here sends them).
 */
import { connect, type Socket } from "node:net";

// The RFC 6455 example key: the client trusts the server's answer without checking it.
const KEY = "dGhlIHNhbXBsZSBub25jZQ==";

/** A message from the server: its text, or null for a binary frame (a compressed Tether message). */
export type RawMessage = { text: string | null; bytes: number };

export class RawSocket {
  private readonly socket: Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private readonly messages: RawMessage[] = [];
  private waiting: { resolve: (m: RawMessage) => void; reject: (e: Error) => void } | null = null;
  private ended: Error | null = null;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", (error) => this.end(error));
    socket.on("close", () => this.end(new Error("the server closed the connection")));
  }

  /** Connects to `url` (ws://127.0.0.1:port/path?query) and completes the handshake. */
  static open(url: string): Promise<RawSocket> {
    const { hostname, port, pathname, search } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: hostname, port: Number(port), noDelay: true });
      let head = "";
      const onData = (chunk: Buffer) => {
        head += chunk.toString("latin1");
        const end = head.indexOf("\r\n\r\n");
        if (end === -1) return;
        socket.off("data", onData);
        socket.off("error", reject);
        if (!head.startsWith("HTTP/1.1 101")) {
          socket.destroy();
          reject(new Error(`the server refused the WebSocket: ${head.slice(0, head.indexOf("\r\n"))}`));
          return;
        }
        const raw = new RawSocket(socket);
        const rest = Buffer.from(head.slice(end + 4), "latin1");
        if (rest.length > 0) raw.receive(rest);
        resolve(raw);
      };
      socket.on("data", onData);
      socket.once("error", reject);
      socket.write(
        `GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
  }

  /** Sends a text message. */
  send(text: string): void {
    this.frame(0x1, Buffer.from(text));
  }

  /** The next message from the server. */
  next(): Promise<RawMessage> {
    const message = this.messages.shift();
    if (message !== undefined) return Promise.resolve(message);
    if (this.ended !== null) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  /** Sends a close frame (1000) and ends the connection without waiting for the server's. */
  close(): void {
    if (this.ended !== null) return;
    this.frame(0x8, Buffer.from([0x03, 0xe8]));
    this.ended = new Error("closed");
    this.socket.end();
  }

  /** A masked frame, as a client must send it (with a zero key, the payload is unchanged). */
  private frame(opcode: number, payload: Buffer): void {
    const n = payload.length;
    const size = n < 126 ? 2 : n < 65536 ? 4 : 10;
    const head = Buffer.alloc(size + 4); // + the masking key, all zeros
    head[0] = 0x80 | opcode;
    if (n < 126) head[1] = 0x80 | n;
    else if (n < 65536) {
      head[1] = 0x80 | 126;
      head.writeUInt16BE(n, 2);
    } else {
      head[1] = 0x80 | 127;
      head.writeBigUInt64BE(BigInt(n), 2);
    }
    this.socket.write(Buffer.concat([head, payload]));
  }

  private receive(chunk: Buffer): void {
    let data = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    for (;;) {
      if (data.length < 2) break;
      const opcode = data[0] & 0x0f;
      let n = data[1] & 0x7f;
      let at = 2;
      if (n === 126) {
        if (data.length < 4) break;
        n = data.readUInt16BE(2);
        at = 4;
      } else if (n === 127) {
        if (data.length < 10) break;
        n = Number(data.readBigUInt64BE(2));
        at = 10;
      }
      if (data.length < at + n) break;
      const payload = data.subarray(at, at + n);
      data = data.subarray(at + n);
      if (opcode === 0x1) this.deliver({ text: payload.toString(), bytes: n });
      else if (opcode === 0x2) this.deliver({ text: null, bytes: n });
      else if (opcode === 0x9) this.frame(0xa, Buffer.from(payload));
      else if (opcode === 0x8) this.end(new Error("the server closed the WebSocket"));
    }
    this.buffered = data.length === 0 ? Buffer.alloc(0) : Buffer.from(data);
  }

  private deliver(message: RawMessage): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting !== null) waiting.resolve(message);
    else this.messages.push(message);
  }

  private end(error: Error): void {
    if (this.ended !== null) return;
    this.ended = error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(error);
    this.socket.destroy();
  }
}
