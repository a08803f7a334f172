import { realTime } from "./fake-clock.js";

/** Turns of the event loop taken back to back while messages move; after these, a timer's pace. */
const BUSY_TURNS = 50;

/**
 * Waits until `waitingFor()` names nothing, twice in a row: a turn for what the last delivery
 * started (a flush, a promise) to show. `stop()` returns true to stop waiting (the view closed)
 * or throws (the view failed). Fails after `timeout` ms, naming what it still waits for.
 */
export async function settle(waitingFor: () => string[], stop: () => boolean, timeout: number): Promise<void> {
  const deadline = realTime.now() + timeout;
  let quietTurns = 0;
  let turns = 0;
  for (;;) {
    if (stop()) return;
    quietTurns = waitingFor().length === 0 ? quietTurns + 1 : 0;
    if (quietTurns >= 2) return;
    if (realTime.now() > deadline) throw new Error(`view.settled(): still waiting after ${timeout} ms for ${waitingFor().join("; ")}`);
    // Busy turns while messages move, then a timer's pace while waiting on one (a debounce, a reconnect, a page's GET).
    await new Promise<void>((resolve) => (++turns < BUSY_TURNS ? setImmediate(resolve) : realTime.setTimeout(resolve, 2)));
  }
}

/**
 * Runs `check` (a query, an assertion) each time the view has settled until it passes, and
 * resolves with what it returned: testing-library's `waitFor`, for what the server does on its
 * own after an action (an upload's `done` awaiting its file, a message another view published).
 * Fails after `timeout` ms with what `check` threw last.
 */
export async function waitFor<T>(check: () => T | Promise<T>, settled: () => Promise<void>, timeout: number): Promise<T> {
  const deadline = realTime.now() + timeout;
  for (;;) {
    await settled();
    try {
      return await check();
    } catch (error) {
      if (realTime.now() > deadline) throw error;
    }
    // A timer's pace: what the server awaits (a file, another process) takes real time.
    await new Promise<void>((resolve) => realTime.setTimeout(resolve, 5));
  }
}
