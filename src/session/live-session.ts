import { randomToken } from "./random-token.js";
import { LiveTree, RenderLoopError, runConnectedHooks, runNewConnectedHooks, type RestoredSession } from "../diff/index.js";
import { liveToHtml } from "../html/to-html.js";
import { ErrorCodes, Msg, NavigationEvents, PROTOCOL_VERSION, type ClientMessage, type ErrorCode, type EventMessage, type SendMessage, type ServerMessage } from "../protocol/wire.js";
import type { Renderable } from "../vnode/vnode.js";
import { findEventTarget, type HandlerCall } from "./event-target.js";
import type { ComponentSession } from "../component/component-session.js";
import type { UploadService } from "../component/upload.js";
import { checkTimeout } from "./js-requests.js";
import { SessionWindows } from "./session-windows.js";
import { Channel, SessionClose, type Transport } from "./channel.js";
import { EventSequence, type HandlerWatch } from "./event-sequence.js";
import { settlesWithin } from "./settles-within.js";
import { admitEvent, spendToken } from "./admission.js";
import { pageTerms, type LiveSessionOptions } from "./options.js";
import { watchSession, type SessionInspector } from "./session-inspector.js";

export type { LiveSessionOptions } from "./options.js";
export type { Transport } from "./channel.js";

/**
 * A session's state bits. Handling: a handler runs, and its changes are flushed when it
 * returns, not at the end of the turn. FlushQueued: a flush is due at the end of this turn.
 */
const Flag = { Handling: 1, FlushQueued: 2, Ended: 4 } as const;

/**
 * One browser tab's live session: the component tree, what the browser has of it, and the sequence
 * numbers on both sides (invariant 4, "One render per turn, every message sequenced" in
 * ARCHITECTURE.md). All state changes made while handling one event, or in one turn of the event
 * loop, become one render and one patch batch. Its components see it as a ComponentSession.
 */
export class LiveSession extends SessionWindows implements ComponentSession, HandlerWatch {
  /** Unguessable id: it is what lets a tab claim this session. */
  readonly id: string;
  readonly tree: LiveTree;
  /** Proof that a joining tab holds this session (it came with the last Mount), not a copy of its HTML. */
  private resumeToken = "";
  protected readonly channel: Channel;
  // The event log (with the rate limit), page requests and bridge are made on first use: an
  // idle session (most of a server's sessions, most of the time) may never need them.
  private eventLog: EventSequence | null = null;
  /** Flag bits: one field, not three booleans. */
  private flags = 0;
  protected readonly options: LiveSessionOptions<LiveSession>;
  /** The first error of the first paint (see paintError), boxed: a component may throw undefined. */
  private paintFailure: { error: unknown } | null = null;
  /** Development only: the tab's devtools watch (a DevWatch asked); always null in production. */
  private inspector: SessionInspector | null = null;

  /** `restore`: a session another process snapshotted, made again (its id, its components' states). */
  constructor(path: string, content: Renderable, options: LiveSessionOptions<LiveSession> = {}, context?: unknown, restore?: RestoredSession) {
    super();
    this.id = restore?.id ?? randomToken(18);
    this.path = path;
    this.context = context;
    this.options = options;
    // Numbered messages wait once half the transport's buffer is in use: the rest is room for
    // the replies and errors that cannot wait (a transport past it closes, see Transport).
    this.channel = new Channel(options.maxOutboxBytes ?? 8 << 20, (options.maxBufferedBytes ?? 1 << 20) / 2);
    if (options.jsTimeout !== undefined) checkTimeout(options.jsTimeout);
    if (options.handlerTimeout !== undefined) checkTimeout(options.handlerTimeout);
    this.tree = new LiveTree(this);
    if (restore !== undefined) {
      this.tree.restoring = restore.components;
      if (restore.events > 0) this.events.last = restore.events;
    }
    this.linkWindows(restore !== undefined); // before the paint: mount() may read `parent`
    this.tree.paint(content); // the page gets it as HTML, the tab as a tree when it joins
  }

  private get events(): EventSequence {
    return (this.eventLog ??= new EventSequence(this.options.rateLimit));
  }

