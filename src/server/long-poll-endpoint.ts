import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { SessionClose } from "../session/channel.js";
import { clientAddress } from "./client-address.js";
import { TRY_AGAIN } from "./client-connections.js";
import type { ConnectionHost } from "./connection.js";
import { LongPollTransport } from "./long-poll.js";
import type { ResolvedOptions } from "./options.js";
import { isAllowedOrigin } from "./origin.js";

/** Close code for a long-poll connection the server no longer knows. */
export const GONE = 4410;

/**
 * The HTTP endpoint of the long-poll transport, `…/poll`: `POST` opens a connection (answering
 * its id `c`) or carries messages to one (`?c=id`), one JSON message per line; `GET ?c=id`
 * waits for the server's messages. It keeps the open long-poll transports by id.
 */
export class LongPollEndpoint {
  private readonly polls = new Map<string, LongPollTransport>();
  private readonly host: ConnectionHost;
  private readonly pollTimeout: number;
  /** A transport nobody polled for this long is closed (see sweep). */
  private readonly deadTimeout: number;
  private readonly maxBodySize: number;
  private readonly compressionThreshold: number;
  private readonly allowedOrigins: ReadonlySet<string>;
  private readonly trustProxy: boolean;
  // One function for every transport of this endpoint, not a closure each.
  private readonly forget = (transport: LongPollTransport): void => {
    this.polls.delete(transport.id);
  };

  constructor(host: ConnectionHost, options: ResolvedOptions) {
    this.host = host;
    this.pollTimeout = options.pollTimeout;
    this.deadTimeout = options.pollTimeout + options.heartbeatTimeout;
    // A POST may carry several messages, each up to maxMessageSize.
    this.maxBodySize = options.maxMessageSize * 4;
    this.compressionThreshold = options.compressionThreshold;
    this.allowedOrigins = options.allowedOrigins;
    this.trustProxy = options.trustProxy;
  }

  /** How many long-poll transports are open (or closed and keeping their last answer). */
  get size(): number {
    return this.polls.size;
  }

  /** Answers a request for `…/poll` (the caller checked the path); always handles it. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<true> {
    if (!isAllowedOrigin(req, this.allowedOrigins, this.trustProxy)) {
      // Another site's page: refused before any connection or session exists (invariant 7,
      // "Escaped by default" in ARCHITECTURE.md).
      answer(res, 403, { error: "this origin may not connect" });
      return true;
    }
    const id = new URL(req.url ?? "/", "http://localhost").searchParams.get("c");
    let transport = id === null ? undefined : this.polls.get(id);
    if (transport !== undefined && !sameKey(req.headers["x-tether-key"], transport.key)) {
      answer(res, 403, { error: "this long-poll connection belongs to another client" });
      return true;
    }
    if (id !== null && (transport === undefined || (transport.isClosed && req.method !== "GET"))) {
      answer(res, 410, { m: [], close: [GONE, "unknown connection"] });
      return true;
    }
    // A closed transport still answers one GET: its last messages and why it was closed.
    if (req.method === "GET" && transport !== undefined) {
      transport.poll(res, /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? this.compressionThreshold : Infinity);
      return true;
    }
    if (req.method !== "POST") {
      answer(res, 405, { error: "use GET …/poll?c=<id> or POST …/poll" });
      return true;
    }
    const body = await readBody(req, this.maxBodySize);
    if (body === null) {
      answer(res, 413, { error: `a poll body may not exceed ${this.maxBodySize} bytes` });
      return true;
    }
    const opens = transport === undefined;
    if (transport === undefined) {
      const client = clientAddress(req, this.trustProxy);
      if (!this.host.clients.admits(client)) {
        answer(res, 429, { error: "too many connections from this address" }, TRY_AGAIN);
        return true;
      }
      transport = new LongPollTransport(this.host, this.pollTimeout, this.forget, this.host.clients.open(client));
      this.polls.set(transport.id, transport);
    }
    transport.receive(body, req);
    // The rate limit (see LongPollTransport.readingDelay): a tab past it is read more slowly.
    const delay = transport.readingDelay;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    // The key only to the request that opened the connection: later ones show it.
    answer(res, 200, opens ? { c: transport.id, k: transport.key } : { c: transport.id });
    return true;
  }

  /** Closes the transports whose browser stopped polling (part of the server's one sweep). */
  sweep(now: number): void {
    for (const transport of this.polls.values()) if (!transport.isAlive(now, this.deadTimeout)) transport.close(1001, "stopped polling");
  }

  /** Closes every transport: the server is stopping. */
  close(reason: string): void {
    for (const transport of [...this.polls.values()]) transport.close(SessionClose.GoingAway, reason);
  }
}

/** Whether a request's `X-Tether-Key` is the transport's key (compared in constant time). */
function sameKey(given: string | string[] | undefined, key: string): boolean {
  if (typeof given !== "string" || given.length !== key.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(key));
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

/** Reads a request body as text, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Keep reading (and dropping) so the 413 can be answered rather than the connection reset.
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(null));
  });
}
