import { randomBytes } from "node:crypto";
import { LiveTree } from "../diff/tree.js";
import { findHandler } from "../diff/props.js";
import { liveToHtml } from "../render/to-html.js";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type ClientMessage, type ErrorCode, type EventMessage, type SendMessage, type ServerMessage } from "../protocol/wire.js";
import type { Renderable, VNode } from "../vnode/vnode.js";
import type { LiveNode } from "../diff/live-node.js";
import { componentName } from "../diff/render-component.js";
import { createLiveEvent } from "./live-event.js";
import { Bridge, type CallHandler, type PageEventHandler } from "./bridge.js";
import { JsRequests, type CallClientOptions, type ExecuteJsOptions } from "./js-requests.js";

/** Sequenced messages kept for a browser that has not acknowledged them. */
const MAX_UNACKNOWLEDGED = 256;

/** What a session sends through: a WebSocket satisfies it, and so will other transports. */
export interface Connection {
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveSessionOptions {
  /** Logs handler, render and hook errors; defaults to console.error. */
  onError?: (error: unknown, where: string) => void;
  /** Called once when the session has ended. */
  onEnd?: (session: LiveSession) => void;
  /** Send error messages with details to the browser (development). */
  dev?: boolean;
  /** Default timeout of `executeJs` with `waitForResult`, `getJsResult` and `callClient`, in ms. Default 30 000. */
  jsTimeout?: number;
}

// Emits made before the page has mounted wait for it, up to this many.
const MAX_EARLY_EMITS = 256;

/**
 * One browser tab's live session: the component tree, what the browser has of it, and the
 * sequence numbers on both sides (invariant 4). All state changes made while handling one
 * event, or in one turn of the event loop, become one render and one patch batch.
 */
export class LiveSession {
  /** Unguessable id: it is what lets a tab claim this session. */
  readonly id = randomBytes(18).toString("base64url");
  readonly path: string;
  readonly tree: LiveTree;
  /** Sequence number of the last server message sent. */
  private seq = 0;
  /** Sequenced messages the browser has not acknowledged yet, oldest first. */
  private outbox: Array<{ s: number; data: string }> = [];
  /** Sequence number of the last browser event applied; a re-sent event is applied once. */
  private lastEvent = 0;
  private connection: Connection | null = null;
  /** True once the connected browser has the tree (Mount sent): only then do ops travel. */
  private mounted = false;
  private handling = false;
  private flushQueued = false;
  private ended = false;
  private readonly options: LiveSessionOptions;
  private readonly js: JsRequests;
  private readonly bridge: Bridge;
  private earlyEmits: ServerMessage[] = [];

  constructor(path: string, content: Renderable, options: LiveSessionOptions = {}) {
    this.path = path;
    this.options = options;
    this.js = new JsRequests(options.jsTimeout ?? 30_000, this.transmit);
    this.bridge = new Bridge(this.transmit, options.dev === true);
    this.tree = new LiveTree({ session: this, onError: (e, where) => this.logError(e, where), onInvalidate: this.scheduleFlush });
    this.tree.render(content);
  }

  // ——— Server → page ———

  /**
   * Runs `code` in the page as the body of an async function (it may `await` and `return`).
   * With `waitForResult`, resolves with its value; without, once the page confirms it ran.
   * Rejects with JsExecutionError (the page's error, an unserializable result, the session's
   * end) or JsExecutionTimeout. `args` reach the code as named values; the code also sees
   * `signal`, an AbortSignal aborted on timeout or when `options.signal` aborts.
   */
  executeJs(code: string, options?: ExecuteJsOptions): Promise<unknown> {
    return this.js.executeJs(code, options);
  }

  /** Runs `code` in the page, then resolves with the value of `variable` (a name or a dotted path). */
  getJsResult(code: string, variable: string, options?: CallClientOptions): Promise<unknown> {
    return this.js.getJsResult(code, variable, options);
  }

  /** Calls a function the page registered with `tether.expose(name, fn)`: no code is evaluated (CSP-friendly). */
  callClient(name: string, args?: unknown[] | unknown, options?: CallClientOptions): Promise<unknown> {
    return this.js.callClient(name, args, options);
  }

  /** Default timeout of waiting page requests, in milliseconds. */
  get jsTimeout(): number {
    return this.js.timeout;
  }

  set jsTimeout(ms: number) {
    if (!(ms > 0)) throw new TypeError("jsTimeout must be a positive number of milliseconds");
    this.js.timeout = ms;
  }

