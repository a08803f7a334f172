/**
 * What every benchmark client shares: one WebSocket, one request in flight at a time, and for
 * each request its round trip (from `send` to the arrival of the answer, before the client
 * parses it) and its size twice: the payload (the message as the application sees it) and the
 * bytes that crossed the TCP connection (frame headers included, after permessage-deflate
 * where the server negotiated it).
 */
import type { Socket } from "node:net";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

/** One request's answer. */
export interface Sample {
  /** Send → answer arrived, in milliseconds. */
  ms: number;
  /** Bytes of the answer as the application reads it (decompressed). */
  payload: number;
  /** Bytes read from the TCP socket for the answer. */
  wire: number;
}

/** A page operation, the same for every framework: a button, or a row's link by position. */
export type Action = { kind: "click"; name: string } | { kind: "select" | "remove"; index: number };

/** The common face of the Tether, LiveViewJS and whole-HTML clients. */
export interface LiveClient {
  readonly label: string;
  /** Performs one operation and resolves when the server's answer has arrived. */
  act(action: Action): Promise<Sample>;
  /** Rows the page shows now, as the client understood the answers (a check that operations worked). */
  rowCount(): number;
  /** Sends `inc` clicks back to back, each as soon as the previous one is answered, until `deadline` (performance.now()). Resolves with the number answered. */
  pump(deadline: number): Promise<number>;
  close(): void;
}

/** Opens a WebSocket and keeps its TCP socket, to count the bytes read. Offers permessage-deflate, as browsers do. */
export async function openSocket(url: string, timeout = 10_000): Promise<{ ws: WebSocket; tcp: Socket }> {
  const ws = new WebSocket(url, { handshakeTimeout: timeout });
  let tcp: Socket | null = null;
  ws.once("upgrade", (response) => (tcp = response.socket as Socket));
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  ws.on("error", () => {}); // a late error is followed by close; the pending request fails there
  return { ws, tcp: tcp! };
}

interface Pending {
  t0: number;
  wire0: number;
  resolve: (sample: Sample) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** One request at a time over one socket; subclasses decide which message answers it. */
export abstract class Connection {
  protected readonly ws: WebSocket;
  protected readonly tcp: Socket;
  private pending: Pending | null = null;
  private pumpDeadline = 0;
  private pumpCount = 0;
  private pumpDone: ((count: number) => void) | null = null;

  protected constructor(socket: { ws: WebSocket; tcp: Socket }) {
    this.ws = socket.ws;
    this.tcp = socket.tcp;
    this.ws.on("message", (data: Buffer, isBinary: boolean) => this.receive(data, isBinary, performance.now()));
    this.ws.on("close", (code: number, reason: Buffer) => this.fail(new Error(`the server closed the connection (${code}${reason.length ? ` ${reason}` : ""})`)));
  }

  /** Handles one message that arrived at `at`; calls `answered` when it answers the request in flight. */
  protected abstract receive(data: Buffer, isBinary: boolean, at: number): void;

  /** The next `inc` event of a pump, as the text to send. */
  protected abstract nextPumpMessage(): string;

  /** Sends `text` as a request; resolves with its sample when the subclass calls `answered`. */
  protected request(text: string, timeout = 60_000): Promise<Sample> {
    if (this.pending !== null) throw new Error("one request at a time");
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`no answer within ${timeout} ms`)), timeout);
      this.pending = { t0: performance.now(), wire0: this.tcp.bytesRead, resolve, reject, timer };
      this.ws.send(text);
    });
  }

  protected answered(at: number, payload: number): void {
    if (this.pumpDone !== null) {
      this.pumpCount++;
      if (at < this.pumpDeadline) this.ws.send(this.nextPumpMessage());
      else {
        const done = this.pumpDone;
        this.pumpDone = null;
        done(this.pumpCount);
      }
      return;
    }
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.resolve({ ms: at - pending.t0, payload, wire: this.tcp.bytesRead - pending.wire0 });
  }

  protected fail(error: Error): void {
    const pending = this.pending;
    this.pending = null;
    if (pending !== null) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    if (this.pumpDone !== null) {
      const done = this.pumpDone;
      this.pumpDone = null;
      done(this.pumpCount);
    }
  }

  pump(deadline: number): Promise<number> {
    this.pumpDeadline = deadline;
    this.pumpCount = 0;
    return new Promise((resolve) => {
      this.pumpDone = resolve;
      this.ws.send(this.nextPumpMessage());
    });
  }

  close(): void {
    this.ws.close();
  }
}
