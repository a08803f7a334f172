/**
 * Protocol clients for tests, one per transport, with the same interface: what a browser tab
 * does on the wire, without the browser. The conformance suite (test/integration/transport.case.ts)
 * runs the same cases through each, the chaos and fuzz tests drive them hard.
 */
import { inflateRawSync } from "node:zlib";
import WebSocket from "ws";
import { openPage, rememberToken, tokenFor } from "./page-token.js";
import { Msg, PROTOCOL_VERSION, type ClientMessage, type ElementTree, type EventData, type MountMessage, type ServerMessage, type Tree } from "../../src/protocol/wire.js";
import { findId, indexMount } from "./page.js";

export type TransportName = "websocket" | "longpoll";

/** How a transport ended: the close code and reason the server gave, or 1006 for a drop. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** What `join` resolves with: the session's whole tree, a resumption, or a refusal. */
export type JoinAnswer = ServerMessage & { k: typeof Msg.Mount | typeof Msg.Resume | typeof Msg.Error };

/** One connection to a Tether server, speaking the wire protocol. */
export interface ProtocolTransport {
  readonly name: TransportName;
  /** Every message the server sent on this connection, in order. */
  readonly received: ServerMessage[];
  /** Resolves when the connection has ended, by either side. */
  readonly closed: Promise<CloseInfo>;
  readonly isClosed: boolean;
  /** Sequence number of the last event sent by `event()`; set it to go on from another connection's. */
  eventSeq: number;
  /** Called with each server message as it arrives, before anything waiting for it. */
  onMessage: ((m: ServerMessage) => void) | null;
  /** Sends a Join (a resume if `rt` is given) and resolves with the Mount, Resume or Error it gets. */
  join(path: string, sid?: string | null, resume?: { rt?: string; s?: number }): Promise<JoinAnswer>;
  send(message: ClientMessage | Record<string, unknown>): void;
  /** Sends text as it is (for malformed input). */
  sendRaw(text: string): void;
  /** Sends a DOM event on node `n` with the next sequence number, which it returns. */
  event(node: number, type?: string, data?: EventData): number;
  /** The next message arriving from now on that passes `test`. */
  next(test?: (m: ServerMessage) => boolean, timeout?: number): Promise<ServerMessage>;
  /** The first message, already received or still to come, that passes `test`. */
  find(test: (m: ServerMessage) => boolean, timeout?: number): Promise<ServerMessage>;
  /** Drops the connection abruptly, as a lost network does; resolves once it is closed on this side. */
  close(): Promise<void>;
}

export interface TransportFactory {
  readonly name: TransportName;
  /** Opens a connection to a running server (`http://127.0.0.1:port`). */
  connect(serverUrl: string, base?: string): Promise<ProtocolTransport>;
}

interface Waiter {
  test: (m: ServerMessage) => boolean;
  resolve: (m: ServerMessage) => void;
}

/** What both transports share: message bookkeeping, waiting, and the protocol's conveniences. */
abstract class BaseTransport implements ProtocolTransport {
  abstract readonly name: TransportName;
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<CloseInfo>;
  isClosed = false;
  eventSeq = 0;
  onMessage: ((m: ServerMessage) => void) | null = null;
  private waiters: Waiter[] = [];
  private settleClosed!: (info: CloseInfo) => void;

  constructor() {
    this.closed = new Promise((resolve) => (this.settleClosed = resolve));
  }

  abstract sendRaw(text: string): void;
  abstract close(): Promise<void>;

  send(message: ClientMessage | Record<string, unknown>): void {
    this.sendRaw(JSON.stringify(message));
  }

  /** The server this transport talks to (`http://127.0.0.1:port`), for the page GET of a join. */
  abstract readonly serverUrl: string;
  /** The session of the last join, for the join token its Resume brings. */
  private sid: string | null = null;

