import WebSocket from "ws";
import { Msg, PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { openPage, rememberToken, tokenFor } from "./page-token.js";

/**
 * A Node client that speaks the wire protocol over a real socket, for integration tests:
 * what a browser tab does, without the browser.
 */
export class ProtocolClient {
  readonly ws: WebSocket;
  readonly received: ServerMessage[] = [];
  private waiters: Array<{ test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  private eventSeq = 0;
  /** The session this client joined (or asked to), for the join token of a Resume. */
  private sid: string | null = null;
  closed: Promise<{ code: number; reason: string }>;

  readonly serverUrl: string;

  private constructor(ws: WebSocket, serverUrl: string) {
    this.ws = ws;
    this.serverUrl = serverUrl;
    ws.on("message", (data) => {
      const m = JSON.parse(data.toString()) as ServerMessage;
      if (m.k === Msg.Mount) rememberToken((this.sid = m.sid), m.tk);
      else if (m.k === Msg.Resume && this.sid !== null) rememberToken(this.sid, m.tk);
      this.received.push(m);
      this.waiters = this.waiters.filter((w) => (w.test(m) ? (w.resolve(m), false) : true));
    });
    this.closed = new Promise((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /**
   * Opens a socket to a running server (`http://127.0.0.1:port`). `query`: the socket URL's
   * query, such as a first join (encode.ts joinQuery), whose Mount may come right after the open.
   */
  static async connect(serverUrl: string, base = "/_tether", query = ""): Promise<ProtocolClient> {
    const ws = new WebSocket(serverUrl.replace(/^http/, "ws") + base + "/ws" + query);
    const client = new ProtocolClient(ws, serverUrl); // listening from the start: nothing the server sends is missed
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return client;
  }

  send(message: ClientMessage | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /**
   * Joins session `sid` with the join token a tab would hold for it, or with no `sid`, opens the
   * page (a GET, as a tab does) and joins its session; resolves with the Mount (or an Error).
   */
  async join(path: string, sid: string | null = null): Promise<Extract<ServerMessage, { k: typeof Msg.Mount }>> {
    let token = tokenFor(sid);
    if (sid === null) ({ sid, token } = await openPage(this.serverUrl, path));
    this.sid = sid;
    this.send(token === undefined ? { k: Msg.Join, v: PROTOCOL_VERSION, sid, path } : { k: Msg.Join, v: PROTOCOL_VERSION, sid, path, t: token });
    return (await this.next((m) => m.k === Msg.Mount || m.k === Msg.Error)) as Extract<ServerMessage, { k: typeof Msg.Mount }>;
  }

  /** Sends an event and returns its sequence number. */
  event(node: number, type: string, data: Record<string, unknown> = {}): number {
    const e = ++this.eventSeq;
    this.send({ k: Msg.Event, e, n: node, t: type, d: data });
    return e;
  }

  /** The next message to arrive that passes `test` (messages already received are in `received`). */
  next(test: (m: ServerMessage) => boolean = () => true, timeout = 5000): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for a server message")), timeout);
      this.waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** The first message that passes `test`, received already or still to come. */
  first(test: (m: ServerMessage) => boolean, timeout = 5000): Promise<ServerMessage> {
    const m = this.received.find(test);
    return m !== undefined ? Promise.resolve(m) : this.next(test, timeout);
  }

  close(): void {
    this.ws.close();
  }
}
