import { Msg, type EventData, type ServerMessage } from "../src/protocol/wire.js";
import { Connection, type Status } from "./connection.js";
import type { BuildContext } from "./dom/build.js";
import { mountTree } from "./dom/mount.js";
import { NodeRegistry, type TrackedNode } from "./dom/nodes.js";
import { applyOps } from "./dom/patch.js";
import { EventDelegator } from "./events.js";
import type { Bridge } from "./bridge.js";

declare const DEV: boolean;

/**
 * One live root on the page: its connection, its nodes by id, and the events it sends.
 */
export class Runtime {
  readonly nodes: NodeRegistry;
  private readonly connection: Connection;
  private readonly events: EventDelegator;
  private readonly build: BuildContext;
  private eventSeq = 0;
  /** The highest event sequence number the server has answered. */
  private answered = 0;
  private sid: string | null;
  private readonly bridge: Bridge;

  constructor(root: Element, bridge: Bridge) {
    this.bridge = bridge;
    this.nodes = new NodeRegistry(root);
    this.events = new EventDelegator(root, (el, type, data) => this.sendEvent(el, type, data));
    this.build = { nextId: 0, nodes: this.nodes, statics: new Map(), listen: this.events.listen };
    this.sid = root.getAttribute("data-tether-session");
    const base = root.getAttribute("data-tether-base") ?? "/_tether";
    const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${base}/ws`;
    this.connection = new Connection(url, this.sid, location.pathname + location.search, {
      message: (m) => this.onMessage(m),
      status: (s) => {
        if (s !== "connected") bridge.offline();
        setStatusClass(s);
      },
    });
    bridge.connect({ send: (m) => this.connection.send(m), nextSeq: () => ++this.eventSeq });
    setStatusClass("connecting");
    this.connection.connect();
  }

  get status(): Status {
    return this.connection.status;
  }

  get sessionId(): string | null {
    return this.sid;
  }

  private onMessage(message: ServerMessage): void {
    switch (message.k) {
      case Msg.Mount:
        this.sid = message.sid;
        this.build.statics.clear();
        mountTree(this.nodes.root, message.t, message.id, this.nodes, this.build);
        this.bridge.joined(message.b);
        break;
      case Msg.Patch:
        if (message.a !== undefined) this.answer(message.a);
        try {
          applyOps(message.o, this.nodes, this.build, this.mayOverwrite);
        } catch (error) {
          // The page no longer matches the server's tree: get the whole tree again.
          console.error("[tether] could not apply a patch; resyncing", error);
          this.connection.resync();
        }
        break;
      case Msg.Reply:
        this.answer(message.a);
        break;
      case Msg.Error:
        if (message.e !== undefined) this.answer(message.e);
        console.error(`[tether] ${message.code}: ${message.message}`);
        break;
      case Msg.Pong:
        break;
      default:
        this.bridge.receive(message);
    }
  }

  private answer(e: number): void {
    if (e <= this.answered) return;
    this.answered = e;
    this.bridge.answered(e);
  }

  private sendEvent(el: TrackedNode, type: string, data: EventData): void {
    if (el.$id === undefined) return;
    const e = this.eventSeq + 1;
    if (!this.connection.send({ k: Msg.Event, e, n: el.$id, t: type, d: data })) {
      if (DEV) console.warn(`[tether] ${type} event dropped: not connected`);
      return;
    }
    this.eventSeq = e;
    el.$sent = e;
  }

  /**
   * Invariant 5: a value from the server does not replace what the user is typing, unless
   * the server has answered every event this field sent (then it is no stale echo, e.g. a
   * field cleared after submit) and nothing is waiting in a debounce.
   */
  private readonly mayOverwrite = (el: TrackedNode, name: string): boolean => {
    if (name !== "value" && name !== "checked") return true;
    if (el !== document.activeElement) return true;
    return (el.$sent ?? 0) <= this.answered && !this.events.hasPending(el);
  };
}

function setStatusClass(status: Status): void {
  const classes = document.documentElement.classList;
  classes.remove("tether-connecting", "tether-connected", "tether-reconnecting", "tether-disconnected");
  classes.add(`tether-${status}`);
  document.dispatchEvent(new CustomEvent("tether:status", { detail: { status } }));
}