  /**
   * Joins session `sid` with the join token a tab would hold for it (see page-token.ts), or with
   * no `sid`, opens the page (a GET, as a tab does) and joins its session.
   */
  async join(path: string, sid: string | null = null, resume: { rt?: string; s?: number } = {}): Promise<JoinAnswer> {
    let token = tokenFor(sid);
    if (sid === null) ({ sid, token } = await openPage(this.serverUrl, path));
    this.sid = sid;
    const join: Record<string, unknown> = { k: Msg.Join, v: PROTOCOL_VERSION, sid, path };
    if (token !== undefined) join.t = token;
    if (resume.rt !== undefined) join.rt = resume.rt;
    if (resume.s !== undefined) join.s = resume.s;
    const answer = this.next((m) => m.k === Msg.Mount || m.k === Msg.Resume || m.k === Msg.Error);
    this.send(join);
    return (await answer) as JoinAnswer;
  }

  event(node: number, type = "click", data: EventData = {}): number {
    const e = ++this.eventSeq;
    this.send({ k: Msg.Event, e, n: node, t: type, d: data });
    return e;
  }

  next(test: (m: ServerMessage) => boolean = () => true, timeout = 10_000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.name}: timed out waiting for a server message (got ${this.received.length}: ${describeLast(this.received)})`));
      }, timeout);
      const waiter: Waiter = { test, resolve: (m) => (clearTimeout(timer), resolve(m)) };
      this.waiters.push(waiter);
    });
  }

  find(test: (m: ServerMessage) => boolean, timeout?: number): Promise<ServerMessage> {
    const seen = this.received.find(test);
    return seen !== undefined ? Promise.resolve(seen) : this.next(test, timeout);
  }

  protected deliver(m: ServerMessage): void {
    if (m.k === Msg.Mount) rememberToken((this.sid = m.sid), m.tk);
    else if (m.k === Msg.Resume && this.sid !== null) rememberToken(this.sid, m.tk);
    this.received.push(m);
    this.onMessage?.(m);
    if (this.waiters.length === 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (w.test(m)) w.resolve(m);
      else this.waiters.push(w);
    }
  }

  protected ended(info: CloseInfo): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.settleClosed(info);
  }
}

function describeLast(received: ServerMessage[]): string {
  return received.slice(-3).map((m) => JSON.stringify(m).slice(0, 120)).join(" ");
}

/** Over a WebSocket, as the runtime uses by default. */
export class WebSocketTransport extends BaseTransport {
  readonly name = "websocket";
  readonly ws: WebSocket;
  readonly serverUrl: string;

  private constructor(ws: WebSocket, serverUrl: string) {
    super();
    this.ws = ws;
    this.serverUrl = serverUrl;
    ws.on("message", (data: Buffer, isBinary) => {
      // A large message comes as one deflate-raw binary frame (see TetherSocket.send in src/server/socket.ts).
      const text = isBinary ? inflateRawSync(data).toString("utf8") : data.toString("utf8");
      this.deliver(JSON.parse(text) as ServerMessage);
    });
    ws.on("close", (code, reason) => this.ended({ code, reason: reason.toString() }));
    ws.on("error", () => {}); // a refused or reset socket also closes; the close says how
  }

  /** `options`: ws's, such as the `ca` that a server's test certificate is trusted by. */
  static async connect(serverUrl: string, base = "/_tether", options: WebSocket.ClientOptions = {}): Promise<WebSocketTransport> {
    const ws = new WebSocket(serverUrl.replace(/^http/, "ws") + base + "/ws", options);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return new WebSocketTransport(ws, serverUrl);
  }

  sendRaw(text: string): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  /** Sends a binary frame, or a text frame made of raw bytes (which need not be UTF-8). */
  sendBytes(data: Buffer, binary: boolean): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data, { binary });
  }

  async close(): Promise<void> {
    this.ws.terminate();
    await this.closed;
  }
}

/**
 * Over HTTP long-poll, as the runtime falls back to: the first POST (its body one JSON message
 * per line) opens the connection and answers its id; later POSTs carry more messages, one at
 * a time and in order; a loop of GETs takes the server's messages.
 */
export class LongPollTransport extends BaseTransport {
  readonly name = "longpoll";
  /** The connection's id, once the first POST is answered. */
  id: string | null = null;
  /** The key the server gave with the id: later requests show it (X-Tether-Key). */
  key = "";
  readonly serverUrl: string;
  private readonly url: string;
  private readonly aborter = new AbortController();
  private outgoing: string[] = [];
  private posting = false;

  private constructor(serverUrl: string, url: string) {
    super();
    this.serverUrl = serverUrl;
    this.url = url;
  }

  /** Nothing goes over the network until the first message, as in the runtime. */
  static async connect(serverUrl: string, base = "/_tether"): Promise<LongPollTransport> {
    return new LongPollTransport(serverUrl, `${serverUrl}${base}/poll`);
  }

  sendRaw(text: string): void {
    if (this.isClosed) return;
    this.outgoing.push(text);
    void this.flush();
  }

  async close(): Promise<void> {
    this.ended({ code: 1006, reason: "dropped by the client" });
    this.aborter.abort();
  }

  private async flush(): Promise<void> {
    if (this.posting || this.isClosed || this.outgoing.length === 0) return;
    this.posting = true;
    const body = this.outgoing.join("\n");
    this.outgoing = [];
    try {
      const res = await fetch(this.id === null ? this.url : `${this.url}?c=${this.id}`, {
        method: "POST",
        body,
        headers: { "content-type": "text/plain", "x-tether-key": this.key },
        signal: this.aborter.signal,
      });
      const answer = (await res.json()) as { c?: string; k?: string; close?: [number, string]; error?: string };
      if (!res.ok) {
        this.ended({ code: answer.close?.[0] ?? 4000 + res.status, reason: answer.error ?? answer.close?.[1] ?? `POST answered ${res.status}` });
        return;
      }
      if (this.id === null) {
        this.id = answer.c!;
        this.key = answer.k!;
        void this.poll();
      }
    } catch {
      this.ended({ code: 1006, reason: "POST failed" });
      return;
    } finally {
      this.posting = false;
    }
    void this.flush();
  }

  private async poll(): Promise<void> {
    while (!this.isClosed) {
      try {
        const res = await fetch(`${this.url}?c=${this.id}`, { signal: this.aborter.signal, headers: { "x-tether-key": this.key } });
        const body = (await res.json()) as { m: ServerMessage[]; close?: [number, string] };
        for (const m of body.m) if (!this.isClosed) this.deliver(m);
        if (body.close) return this.ended({ code: body.close[0], reason: body.close[1] });
        if (!res.ok) return this.ended({ code: 4000 + res.status, reason: `GET answered ${res.status}` });
      } catch {
        return this.ended({ code: 1006, reason: "GET failed" });
      }
    }
  }
}

export const websocket: TransportFactory = { name: "websocket", connect: (url, base) => WebSocketTransport.connect(url, base) };
export const longpoll: TransportFactory = { name: "longpoll", connect: (url, base) => LongPollTransport.connect(url, base) };

// ——— Reading a Mount (test/support/page.ts has the walk) ———

export { indexMount };

/** The node id of the element with this `id` attribute in a Mount. */
export const nodeId = findId;

/** The node id of the first text node inside the element with this `id` attribute. */
export function textNodeId(mount: MountMessage, domId: string): number {
  const element = nodeId(mount, domId);
  const tree = indexMount(mount).get(element) as ElementTree;
  if (typeof tree[2] !== "string") throw new Error(`the first child of #${domId} is not text`);
  return element + 1;
}

/** The text of the element with this `id` attribute in a Mount (its text children joined). */
export function mountText(mount: MountMessage, domId: string): string {
  const tree = indexMount(mount).get(nodeId(mount, domId)) as ElementTree;
  return tree.slice(2).filter((c) => typeof c === "string").join("");
}
