import { Msg, type EventData, type EventMessage, type SendMessage, type ServerMessage } from "../src/protocol/wire.js";
import { Connection, type Status } from "./connection.js";
import type { BuildContext } from "./dom/build.js";
import { mountTree } from "./dom/morph.js";
import { NodeRegistry, type TrackedNode } from "./dom/nodes.js";
import { applyOps } from "./dom/apply-ops.js";
import { EventDelegator, eventData } from "./events.js";
import type { Bridge } from "./bridge.js";

declare const DEV: boolean;

/** Class and attribute on an element whose event the server has not answered yet. */
const LOADING_CLASS = "tether-loading";

/**
 * One live root on the page: its connection, its nodes by id, and the events it sends, each
 * kept until the server answers it, so that none is lost or applied twice across reconnects.
 */
export class Runtime {
  readonly nodes: NodeRegistry;
  readonly #connection: Connection;
  readonly #events: EventDelegator;
  readonly #build: BuildContext;
  #eventSeq = 0;
  /** The highest event sequence number the server has answered. */
  #answered = 0;
  /** Events and page events sent (or waiting to be) and not answered yet, in sequence order. */
  #unanswered: Array<EventMessage | SendMessage> = [];
  /** Elements marked as loading, by the sequence number of their event. */
  readonly #loading = new Map<number, Element>();
  #sid: string | null;
  /** True once a Mount was applied: a later Mount of another session means the first one ended. */
  #mounted = false;
  readonly #bridge: Bridge;

