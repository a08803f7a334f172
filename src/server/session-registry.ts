import type { RestoredSession } from "../diff/index.js";
import type { Presence, PubSub } from "../pubsub/index.js";
import type { UploadService } from "../component/upload.js";
import type { Downloads } from "./downloads.js";
import { SessionClose } from "../session/channel.js";
import { LiveSession, type LiveSessionOptions } from "../session/live-session.js";
import type { PageNavigator } from "../session/options.js";
import type { ResolvedOptions } from "./options.js";
import { PendingSessions } from "./pending-sessions.js";
import type { SessionSnapshots } from "./session-snapshots.js";
import type { WindowLinks } from "../session/linked-windows.js";
import type { RouteMatch } from "./routes.js";

/**
 * Where a server's sessions live: made for a URL, found by id, and ended when a tab they wait
 * for does not come. The rest of the server reaches sessions only through this interface; a
 * store that keeps snapshots elsewhere (Redis, for a tab whose node died) implements it too.
 *
 * A session waiting for a tab either was rendered for a page GET and not joined yet
 * (`holdForJoin`: it ends after `joinTimeout`), or lost its tab's connection (`holdForResume`:
 * it ends after `retention`). A tab that takes it (`claim`) stops the clock.
 */
export interface SessionRegistry {
  /** The live sessions of this process, by id. */
  readonly sessions: ReadonlyMap<string, LiveSession>;
  /** How many sessions are waiting for a tab. */
  readonly expiring: number;
  /**
   * A new session rendering `url`'s route for `context` (what the authorize hooks returned),
   * its `mount()` hooks awaited; null if no route serves it (`match`: the router's match of
   * `url`). Every session is made here or by createForPage. `restore`: the id of a session
   * that is not here (its process died or stopped) whose snapshot, if there is one of this
   * page, it is made from, with that id and its components' states.
   */
  create(url: string, match: RouteMatch | null, context: unknown, restore?: string): Promise<LiveSession | null>;
  /**
   * A new session for a page GET of `client` (its address, see clientAddress), made as
   * `create` makes one and held for its tab's join (holdForJoin). It is pending until the tab
   * joins (claim) or it ends, and the pending sessions are capped: null, and none made, if
   * `maxPendingSessions` are pending already (the page answers 503); a client with
   * `maxPendingPerClient` pending has its oldest ended for this one (that tab, if it ever
   * joins, gets a fresh session).
   */
  createForPage(url: string, match: RouteMatch, client: string, context: unknown): Promise<LiveSession | null>;
  /** The live session with this id, if there is one. */
  find(id: string): LiveSession | undefined;
  /** A session rendered for a page: it ends unless a tab joins within `joinTimeout`. */
  holdForJoin(session: LiveSession): void;
  /** A session lost its tab's connection: it ends unless the tab resumes within `retention`. */
  holdForResume(session: LiveSession): void;
  /** A tab has the session: it no longer expires. */
  claim(session: LiveSession): void;
  /** Ends the sessions whose wait ran out by `now` (Date.now() ms). */
  sweep(now: number): void;
  /** Ends every session: the server is stopping (its tabs are told to reconnect, SessionClose.GoingAway). */
  close(reason: string): void;
}

/** The sessions of this process, in memory. */
export class LocalSessionRegistry implements SessionRegistry {
  readonly sessions = new Map<string, LiveSession>();
  /** Sessions waiting for a tab, and when they end if none comes (Date.now() ms): swept, not a timer each. */
  private readonly deadlines = new Map<LiveSession, number>();
  /** Sessions made for a page GET and not joined yet, by client: what the caps count. */
  private readonly pending = new PendingSessions();
  private readonly joinTimeout: number;
  private readonly retention: number;
  private readonly maxPending: number;
  private readonly maxPendingPerClient: number;
  // One options object for every session of this server (not one per session).
  private readonly sessionOptions: LiveSessionOptions<LiveSession>;
  private readonly snapshots: SessionSnapshots | null;

