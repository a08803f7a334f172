/**
 * Warming up: V8 compiles a hot path several times (interpreter, baseline, optimized) over
 * the first thousands of calls, so round trips measured too early mostly time the compiler.
 * A client clicks in blocks until the median of a block is within 10% of the block before it
 * (at least `min` events, at most `max`).
 */
import type { Action, LiveClient } from "../clients/connection.js";
import { median } from "../stats.js";

export interface WarmUp {
  events: number;
  /** Median round trip of the last block, in ms. */
  lastBlockMs: number;
  steady: boolean;
}

export async function warmUp(client: LiveClient, action: Action, min = 3000, max = 10_000, block = 1000): Promise<WarmUp> {
  let previous = Infinity;
  let events = 0;
  for (;;) {
    const ms: number[] = new Array(block);
    for (let i = 0; i < block; i++) ms[i] = (await client.act(action)).ms;
    events += block;
    const current = median(ms);
    const steady = Math.abs(current - previous) <= 0.1 * previous;
    if ((events >= min && steady) || events >= max) return { events, lastBlockMs: current, steady };
    previous = current;
  }
}
