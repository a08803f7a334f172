import type { IncomingMessage, ServerResponse } from "node:http";
import { gzip, gzipSync } from "node:zlib";
import { SessionClose, type Transport } from "../session/channel.js";
import { randomToken } from "../session/random-token.js";
import type { ClientRecord } from "./client-connections.js";
import { connectionClosed, createConnection, receiveText, type Connection, type ConnectionHost } from "./connection.js";
import { COMPRESS_OFF_LOOP_FROM } from "./deflating.js";

const ANSWER_HEADERS = { "content-type": "application/json", "cache-control": "no-store" } as const;
const GZIPPED_HEADERS = { ...ANSWER_HEADERS, "content-encoding": "gzip" } as const;

/**
 * The HTTP long-poll transport (after PyWebIO's): a GET waits for server messages, a POST
 * carries the browser's. Same messages, sequence numbers and acknowledgements as the
 * WebSocket; a lost response is recovered the same way, by resuming. Its HTTP endpoint, which
 * finds it by id, is long-poll-endpoint.ts.
 */
export class LongPollTransport implements Transport {
  readonly id = randomToken(18);
  /**
   * What every request after the first must show (`X-Tether-Key`) besides the id: the id
   * travels in URLs, which servers and proxies log; the key only in a header, and a custom
   * header is one that another site's page cannot send without the server's consent (CORS).
   */
  readonly key = randomToken(18);
  /** The tab's connection over this transport. */
  readonly connection: Connection;
  private queue: string[] = [];
  private waiting: ServerResponse | null = null;
  /** Gzip responses at least this long (Infinity: the browser did not accept gzip). */
  private gzipAbove = Infinity;
  private waitTimer: NodeJS.Timeout | null = null;
  private closed: [number, string] | null = null;
  /** When the browser last polled or posted (ms since epoch). */
  lastSeen = Date.now();
  bufferedAmount = 0;
  private readonly pollTimeout: number;
  private readonly onClosed: (transport: LongPollTransport) => void;

  /** `client`: the record of the client's address in `host.clients`, counting this connection. */
  constructor(host: ConnectionHost, pollTimeout: number, onClosed: (transport: LongPollTransport) => void, client: ClientRecord) {
    this.pollTimeout = pollTimeout;
    this.onClosed = onClosed;
    this.connection = createConnection(this, host, client);
  }

  /**
   * Queues a message for the next GET. Every message counts toward the connection's buffer:
   * one that finds more than `maxBufferedBytes` queued (a tab that posts and does not poll)
   * closes the transport with 4008 instead; the session waits for the tab to resume.
   */
  send(data: string): void {
    if (this.closed !== null) return;
    if (this.bufferedAmount > this.connection.host.maxBufferedBytes) {
      this.close(SessionClose.TooFarBehind, "too much waiting for a tab that does not poll");
      return;
    }
    this.queue.push(data);
    this.bufferedAmount += data.length;
    if (this.waiting !== null) this.respond();
  }

  /**
   * Closes: what is queued and the close code are still given to the next poll (then the
   * connection is forgotten), or forgotten after a poll timeout if no poll comes.
   */
  close(code = 1000, reason = ""): void {
    if (this.closed !== null) return;
    this.closed = [code, reason];
    connectionClosed(this.connection);
    if (this.waiting !== null) this.respond();
    else setTimeout(() => this.onClosed(this), this.pollTimeout).unref();
  }

  /** A GET: answered at once if messages wait, else when one comes or after the poll timeout (with none). */
  poll(res: ServerResponse, gzipAbove = Infinity): void {
    this.lastSeen = Date.now();
    if (this.waiting !== null) this.respond(); // a newer poll replaces an older one
    this.waiting = res;
    this.gzipAbove = gzipAbove;
    res.on("close", () => {
      if (this.waiting === res) this.stopWaiting();
    });
    if (this.queue.length > 0 || this.closed !== null) this.respond();
    else this.waitTimer = setTimeout(() => this.respond(), this.pollTimeout);
  }

  /**
   * A POST: newline-separated JSON messages (`request`: the POST, for a join among them). The
   * rest of a body is not read once the connection closed (a flood, too many bad messages).
   */
  receive(body: string, request: IncomingMessage): void {
    this.lastSeen = Date.now();
    for (const line of body.split("\n")) {
      if (this.closed !== null) return;
      if (line !== "") receiveText(this.connection, line, request);
    }
  }

  /**
   * Milliseconds until the session's rate limit takes more from this tab: the endpoint holds
   * the answer to its POST that long, and the page sends its next POST only after the answer.
   */
  get readingDelay(): number {
    return this.connection.session?.readingDelay ?? 0;
  }

  /** True if the browser still polls: a GET is waiting, or one came within `timeout` ms. */
  isAlive(now: number, timeout: number): boolean {
    return this.waiting !== null || now - this.lastSeen <= timeout;
  }

  get isClosed(): boolean {
    return this.closed !== null;
  }

  private respond(): void {
    const res = this.waiting!;
    this.stopWaiting();
    const messages = this.queue;
    this.queue = [];
    this.bufferedAmount = 0;
    // The close travels with the last messages: the page applies them, then sees why it was closed.
    const close = this.closed !== null ? `,"close":${JSON.stringify(this.closed)}` : "";
    const body = `{"m":[${messages.join(",")}]${close}}`;
    if (body.length < this.gzipAbove) {
      res.writeHead(200, ANSWER_HEADERS);
      res.end(body);
    } else if (body.length < COMPRESS_OFF_LOOP_FROM) {
      res.writeHead(200, GZIPPED_HEADERS);
      res.end(gzipSync(body));
    } else {
      // A large answer (a mount) is compressed on zlib's thread pool, as TetherSocket does:
      // the page polls again only once it has this answer, so nothing can overtake it.
      gzip(body, (error, zipped) => {
        if (error !== null) res.destroy(); // the page resumes and gets it again
        else {
          res.writeHead(200, GZIPPED_HEADERS);
          res.end(zipped);
        }
      });
    }
    if (this.closed !== null) this.onClosed(this);
  }

  private stopWaiting(): void {
    this.waiting = null;
    if (this.waitTimer !== null) clearTimeout(this.waitTimer);
    this.waitTimer = null;
  }
}
