import { deflateRawSync } from "node:zlib";
import type { WebSocket } from "ws";
import type { Connection } from "../session/channel.js";

/**
 * A session's view of a WebSocket: text as is, and a message larger than `threshold` bytes
 * as one deflate-raw binary frame, which the runtime inflates with DecompressionStream.
 *
 * Why not permessage-deflate: with it, ws compresses every message unless context takeover is
 * off, browsers compress every small event (which the server must then inflate), and each
 * connection holds zlib state. Compressing only the large messages (a mount, a big patch), one
 * at a time and statelessly, costs small messages nothing and sessions no memory.
 */
export class SocketConnection implements Connection {
  readonly ws: WebSocket;
  private readonly threshold: number;

  constructor(ws: WebSocket, threshold: number) {
    this.ws = ws;
    this.threshold = threshold;
  }

  send(data: string): void {
    if (this.ws.readyState !== 1) return;
    if (data.length >= this.threshold) this.ws.send(deflateRawSync(data), { binary: true });
    else this.ws.send(data);
  }

  close(code?: number, reason?: string): void {
    this.ws.close(code, reason);
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
}