  /** Sends an event to the page's `tether.on(event, handler)` subscribers. */
  emit(event: string, payload?: unknown): void {
    const message = this.bridge.emit(event, payload);
    if (this.mounted) this.transmit(message);
    else if (this.earlyEmits.length < MAX_EARLY_EMITS) this.earlyEmits.push(message);
  }

  // ——— Page → server ———

  /** Lets the page call `handler` with `tether.call(method, params)`; returns an unbind function. */
  bindCall(method: string, handler: CallHandler): () => void {
    return this.bridge.bindCall(method, handler);
  }

  /** Binds `api`'s public methods as `namespace.method`, callable in the page as `tether.<namespace>.<method>(params)`. */
  bindApi(api: object, namespace = "api"): string[] {
    const names = this.bridge.bindApi(api, namespace);
    if (names.length > 0 && this.mounted) this.transmit({ k: Msg.Bind, s: 0, ns: [namespace] });
    return names;
  }

  /** Handles `tether.sendEvent(event, detail)` from the page; returns an unsubscribe function. */
  on(event: string, handler: PageEventHandler): () => void {
    return this.bridge.on(event, handler);
  }

  /** Waits for the async `mount()` hooks of the first render, then renders what they changed. */
  async ready(): Promise<void> {
    while (this.tree.pendingMounts.length > 0) {
      const pending = this.tree.pendingMounts;
      this.tree.pendingMounts = [];
      await Promise.all(pending);
    }
    this.flush();
  }

  /** The current tree as HTML, for the first paint. */
  toHtml(): string {
    return liveToHtml(this.tree.root);
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get isConnected(): boolean {
    return this.connection !== null;
  }

  /** Attaches a browser connection and sends it the whole tree. A previous connection is closed. */
  attach(connection: Connection): void {
    if (this.ended) throw new Error("Tether: cannot attach to an ended session");
    if (this.connection !== null && this.connection !== connection) this.connection.close(4000, "replaced by a newer connection");
    this.connection = connection;
    this.flush(); // changes made while detached are part of the tree we are about to send
    const { firstId, trees } = this.tree.encode();
    this.outbox = [];
    this.mounted = true;
    const mount: ServerMessage = { k: Msg.Mount, s: this.seq + 1, v: PROTOCOL_VERSION, sid: this.id, id: firstId, t: trees };
    if (this.bridge.namespaces.size > 0) mount.b = [...this.bridge.namespaces];
    this.sendSequenced(mount);
    // Requests the page may not have received (made before it joined, or lost with a dropped
    // connection) go again; the page answers each id once.
    for (const request of this.js.unanswered()) this.transmit(request);
    const early = this.earlyEmits;
    this.earlyEmits = [];
    for (const message of early) this.transmit(message);
  }

  /** The connection went away; the session waits to be re-attached (or ended by its owner). */
  detach(connection: Connection): void {
    if (this.connection !== connection) return;
    this.connection = null;
    this.mounted = false;
  }

  /** Handles one validated message from the browser. */
  receive(message: ClientMessage): void {
    if (this.ended) return;
    switch (message.k) {
      case Msg.Event:
        this.handleEvent(message);
        break;
      case Msg.Ack:
        this.acknowledge(message.s);
        break;
      case Msg.Ping:
        this.send({ k: Msg.Pong });
        break;
      case Msg.Result:
        this.js.settle(message);
        break;
      case Msg.Call:
        this.runHandler(0, () => this.bridge.call(message, this.reportError));
        break;
      case Msg.Send:
        this.handleSend(message);
        break;
      case Msg.Join:
        this.sendError(ErrorCodes.NotJoined, "this connection has already joined a session");
        break;
    }
  }

  /** Ends the session: unmounts every component and closes the connection. */
  end(reason = "session ended"): void {
    if (this.ended) return;
    this.ended = true;
    this.js.rejectAll("the session ended");
    this.tree.destroy();
    const connection = this.connection;
    this.connection = null;
    this.mounted = false;
    this.outbox = [];
    connection?.close(1000, reason);
    this.options.onEnd?.(this);
  }

  /** Re-renders what changed and sends it as one batch. Called after each event and each turn. */
  flush(): void {
    this.flushQueued = false;
    if (this.ended) return;
    const ops = this.tree.flush();
    if (ops.length === 0 || !this.mounted) return;
    const message: ServerMessage = { k: Msg.Patch, s: this.seq + 1, o: ops };
    if (this.lastEvent > 0) message.a = this.lastEvent;
    this.sendSequenced(message);
  }

  private readonly scheduleFlush = (): void => {
    // During an event the handler's caller flushes; otherwise batch everything of this turn.
    if (this.handling || this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      if (this.flushQueued) this.flush();
    });
  };