  constructor(root: Element, bridge: Bridge) {
    this.#bridge = bridge;
    this.nodes = new NodeRegistry(root);
    this.#events = new EventDelegator(root, (el, type, data) => this.#sendEvent(el, type, data));
    this.#build = { nextId: 0, nodes: this.nodes, statics: new Map(), listen: this.#events.listen };
    this.#sid = root.getAttribute("data-tether-session");
    this.#connection = new Connection(root.getAttribute("data-tether-base") ?? "/_tether", this.#sid, root.getAttribute("data-tether-token"), location.pathname + location.search, {
      message: (m) => this.#onMessage(m),
      status: (s) => {
        if (s !== "connected") bridge.offline();
        setStatusClass(s);
      },
    });
    bridge.connect({ send: (m) => this.#connection.send(m), sendNumbered: (m) => this.#enqueue(m) });
    setStatusClass("connecting");
    this.#connection.connect();
  }

  get status(): Status {
    return this.#connection.status;
  }

  get sessionId(): string | null {
    return this.#sid;
  }

  /** "websocket" or "longpoll". */
  get transport(): string {
    return this.#connection.transportName;
  }

  #onMessage(message: ServerMessage): void {
    switch (message.k) {
      case Msg.Mount:
        this.#mount(message.sid, (first) => mountTree(this.nodes.root, message.t, message.id, this.nodes, this.#build, first), message.a);
        this.#bridge.joined(message);
        break;
      case Msg.Resume:
        // Same session, same ids: what the server did not answer goes again; it applies each once.
        this.#answer(message.a);
        for (const m of this.#unanswered) this.#connection.send(m);
        this.#bridge.joined();
        announce("resumed");
        break;
      case Msg.Patch:
        if (message.a !== undefined) this.#answer(message.a);
        try {
          applyOps(message.o, this.nodes, this.#build, this.#mayOverwrite);
        } catch (error) {
          // The page no longer matches the server's tree: get the whole tree again.
          console.error("[tether] could not apply a patch; resyncing", error);
          this.#connection.resync();
        }
        break;
      case Msg.Reply:
        this.#answer(message.a);
        break;
      case Msg.Error: {
        if (message.a !== undefined) this.#answer(message.a);
        console.error(`[tether] ${message.code}: ${message.message}`);
        // For page code: tether.on("error", …) (held until it subscribes) and a DOM event.
        const detail = { code: message.code, message: message.message };
        this.#bridge.trigger("error", detail);
        announce("error", detail);
        break;
      }
      case Msg.Pong:
        break;
      default:
        this.#bridge.receive(message);
    }
  }

  /**
   * A full mount: the first one, the same session made again (on another process, from its
   * snapshot; or after it fell too far behind), or another session (the first one ended).
   * Events still waiting for an answer go again to the same session, addressed to their
   * elements' new ids (the morph keeps elements): it applies each it had not applied once. To
   * another session they mean nothing and are dropped; page events are sent. Values the user
   * typed into fields with handlers are sent again, so a fresh session gets them (form recovery).
   */
  #mount(sid: string, morph: (first: boolean) => Set<Element>, applied: number): void {
    const first = !this.#mounted;
    const restarted = this.#mounted && sid !== this.#sid;
    this.#mounted = true;
    this.#sid = sid;
    if (restarted) this.#bridge.sessionChanged();
    this.#build.statics.clear();
    this.#answer(applied);
    // Each event's element, found by its old id before the morph gives it a new one (an
    // element the morph keeps stays in the page; one it removes does not).
    const targets = this.#unanswered.map((m) => !restarted && m.k === Msg.Event && this.nodes.find(m.n));
    const edited = morph(first);
    this.#unanswered = this.#unanswered.filter((m, i) => {
      const el = targets[i];
      if (m.k !== Msg.Event || (el && el.isConnected && ((m.n = el.$id!), 1))) return true;
      this.#unmark(m.e);
      return false;
    });
    if (restarted) announce("session-ended", { sessionId: sid });
    for (const m of this.#unanswered) this.#connection.send(m);
    for (const el of edited) {
      const ev = (el as TrackedNode).$ev;
      if (ev?.input) this.#sendEvent(el, "input", eventData(el, "input", new Event("input")));
      if (ev?.change) this.#sendEvent(el, "change", eventData(el, "change", new Event("change")));
    }
  }

  #sendEvent(el: TrackedNode, type: string, data: EventData): void {
    if (el.$id === undefined) return;
    const e = this.#enqueue({ k: Msg.Event, e: 0, n: el.$id, t: type, d: data });
    if (e === 0) return;
    el.$sent = e;
    (el as Element).classList.add(LOADING_CLASS);
    (el as Element).setAttribute("aria-busy", "true");
    this.#loading.set(e, el as Element);
  }

  /**
   * Numbers an event, keeps it until answered, and sends it now if connected (else on resume).
   * One larger than the server accepts is refused here: sent, it would close the connection,
   * and be sent again after every reconnect.
   */
  #enqueue(message: EventMessage | SendMessage): number {
    if (JSON.stringify(message).length > this.#connection.maxMessageSize) {
      console.error(`[tether] the "${message.k === Msg.Event ? message.t : message.ev}" event is larger than the server accepts (${this.#connection.maxMessageSize} bytes); it was not sent`);
      return 0;
    }
    message.e = ++this.#eventSeq;
    this.#unanswered.push(message);
    this.#connection.send(message);
    return message.e;
  }

  #answer(e: number): void {
    if (e <= this.#answered) return;
    this.#answered = e;
    let done = 0;
    while (done < this.#unanswered.length && this.#unanswered[done].e <= e) done++;
    if (done > 0) this.#unanswered.splice(0, done);
    for (const seq of this.#loading.keys()) if (seq <= e) this.#unmark(seq);
  }

  #unmark(e: number): void {
    const el = this.#loading.get(e);
    if (el === undefined) return;
    this.#loading.delete(e);
    for (const other of this.#loading.values()) if (other === el) return; // another event of it is still out
    el.classList.remove(LOADING_CLASS);
    el.removeAttribute("aria-busy");
  }

  /**
   * Invariant 5, "User input wins" in ARCHITECTURE.md: a value from the server does not replace
   * what the user is typing, unless the server has answered every event this field sent (then it
   * is no stale echo, e.g. a field cleared after submit) and nothing is waiting in a debounce.
   */
  readonly #mayOverwrite = (el: TrackedNode, name: string): boolean => {
    if (name !== "value" && name !== "checked") return true;
    const may = el !== document.activeElement || ((el.$sent ?? 0) <= this.#answered && !this.#events.hasPending(el));
    if (may) el.$edited = false; // the server's value is what the field shows now
    return may;
  };
}

function setStatusClass(status: Status): void {
  const classes = document.documentElement.classList;
  classes.remove("tether-connecting", "tether-connected", "tether-reconnecting", "tether-disconnected");
  classes.add(`tether-${status}`);
  announce("status", { status });
}

/** A `tether:<name>` event on the document, for page code. */
function announce(name: string, detail?: unknown): void {
  document.dispatchEvent(new CustomEvent(`tether:${name}`, { detail }));
}
