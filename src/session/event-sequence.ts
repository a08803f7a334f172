import { DEFAULT_RATE_LIMIT, TokenBucket, type RateLimit } from "./rate-limit.js";

/**
 * The browser's events as the session has seen them (invariant 4, "One render per turn, every
 * message sequenced" in ARCHITECTURE.md): each is applied once, in order, and counts as answered
 * only when its handler (async ones included) has settled. `answered` is what the page is told:
 * every event up to it is done, so a focused field's text is kept against server values until its
 * events are (invariant 5, "User input wins" in ARCHITECTURE.md). And how many of them (with calls
 * and pings) the page may send: the session's rate limit.
 */
export class EventSequence {
  /** The last event received (applied, refused or failed): a re-sent one at or below it is not applied again. */
  last = 0;
  /** Events whose async handler has not settled yet, in order (null: none, the usual case). */
  private running: number[] | null = null;
  private readonly bucket: TokenBucket;

  constructor(limit: RateLimit = DEFAULT_RATE_LIMIT) {
    this.bucket = new TokenBucket(limit);
  }

  /** Takes one message's token of the rate limit; false if it is spent. */
  take(): boolean {
    return this.bucket.take();
  }

  /**
   * Whether numbered event `e` (0: unnumbered) is within the rate limit. One beyond it is
   * counted as received, so the tab, told it was refused, does not send it again. A re-sent
   * event (already applied) always passes: after a reconnect the page legitimately re-sends
   * all it has not seen answered, and each costs one small Reply.
   */
  admit(e: number): boolean {
    if ((e > 0 && this.isRepeat(e)) || this.take()) return true;
    this.receive(e);
    return false;
  }

  /** True if `e` was received before (the page sent it again after a reconnect). */
  isRepeat(e: number): boolean {
    return e <= this.last;
  }

  /** `e` arrived and is taken (applied, or refused for good). */
  receive(e: number): void {
    if (e > this.last) this.last = e;
  }

  /** `e`'s handler is async: it is not answered until `settle(e)`. */
  start(e: number): void {
    (this.running ??= []).push(e); // events arrive in order: this stays sorted
  }

  settle(e: number): void {
    const running = this.running!;
    running.splice(running.indexOf(e), 1);
  }

  /** Every event up to this one is answered. */
  get answered(): number {
    return this.running !== null && this.running.length > 0 ? this.running[0] - 1 : this.last;
  }
}
