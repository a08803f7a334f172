/** Events a session may send: a burst, refilled at a steady rate (a token bucket). */
export interface RateLimit {
  /** Events allowed at once. Default 200. */
  burst: number;
  /** Events per second allowed over time. Default 100. */
  perSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 200, perSecond: 100 };

export class TokenBucket {
  private tokens: number;
  private last = performance.now();
  private readonly limit: RateLimit;

  constructor(limit: RateLimit) {
    this.limit = limit;
    this.tokens = limit.burst;
  }

  /** Takes one token; false if none is left. */
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) * this.limit.perSecond) / 1000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