  /** Milliseconds a handler or the first paint's `mount()` hooks may take. */
  private get handlerTimeout(): number {
    return this.options.handlerTimeout ?? 30_000;
  }

  /** Every event of the tab up to this one is answered (0 before the first): what a snapshot holds. */
  get answered(): number {
    return this.eventLog === null ? 0 : this.eventLog.answered;
  }

  /**
   * Waits for the first render's async `mount()` hooks, then renders what they changed. Hooks
   * still running after `handlerTimeout` are reported: the page is painted as it rendered, and
   * what they change when they settle is sent as it comes, as for a component mounted later.
   */
  async ready(): Promise<void> {
    const deadline = performance.now() + this.handlerTimeout;
    while (this.tree.pendingMounts !== null) {
      const pending = this.tree.pendingMounts;
      this.tree.pendingMounts = null;
      if (await settlesWithin(Promise.all(pending), deadline - performance.now())) continue;
      this.tree.pendingMounts = null;
      this.logError(new Error(`a mount() did not settle within ${this.handlerTimeout} ms; the page is shown as it rendered so far`), `the first paint of ${this.path}`);
      break;
    }
    this.tree.collectsMounts = false;
    this.flush();
  }

  /** The current tree as HTML, for the first paint. */
  toHtml(): string {
    return liveToHtml(this.tree.root);
  }

  get isEnded(): boolean {
    return (this.flags & Flag.Ended) !== 0;
  }

  get uploads(): UploadService | null {
    return this.options.uploads ?? null;
  }

  get isConnected(): boolean {
    return this.channel.transport !== null;
  }

  /** True if a tab has had this session's tree (it may be away now and resume). */
  get wasMounted(): boolean {
    return this.resumeToken !== "";
  }

  /** Whether a joining tab proves it is the one that holds this session. */
  holdsToken(token: string): boolean {
    return this.resumeToken !== "" && token === this.resumeToken;
  }

  /**
   * Attaches a tab's transport and sends it the whole tree, then runs every component's
   * `connected()`. A previous transport is closed.
   */
  attach(transport: Transport): void {
    if (this.isEnded) throw new Error("Tether: cannot attach to an ended session");
    this.tree.connects = false; // the connected() calls below reach every component, once
    this.flush(); // changes made while no tab had the tree are part of the tree we are about to send
    this.resumeToken = randomToken(12);
    this.channel.mount(transport, () => {
      const { firstId, trees } = this.tree.encode();
      const mount: ServerMessage & { s: number } = {
        k: Msg.Mount, s: 0, v: PROTOCOL_VERSION, sid: this.id, id: firstId, t: trees, rt: this.resumeToken, a: this.answered, m: this.boundMethods, ...pageTerms(this.options, this),
      };
      const namespaces = this.bridgeState?.namespaces;
      if (namespaces) mount.b = [...namespaces];
      return mount;
    });
    this.rejoined();
    const early = this.earlyEmits;
    this.earlyEmits = null;
    if (early !== null) for (const message of early) this.transmit(message);
    this.tree.connects = true;
    runConnectedHooks(this.tree);
  }

  /**
   * Re-attaches the tab that held this session, on a new transport, after its connection
   * dropped: replays the messages after `s` (the last one it applied) instead of sending the
   * tree again, so ids, focus and everything on the page stay. Falls back to a fresh mount if
   * they are not all kept.
   */
  resume(transport: Transport, s: number): void {
    if (this.isEnded) throw new Error("Tether: cannot resume an ended session");
    if (!this.channel.resume(transport, s, { k: Msg.Resume, a: this.answered, ...pageTerms(this.options, this) })) {
      this.attach(transport);
      return;
    }
    this.rejoined();
    this.flush();
  }

  /**
   * After a (re)join: page requests not answered yet go again (the page may never have got them,
   * or its answer was lost; it answers each id once), and the tab is present on its topics again.
   */
  private rejoined(): void {
    if (this.jsRequests !== null) for (const request of this.jsRequests.unanswered()) this.transmit(request);
    this.showPresence();
  }

  /** The transport went away; the session waits to be resumed (or ended by its owner). */
  detach(transport: Transport): void {
    this.channel.detach(transport);
    if (!this.isConnected && !this.isEnded) this.hidePresence();
  }

