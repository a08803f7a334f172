/**
 * A Tether tab for the pub/sub and failover scenario: the page GET, a WebSocket joined as the
 * runtime joins (first join in the URL), a page model, Acks for what arrives as the runtime
 * sends them (with the next event, or ACK_DELAY after the first message not yet acknowledged),
 * and a rejoin on another server with the tokens of its last Mount, as the runtime reconnects.
 * Lighter than TetherClient in what it keeps, so a thousand fit in the load client.
 */
import { performance } from "node:perf_hooks";
import { inflateRawSync } from "node:zlib";
import WebSocket from "ws";
import { joinQuery } from "../../src/protocol/encode.js";
import { Msg, PROTOCOL_VERSION, type PatchOp, type ServerMessage, type Tree } from "../../src/protocol/wire.js";
import { getText } from "./http.js";
import { PageModel } from "./tether-model.js";

/** runtime/connection.ts's: an Ack goes at most this long after the first message it acknowledges. */
export const ACK_DELAY = 250;

export class TetherTab {
  readonly model = new PageModel();
  sid = "";
  private token = "";
  private resumeToken = "";
  private received = 0;
  private eventSeq = 0;
  private ackTimer: NodeJS.Timeout | null = null;
  private ws: WebSocket | null = null;
  private readonly path: string;
  /** Called with performance.now() at each Patch's arrival. */
  onPatch: ((at: number) => void) | null = null;
  private mounted: (() => void) | null = null;
  private trees: readonly Tree[] = [];

  private constructor(path: string) {
    this.path = path;
  }

  /** Opens `path` on `serverUrl` and resolves once its Mount has arrived. */
  static async open(serverUrl: string, path: string): Promise<TetherTab> {
    const tab = new TetherTab(path);
    const html = await getText(serverUrl + path);
    const sid = /data-tether-session="([^"]+)"/.exec(html)?.[1] ?? null;
    const token = /data-tether-token="([^"]+)"/.exec(html)?.[1] ?? null;
    await tab.connect(serverUrl.replace(/^http/, "ws") + "/_tether/ws" + joinQuery(PROTOCOL_VERSION, sid, path, token), null);
    return tab;
  }

  /** Joins its session again on `serverUrl` (its server died), as the runtime does; resolves at the Mount or Resume. */
  rejoin(serverUrl: string): Promise<void> {
    this.close();
    const join = { k: Msg.Join, v: PROTOCOL_VERSION, sid: this.sid, path: this.path, t: this.token, rt: this.resumeToken, s: this.received };
    return this.connect(serverUrl.replace(/^http/, "ws") + "/_tether/ws", JSON.stringify(join));
  }

  /** Clicks the element with id `id` (sent; its answer comes as a Patch). */
  click(id: string): void {
    const node = this.model.find((n) => n.attrs?.id === id);
    if (node === null) throw new Error(`no element with id="${id}"`);
    this.ws!.send(JSON.stringify({ k: Msg.Event, e: ++this.eventSeq, n: node.id, t: "click", d: {}, a: this.received }));
    this.cancelAck();
  }

  /** The text of the element with id `id` in the last Mount (the page model keeps no text). */
  mountText(id: string): string | null {
    return findText(this.trees, id);
  }

  close(): void {
    this.cancelAck();
    this.ws?.terminate();
  }

  private readonly sendAck = (): void => {
    this.ackTimer = null;
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ k: Msg.Ack, s: this.received }));
  };

  private cancelAck(): void {
    if (this.ackTimer !== null) clearTimeout(this.ackTimer);
    this.ackTimer = null;
  }

  private connect(url: string, first: string | null): Promise<void> {
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.on("error", () => {});
    ws.on("message", (data: Buffer, binary: boolean) => this.receive(binary ? inflateRawSync(data) : data));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no Mount within 30 s")), 30_000);
      this.mounted = () => (clearTimeout(timer), resolve());
      if (first !== null) ws.once("open", () => ws.send(first));
      ws.once("close", () => reject(new Error("closed before its Mount")));
    });
  }

  private receive(data: Buffer): void {
    const at = performance.now();
    const message = JSON.parse(data.toString()) as ServerMessage;
    switch (message.k) {
      case Msg.Mount:
        this.sid = message.sid;
        this.token = message.tk;
        this.resumeToken = message.rt;
        this.received = message.s;
        this.model.mount(message.id, message.t);
        this.trees = message.t;
        this.mounted?.();
        return;
      case Msg.Resume:
        this.token = message.tk;
        this.mounted?.();
        return;
      case Msg.Patch:
        this.received = message.s;
        this.model.apply(message.o as PatchOp[]);
        this.ackTimer ??= setTimeout(this.sendAck, ACK_DELAY);
        this.onPatch?.(at);
        return;
    }
  }
}

/** The text of the element with attribute id `id` in encoded trees (`[tag, attrs, ...children]`), or null. */
function findText(trees: readonly Tree[], id: string): string | null {
  for (const tree of trees) {
    if (!Array.isArray(tree) || typeof tree[0] !== "string") continue;
    const [, attrs, ...children] = tree as [string, Record<string, unknown> | null, ...Tree[]];
    if (attrs?.id === id) return children.filter((c): c is string => typeof c === "string").join("");
    const inner = findText(children, id);
    if (inner !== null) return inner;
  }
  return null;
}