  /**
   * `joinToken` signs the token each Mount and Resume gives a session's tab; `topics` is the
   * server's pub/sub, presence and download endpoint, which its sessions use; `snapshots` keeps its sessions for
   * another process (null: not kept); `navigator` moves them between pages (server/navigation.ts).
   */
  constructor(options: ResolvedOptions, joinToken?: (session: LiveSession) => string, topics?: { pubsub: PubSub; presence: Presence; downloads?: Downloads; uploads?: UploadService; windowLinks?: WindowLinks }, snapshots: SessionSnapshots | null = null, navigator?: PageNavigator<LiveSession>) {
    this.snapshots = snapshots;
    this.joinTimeout = options.joinTimeout;
    this.retention = options.retention;
    this.maxPending = options.maxPendingSessions;
    this.maxPendingPerClient = options.maxPendingPerClient;
    this.sessionOptions = {
      dev: options.dev,
      jsTimeout: options.jsTimeout,
      heartbeat: [options.heartbeatInterval, options.heartbeatTimeout],
      rateLimit: options.rateLimit,
      handlerTimeout: options.handlerTimeout,
      maxOutboxBytes: options.maxOutboxBytes,
      maxBufferedBytes: options.maxBufferedBytes,
      maxMessageSize: options.maxMessageSize,
      onError: options.onError,
      joinToken,
      pubsub: topics?.pubsub,
      presence: topics?.presence,
      navigator,
      uploads: topics?.uploads,
      downloads: topics?.downloads,
      windowLinks: topics?.windowLinks,
      onChange: snapshots === null ? undefined : (session) => snapshots.changed(session),
      onEnd: (session) => {
        snapshots?.ended(session);
        topics?.downloads?.endSession(session.id);
        this.sessions.delete(session.id);
        this.deadlines.delete(session);
        this.pending.delete(session);
      },
    };
  }

  get expiring(): number {
    return this.deadlines.size;
  }

  async create(url: string, match: RouteMatch | null, context: unknown, restore?: string): Promise<LiveSession | null> {
    if (match === null) return null;
    const saved = restore === undefined || this.snapshots === null ? null : await this.snapshots.load(restore, url);
    // Another join may have restored it while the snapshot loaded: that one has it.
    const session = saved === null || this.sessions.has(restore!) ? this.make(url, match, context) : this.make(url, match, context, { id: restore!, ...saved });
    await session.ready();
    return session;
  }

  async createForPage(url: string, match: RouteMatch, client: string, context: unknown): Promise<LiveSession | null> {
    if (this.pending.size >= this.maxPending) return null;
    const session = this.make(url, match, context);
    // Counted from now, not from its join's hold: GETs whose mount() is still running count too.
    this.pending.add(session, client, this.maxPendingPerClient)?.end("replaced by a newer page of the same client");
    await session.ready();
    if (session.isEnded) return null; // replaced in turn while its mount() ran
    this.holdForJoin(session);
    return session;
  }

  private make(url: string, match: RouteMatch, context: unknown, restore?: RestoredSession): LiveSession {
    const session = new LiveSession(url, match.content, this.sessionOptions, context, restore);
    session.windowsOnPage = match.windows;
    this.sessions.set(session.id, session);
    return session;
  }

  find(id: string): LiveSession | undefined {
    return this.sessions.get(id);
  }

  holdForJoin(session: LiveSession): void {
    this.deadlines.set(session, Date.now() + this.joinTimeout);
  }

  holdForResume(session: LiveSession): void {
    // An old connection that a resume already replaced closing is no reason to expire.
    if (!session.isEnded && !session.isConnected) this.deadlines.set(session, Date.now() + this.retention);
  }

  claim(session: LiveSession): void {
    this.deadlines.delete(session);
    this.pending.delete(session);
  }

  sweep(now: number): void {
    // end() removes the session from `deadlines` (onEnd): a Map may lose entries while iterated.
    for (const [session, deadline] of this.deadlines) if (deadline <= now) session.end("session expired");
  }

  close(reason: string): void {
    for (const session of [...this.sessions.values()]) session.end(reason, SessionClose.GoingAway);
  }
}
