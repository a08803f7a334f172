/** Events a session may send: a burst, refilled at a steady rate (a token bucket). */
export interface RateLimit {
  /** Events allowed at once. Default 200. */
  burst: number;
  /** Events per second allowed over time. Default 100. */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 200, perSecond: 100 };

/**
 * How far behind the rate a page may fall, in seconds of it, before what it sends is taken as
 * a flood: at the default rate, 3,000 events beyond it. A person cannot get there: 1,000 clicks
 * as fast as a page can make them owe 8 seconds, and while a page owes, its connection is not
 * read, so what it sends meanwhile waits in the network and owes nothing yet. Only more events
 * than that in one read (a long-poll POST holds up to 4 MiB) do.
 */
export const FLOOD_SECONDS = 30;

/**
 * A token bucket that never refuses: a token taken from an empty bucket is owed (the count goes
 * below zero), and the one who owes waits until the refill has paid it (`wait`). So every
 * event is applied, in order, and the rate holds over time: the session reads its tab's
 * connection more slowly instead of dropping what a person did. A debt beyond FLOOD_SECONDS of
 * the rate is a flood.
 */
export class TokenBucket {
  /** Tokens left; below zero, tokens owed. */
  private tokens: number;
  /** When `tokens` was last brought up to date (performance.now() ms). */
  private refilledAt = performance.now();
  private readonly limit: RateLimit;

  constructor(limit: RateLimit) {
    this.limit = limit;
    this.tokens = limit.burst;
  }

  /** Takes one token, owing it if none is left; returns `wait`. */
  spend(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : this.owedTime();
  }

  /** Milliseconds until nothing is owed (0: nothing is). */
  get wait(): number {
    this.refill();
    return this.tokens >= 0 ? 0 : this.owedTime();
  }

  /** True if more than FLOOD_SECONDS of the rate is owed. */
  get flooded(): boolean {
    this.refill();
    return this.tokens < -FLOOD_SECONDS * this.limit.perSecond;
  }

  private owedTime(): number {
    return Math.ceil((-this.tokens * 1000) / this.limit.perSecond);
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.refilledAt) * this.limit.perSecond) / 1000);
    this.refilledAt = now;
  }
}