  private handleEvent(message: EventMessage): void {
    if (message.e <= this.lastEvent) {
      // Already applied (the browser re-sent it after a reconnect): acknowledge again, apply once.
      this.send({ k: Msg.Reply, a: this.lastEvent });
      return;
    }
    this.lastEvent = message.e;
    const live = this.tree.handlers.get(message.n);
    if (live === undefined) {
      this.sendError(ErrorCodes.UnknownNode, `no element with id ${message.n} has event handlers on this page`, message.e);
      return;
    }
    const vnode = live.vnode as VNode;
    const handler = findHandler(vnode.props, message.t);
    if (handler === undefined) {
      this.sendError(ErrorCodes.NoHandler, `<${vnode.type as string}> has no "${message.t}" handler now`, message.e);
      return;
    }
    const owner = ownerOf(live);
    const where = `${owner ? componentName(owner.vnode as VNode) : "page"} ${message.t} handler on <${vnode.type as string}>`;
    this.runHandler(message.e, () => {
      const result = handler.call(owner?.instance ?? undefined, createLiveEvent(message.t, message.d, vnode.props));
      if (result instanceof Promise) result.catch((error: unknown) => this.handlerFailed(error, where, message.e));
    }, where);
  }

  private handleSend(message: SendMessage): void {
    if (message.e <= this.lastEvent) {
      this.send({ k: Msg.Reply, a: this.lastEvent });
      return;
    }
    this.lastEvent = message.e;
    this.runHandler(message.e, () => this.bridge.dispatch(message.ev, message.d, this.reportError));
  }

  /**
   * Runs a handler so that every state change it makes becomes one render, then sends that
   * render's patch (or, for a numbered event that changed nothing, a Reply).
   */
  private runHandler(e: number, run: () => void, where = ""): void {
    this.handling = true;
    let failed = false;
    try {
      run();
    } catch (error) {
      failed = true;
      this.handlerFailed(error, where, e);
    } finally {
      this.handling = false;
    }
    const before = this.seq;
    this.flush();
    if (e > 0 && this.seq === before && !failed) this.send({ k: Msg.Reply, a: e });
  }

  private handlerFailed(error: unknown, where: string, e: number): void {
    this.logError(error, where);
    const detail = this.options.dev && error instanceof Error ? `: ${error.name}: ${error.message}` : "";
    this.sendError(ErrorCodes.HandlerFailed, `the ${where} failed${detail}`, e);
  }

  private acknowledge(s: number): void {
    let i = 0;
    while (i < this.outbox.length && this.outbox[i].s <= s) i++;
    if (i > 0) this.outbox.splice(0, i);
  }

  /** Sends a message; one that carries `s` gets the next sequence number. Bound: the bridge and requests hold it. */
  private readonly transmit = (message: ServerMessage): void => {
    if ("s" in message) {
      if (!this.mounted) return; // re-sent or part of the Mount when the page joins
      message.s = this.seq + 1;
      this.sendSequenced(message as ServerMessage & { s: number });
    } else this.send(message);
  };

  private readonly reportError = (error: unknown, where: string): void => this.logError(error, where);

  private sendSequenced(message: ServerMessage & { s: number }): void {
    this.seq = message.s;
    const data = JSON.stringify(message);
    this.outbox.push({ s: message.s, data });
    // Bounded: a browser that never acknowledges must not make the server buffer without limit.
    if (this.outbox.length > MAX_UNACKNOWLEDGED) this.outbox.shift();
    this.connection?.send(data);
  }

  private send(message: ServerMessage): void {
    this.connection?.send(JSON.stringify(message));
  }

  sendError(code: ErrorCode, message: string, e?: number): void {
    const m: ServerMessage = { k: Msg.Error, code, message };
    if (e !== undefined) m.e = e;
    this.send(m);
  }

  private logError(error: unknown, where: string): void {
    if (this.options.onError) this.options.onError(error, where);
    else console.error(`[tether] error in ${where} (session ${this.id.slice(0, 8)}, ${this.path}):`, error);
  }
}

/** The class component whose render produced this element: the `this` of its handlers. */
function ownerOf(live: LiveNode): LiveNode | null {
  for (let p = live.parent; p !== null; p = p.parent) if (p.instance !== null) return p;
  return null;
}
