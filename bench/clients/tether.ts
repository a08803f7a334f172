/**
 * A lean Tether protocol client (src/protocol/wire.ts): Join → Mount, then Event → Patch or
 * Reply, acknowledging what it received as the browser runtime does (with its next event, or
 * in an Ack within 250 ms), so the server's replay buffer stays small. A binary frame is a
 * large message compressed with deflate-raw; its payload size is counted inflated.
 *
 * The Ack goes from one 250 ms interval per client rather than a timer armed at every answer
 * and cleared by the next event: that pair of timer calls per event was the load client's
 * largest cost beyond the socket, and the load client is what limits events per second.
 */
import { inflateRawSync } from "node:zlib";
import { joinQuery } from "../../src/protocol/encode.js";
import { Msg, PROTOCOL_VERSION, type MountMessage, type PatchOp, type ServerMessage } from "../../src/protocol/wire.js";
import { Connection, openSocket, type Action, type LiveClient, type Sample } from "./connection.js";
import { PageModel, type PageNode } from "./tether-model.js";
import { getText } from "./http.js";
import { RawSocket } from "./raw-ws.js";

// As runtime/connection.ts.
const ACK_DELAY = 250;

export class TetherClient extends Connection implements LiveClient {
  readonly label = "Tether";
  readonly model = new PageModel();
  private eventSeq = 0;
  private awaiting = 0;
  private received = 0;
  private acknowledged = 0;
  private readonly ackTimer = setInterval(() => this.sendAck(), ACK_DELAY).unref();
  private pumpNode = 0;
  private table: PageNode | null = null;
  /** The session id the server gave at Mount. */
  sid = "";
  /** The server (`http://127.0.0.1:port`), for the page GET before a join. */
  private serverUrl = "";

  /** Opens a socket to a Tether server (`http://127.0.0.1:port`). */
  static async connect(serverUrl: string): Promise<TetherClient> {
    const client = new TetherClient(await openSocket(serverUrl.replace(/^http/, "ws") + "/_tether/ws"));
    client.serverUrl = serverUrl;
    return client;
  }

  /**
   * Opens the page at `path` as a tab does (a GET for its session and join token), then joins
   * that session over the socket. Resolves when the Mount arrived; the sample times the join.
   */
  async join(path: string): Promise<Sample> {
    const html = await getText(this.serverUrl + path);
    const sid = /data-tether-session="([^"]+)"/.exec(html)?.[1];
    const token = /data-tether-token="([^"]+)"/.exec(html)?.[1];
    if (sid === undefined || token === undefined) throw new Error(`Tether: ${path} is not a Tether page`);
    this.awaiting = -1;
    return this.request(JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, sid, path, t: token }));
  }

  act(action: Action): Promise<Sample> {
    const node = this.target(action);
    const e = ++this.eventSeq;
    this.awaiting = e;
    return this.request(`{"k":${Msg.Event},"e":${e},"n":${node.id},"t":"click","d":{}${this.acknowledgement()}}`);
  }

  rowCount(): number {
    return this.tableNode().children.length;
  }

  protected receive(data: Buffer, isBinary: boolean, at: number): void {
    // Tether sends a large message as one deflate-raw binary frame (TetherSocket.send in src/server/socket.ts).
    const text = isBinary ? inflateRawSync(data) : data;
    const message = JSON.parse(text.toString()) as ServerMessage;
    switch (message.k) {
      case Msg.Mount:
        this.sid = message.sid;
        this.received = this.acknowledged = message.s;
        this.table = null;
        if (this.pumpNode === 0) this.model.mount(message.id, message.t);
        if (this.awaiting === -1) this.answered(at, text.length);
        return;
      case Msg.Patch:
        this.received = message.s;
        if (this.pumpNode === 0) this.model.apply(message.o as PatchOp[]);
        if (message.a !== undefined && message.a >= this.awaiting) this.answered(at, text.length);
        return;
      case Msg.Reply:
        if (message.a >= this.awaiting) this.answered(at, text.length);
        return;
      case Msg.Error:
        this.fail(new Error(`Tether: ${message.code}: ${message.message}`));
        return;
    }
  }

  /** Counter clicks, skipping the page model (an `inc` patch sets one text node). */
  pump(deadline: number): Promise<number> {
    this.pumpNode = this.target({ kind: "click", name: "inc" }).id;
    return super.pump(deadline).finally(() => (this.pumpNode = 0));
  }

  protected nextPumpMessage(): string {
    const e = ++this.eventSeq;
    this.awaiting = e;
    return `{"k":${Msg.Event},"e":${e},"n":${this.pumpNode},"t":"click","d":{}${this.acknowledgement()}}`;
  }

  /** As runtime/connection.ts: an event carries the acknowledgement of what arrived since the last one. */
  private acknowledgement(): string {
    if (this.received <= this.acknowledged) return "";
    this.acknowledged = this.received;
    return `,"a":${this.received}`;
  }

  close(): void {
    clearInterval(this.ackTimer);
    super.close();
  }

  private readonly sendAck = (): void => {
    if (this.received > this.acknowledged && this.ws.readyState === this.ws.OPEN) {
      this.acknowledged = this.received;
      this.ws.send(JSON.stringify({ k: Msg.Ack, s: this.received }));
    }
  };

  /** The element an action clicks: a button by its `id` attribute, or a row's link by the row's position. */
  private target(action: Action): PageNode {
    if (action.kind === "click") {
      const button = this.model.find((node) => node.attrs?.id === action.name);
      if (button === null) throw new Error(`Tether: no element with id="${action.name}" on the page`);
      return button;
    }
    const row = this.tableNode().children[action.index];
    if (row === undefined) throw new Error(`Tether: the table has no row ${action.index}`);
    const className = action.kind === "select" ? "lbl" : "remove";
    const link = this.model.find((node) => node.attrs?.class === className, row);
    if (link === null) throw new Error(`Tether: row ${action.index} has no a.${className}`);
    return link;
  }

  private tableNode(): PageNode {
    this.table ??= this.model.find((node) => node.tag === "table");
    if (this.table === null) throw new Error("Tether: the page has no table");
    return this.table;
  }
}

/**
 * What opening a tab costs the server, for the joins scenario: the page GET, the WebSocket with
 * the join of the session the page rendered in its URL (as the runtime joins), until the Mount
 * has arrived; then the tab closes. Over RawSocket: the lighter load client lets the server,
 * not the client, set the pace.
 */
export async function openTab(serverUrl: string, path: string): Promise<void> {
  const html = await getText(serverUrl + path);
  const sid = /data-tether-session="([^"]+)"/.exec(html)?.[1] ?? null;
  const token = /data-tether-token="([^"]+)"/.exec(html)?.[1] ?? null;
  const socket = await RawSocket.open(serverUrl.replace(/^http/, "ws") + "/_tether/ws" + joinQuery(PROTOCOL_VERSION, sid, path, token));
  try {
    const first = await socket.next();
    // A large Mount comes as one compressed binary frame; a small one as text.
    if (first.text !== null && !first.text.startsWith(`{"k":${Msg.Mount},`)) throw new Error(`Tether: the join was answered with ${first.text.slice(0, 200)}`);
  } finally {
    socket.close();
  }
}
