import type { HandlerCall } from "./event-target.js";
import { DEFAULT_RATE_LIMIT, TokenBucket, type RateLimit } from "./rate-limit.js";

/** Who is told when an event's async handler has not settled in time: the session. */
export interface HandlerWatch {
  handlerTimedOut(e: number, call: HandlerCall): void;
}

/** An event whose async handler has not settled yet. */
interface Running {
  readonly e: number;
  readonly call: HandlerCall;
  /** When it times out (performance.now() ms). */
  readonly deadline: number;
}

/**
 * The browser's events as the session has seen them (invariant 4, "One render per turn, every
 * message sequenced" in ARCHITECTURE.md): each is applied once, in order, and counts as answered
 * when its handler (async ones included) has settled, or has not settled within the session's
 * handler timeout. `answered` is what the page is told: every event up to it is done, so a
 * focused field's text is kept against server values until its events are (invariant 5, "User
 * input wins" in ARCHITECTURE.md).
 *
 * It is also the bucket of the session's rate limit (see TokenBucket), which every event,
 * call and ping spends from: one object per session rather than two, since a session that
 * has had events keeps both for as long as it lives.
 */
export class EventSequence extends TokenBucket {
  /** The last event received (applied or failed): a re-sent one at or below it is not applied again. */
  last = 0;
  /**
   * Events whose async handler has not settled yet, in order (null: none, the usual case).
   * While it is not null, one timer is due to look for handlers past their deadline (see
   * expireHandlers): one timer for a session, not one per handler.
   */
  private running: Running[] | null = null;

  constructor(limit: RateLimit = DEFAULT_RATE_LIMIT) {
    super(limit);
  }

  /** True if `e` was received before (the page sent it again after a reconnect). */
  isRepeat(e: number): boolean {
    return e <= this.last;
  }

  /** `e` arrived and is taken (applied, or failed for good). */
  receive(e: number): void {
    if (e > this.last) this.last = e;
  }

  /**
   * `e`'s handler is async: it is not answered until `settle(e)`, or until `timeout` ms have
   * passed, when `watch` is told and it counts as answered.
   */
  start(e: number, call: HandlerCall, timeout: number, watch: HandlerWatch): void {
    const deadline = performance.now() + timeout;
    if (this.running === null) {
      this.running = [];
      setTimeout(expireHandlers, timeout, this, watch).unref();
    }
    this.running.push({ e, call, deadline }); // events arrive in order: this stays sorted, by deadline too
  }

  /** `e`'s handler settled (nothing if it had timed out already). */
  settle(e: number): void {
    const running = this.running;
    if (running === null) return;
    for (let i = 0; i < running.length; i++) {
      if (running[i].e !== e) continue;
      running.splice(i, 1);
      return;
    }
  }

  /** Every event up to this one is answered. */
  get answered(): number {
    return this.running !== null && this.running.length > 0 ? this.running[0].e - 1 : this.last;
  }

  /** @internal The timer's visit: handlers past their deadline time out; then it is due again, or none runs. */
  expire(watch: HandlerWatch): void {
    const running = this.running!;
    const now = performance.now();
    while (running.length > 0 && running[0].deadline <= now) {
      const { e, call } = running.shift()!;
      watch.handlerTimedOut(e, call);
    }
    if (running.length === 0) this.running = null;
    else setTimeout(expireHandlers, running[0].deadline - now, this, watch).unref();
  }
}

function expireHandlers(events: EventSequence, watch: HandlerWatch): void {
  events.expire(watch);
}
