import type { MessageHandler, Presence, PresenceHandler, PresenceList, PubSub, Unsubscribe, Untrack } from "../pubsub/index.js";
import { PageRequests } from "./page-requests.js";

/** A presence entry of the session: shown while its tab is connected (`shown`), hidden while it is away. */
interface Tracked {
  readonly topic: string;
  readonly key: string;
  readonly meta: unknown;
  shown: Untrack | null;
}

/**
 * A session's pub/sub and presence: its subscriptions and tracked entries, all ended with the
 * session (no leak when a tab goes away), and its broadcasts. Its presence follows its tab: a
 * tab that drops its connection leaves (its session waits for it, but the person is not there)
 * and joins again when it resumes, so "who is online" counts the tabs that are. A message reaches the session as
 * a turn of its own (`deliver`): what its handler changes becomes one render and one patch.
 * LiveSession's base, above PageRequests; the list of what to end is made on first use.
 */
export abstract class SessionTopics extends PageRequests {
  /** What ends with the session: unsubscribes and untracks. */
  private topicCleanups: Set<() => unknown> | null = null;
  /** Its presence entries, shown or hidden. */
  private tracked: Set<Tracked> | null = null;
  abstract readonly id: string;
  abstract readonly isEnded: boolean;
  /** Renders what changed and sends it as one patch. */
  abstract flush(): void;

  /**
   * Runs a subscriber's handler as a turn of the session's own: what it changes is flushed as
   * one patch when it returns (invariant 4, "One render per turn, every message sequenced"),
   * what it changes after an await as any later change is.
   */
  /** @internal */
  deliver(run: () => unknown, where: string): void {
    if (this.isEnded) return;
    try {
      const result = run();
      if (result instanceof Promise) result.catch((error: unknown) => this.onError(error, where));
    } catch (error) {
      this.onError(error, where);
    }
    this.flush();
  }

  protected get pubsub(): PubSub {
    const pubsub = this.options.pubsub;
    if (pubsub === undefined) throw new Error("Tether: pub/sub and presence are for the sessions of a server (createTether or serve)");
    return pubsub;
  }

  private get presence(): Presence {
    const presence = this.options.presence;
    if (presence === undefined) throw new Error("Tether: pub/sub and presence are for the sessions of a server (createTether or serve)");
    return presence;
  }

  /** Calls `handler` with each message broadcast to `topic` until the returned function is called or the session ends. */
  subscribe(topic: string, handler: MessageHandler): Unsubscribe {
    return this.keep(this.pubsub.subscribe(topic, (message, t) => this.deliver(() => handler(message, t), `a subscriber of "${t}"`), this.id));
  }

  /** Sends `message` (JSON data) to every subscriber of `topic` in every process, this session's included. */
  broadcast(topic: string, message: unknown): Promise<void> {
    return this.pubsub.broadcast(topic, message);
  }

  /** Sends `message` to every subscriber of `topic` but this session's. */
  broadcastFrom(topic: string, message: unknown): Promise<void> {
    return this.pubsub.broadcastFrom(this.id, topic, message);
  }

  /** Shows this session on `topic` under `key` with `meta` until untracked or the session ends. */
  track(topic: string, key: string, meta?: unknown): Untrack {
    const entry: Tracked = { topic, key, meta, shown: this.presence.track(topic, key, meta) };
    const tracked = (this.tracked ??= new Set());
    tracked.add(entry);
    const untrack = () => {
      tracked.delete(entry);
      const shown = entry.shown;
      entry.shown = null;
      return shown === null ? Promise.resolve() : shown();
    };
    return this.keep(Object.assign(untrack, { ready: entry.shown!.ready }));
  }

  /** The tab went away: its entries leave (the session keeps them, to show again when it resumes). */
  protected hidePresence(): void {
    if (this.tracked === null) return;
    for (const entry of this.tracked) {
      void entry.shown?.();
      entry.shown = null;
    }
  }

  /** The tab is back: its entries join again. */
  protected showPresence(): void {
    if (this.tracked === null) return;
    for (const entry of this.tracked) entry.shown ??= this.presence.track(entry.topic, entry.key, entry.meta);
  }

  /** Who is on `topic`, by key, in every process. */
  listPresence(topic: string): Promise<PresenceList> {
    return this.presence.list(topic);
  }

  /** Calls `handler` with `topic`'s presence diffs (joins, leaves) until unsubscribed or the session ends. */
  onPresence(topic: string, handler: PresenceHandler): Unsubscribe {
    return this.keep(this.presence.subscribe(topic, (diff, t) => this.deliver(() => handler(diff, t), `a presence subscriber of "${t}"`), this.id));
  }

  /** Ends every subscription and tracked entry (the session ended). */
  protected endTopics(): void {
    const cleanups = this.topicCleanups;
    if (cleanups === null) return;
    this.topicCleanups = null;
    for (const cleanup of cleanups) void Promise.resolve(cleanup()).catch((error: unknown) => this.onError(error, "ending a subscription"));
  }

  /** Keeps `end` for the session's end; the returned function (with `end`'s `ready`) calls it once and forgets it. */
  private keep<F extends (() => unknown) & { readonly ready: Promise<void> }>(end: F): F {
    const cleanups = (this.topicCleanups ??= new Set());
    cleanups.add(end);
    const once = () => {
      cleanups.delete(end);
      return end();
    };
    return Object.assign(once, { ready: end.ready }) as unknown as F;
  }
}