  /** Handles one validated message from the browser. */
  receive(message: ClientMessage): void {
    if (this.isEnded) return;
    switch (message.k) {
      case Msg.Event:
        // The page acknowledges with its next event instead of a separate Ack when it can.
        if (message.a !== undefined) this.channel.acknowledge(message.a);
        this.handleEvent(message);
        break;
      case Msg.Ack:
        this.channel.acknowledge(message.s);
        break;
      case Msg.Ping:
        if (this.spend()) this.channel.send({ k: Msg.Pong });
        break;
      case Msg.Result:
        this.js.settle(message);
        break;
      case Msg.Call:
        // A call not run for a flood is sent again by the page when it rejoins.
        if (this.spend()) this.runHandler(0, { run: () => this.bridge.call(message), describe: () => `the "${message.m}" call` });
        break;
      case Msg.Send:
        this.handleSend(message);
        break;
      case Msg.Join:
        // Answered, so it spends a token like a ping: a page never sends it twice.
        if (this.spend()) this.sendError(ErrorCodes.NotJoined, "this connection has already joined a session");
        break;
      case Msg.DevWatch:
        if (this.spend()) this.inspector = watchSession(message, this.options.dev === true, this.tree, this.channel);
        break;
    }
  }

  /**
   * Ends the session: unmounts every component and closes the connection, with `code` (a
   * normal closure, or SessionClose.GoingAway when the server stops).
   */
  end(reason = "session ended", code = 1000): void {
    if (this.isEnded) return;
    this.flags |= Flag.Ended;
    this.js.rejectAll("the session ended"); // made if need be: a request after the end must fail too
    this.tree.destroy();
    this.endTopics();
    this.endWindows(code !== SessionClose.GoingAway); // a stopping server's sessions may be restored elsewhere
    this.channel.close(code, reason);
    this.options.onEnd?.(this);
  }

  /**
   * Re-renders what changed and sends it as one batch. Called after each event and each turn,
   * and with `content` by live navigation: that is the whole page now (see LiveTree.render).
   */
  flush(content?: Renderable): void {
    this.flags &= ~Flag.FlushQueued;
    if (this.isEnded) return;
    let ops;
    try {
      ops = content === undefined ? this.tree.flush(false) : this.tree.render(content, false);
    } catch (error) {
      // Not a component's error (those are caught where they happen): the tree may be half
      // updated, so this session ends; the page reconnects to a fresh one. Others go on.
      this.logError(error, "rendering (internal error; the session ends)");
      this.end("internal error");
      return;
    }
    if (ops.length > 0) {
      this.options.onChange?.(this);
      this.channel.sendPatch(ops, this.eventLog !== null && this.eventLog.last > 0 ? this.answered : undefined);
    }
    this.tree.settle(); // what the render removed is unmounted once the page has the patch
    runNewConnectedHooks(this.tree); // components this render added, now that the tab gets them
  }

  // ——— What the session's tree calls (the session is its owner: no closures per session) ———

  /** @internal The tree's owner's session: this one. */
  get session(): this {
    return this;
  }

  /** @internal A component changed state: flush at the end of this turn (an event's handler flushes itself). */
  onInvalidate(): void {
    if (this.flags & (Flag.Handling | Flag.FlushQueued)) return;
    this.flags |= Flag.FlushQueued;
    queueMicrotask(() => {
      if (this.flags & Flag.FlushQueued) this.flush();
    });
  }

  /** @internal A component's render, hook or constructor threw. */
  onError(error: unknown, where: string): void {
    // A render loop stopped is no failure of the page: it shows what rendered last.
    if (!this.wasMounted && this.paintFailure === null && !(error instanceof RenderLoopError)) this.paintFailure = { error };
    this.logError(error, where);
  }

  /**
   * The first error a component's render, constructor or hook threw before any tab had the
   * tree (the first paint, its `mount()` hooks), or undefined: the page answers it with a 500
   * rather than a page with a hole where that component should be.
   */
  get paintError(): unknown {
    return this.paintFailure === null ? undefined : (this.paintFailure.error ?? new Error("a component failed"));
  }

  private handleEvent(message: EventMessage): void {
    if (!this.takeNew(message.e)) return;
    const target = findEventTarget(this.tree, message.n, message.t, message.d);
    if ("code" in target) this.sendError(target.code, target.message, message.e);
    else this.runHandler(message.e, target);
  }

  private handleSend(message: SendMessage): void {
    if (!this.takeNew(message.e)) return;
    if (message.ev === NavigationEvents.Navigate) this.runHandler(message.e, this.pageNavigation(message.d));
    else this.runHandler(message.e, { run: () => this.bridge.dispatch(message.ev, message.d), describe: () => `the "${message.ev}" page event handler` });
  }

  /** See admitEvent: false if `e` was applied before or is part of a flood. */
  private takeNew(e: number): boolean {
    return admitEvent(this.events, this.channel, e, this);
  }

  /** See spendToken: false if this message is part of a flood. */
  private spend(): boolean {
    return spendToken(this.events, this.channel, this);
  }

  /** Milliseconds until the rate limit takes the tab's next event without owing (0: now). */
  get readingDelay(): number {
    return this.eventLog === null ? 0 : this.eventLog.wait;
  }

  /**
   * Runs a handler so that every state change it makes becomes one render, then sends that
   * render's patch (or, for a numbered event that changed nothing, a Reply). An async handler's
   * event is answered when its promise settles; what it changes meanwhile is sent as it comes.
   */
  private runHandler(e: number, call: HandlerCall): void {
    const started = this.inspector === null ? 0 : performance.now(); // the devtools' server time
    this.flags |= Flag.Handling;
    let failed = false;
    let result: unknown;
    try {
      result = call.run();
    } catch (error) {
      failed = true;
      this.handlerFailed(error, call, e);
    } finally {
      this.flags &= ~Flag.Handling;
    }
    const pending = result instanceof Promise && e > 0 ? result : null;
    if (pending !== null) this.events.start(e, call, this.handlerTimeout, this);
    else if (result instanceof Promise) result.catch((error: unknown) => this.handlerFailed(error, call, e));
    const before = this.channel.seq;
    this.flush();
    if (e > 0 && pending === null && this.channel.seq === before && !failed) this.channel.send({ k: Msg.Reply, a: this.answered });
    if (pending === null) return this.inspector?.report(e, started);
    pending
      .catch((error: unknown) => this.handlerFailed(error, call, e))
      .finally(() => {
        this.events.settle(e);
        if (this.isEnded) return;
        const at = this.channel.seq;
        this.flush();
        if (this.channel.seq === at) this.channel.send({ k: Msg.Reply, a: this.answered });
        this.inspector?.report(e, started);
      });
  }

  private handlerFailed(error: unknown, call: HandlerCall, e: number): void {
    const where = call.describe();
    this.logError(error, where);
    const detail = this.options.dev && error instanceof Error ? `: ${error.name}: ${error.message}` : "";
    this.sendError(ErrorCodes.HandlerFailed, `the ${where} failed${detail}`, e);
  }

  /**
   * @internal An event's async handler did not settle within `handlerTimeout`: reported, and the
   * event counts as answered, so later events are answered; what it changes later is still sent.
   */
  handlerTimedOut(e: number, call: HandlerCall): void {
    if (this.isEnded) return;
    const where = call.describe();
    const late = `the ${where} did not settle within ${this.handlerTimeout} ms`;
    this.logError(new Error(late), where);
    this.sendError(ErrorCodes.HandlerTimeout, `${late}; later events are answered meanwhile`, e);
  }

  /** An error for the page; one about an event says which (`e`) and what is answered now (`a`). */
  sendError(code: ErrorCode, message: string, e?: number): void {
    const m: ServerMessage = { k: Msg.Error, code, message };
    if (e !== undefined && e > 0) {
      m.e = e;
      m.a = this.answered;
    }
    this.channel.send(m);
  }

  private logError(error: unknown, where: string): void {
    if (this.options.onError) this.options.onError(error, where, this);
    else console.error(`[tether] error in ${where} (session ${this.id.slice(0, 8)}, ${this.path}):`, error);
  }
}

