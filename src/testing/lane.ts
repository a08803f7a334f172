import { realTime } from "./fake-clock.js";

/**
 * One direction of the in-process network: deliveries in the order they were made, each after
 * the latency in force when it was made (a message never overtakes an earlier one, as on TCP).
 */
export class Lane {
  #queue: Array<{ at: number; run: () => void }> = [];
  #timer: NodeJS.Timeout | null = null;
  #immediate: NodeJS.Immediate | null = null;
  #draining = false;

  /** Deliveries waiting. */
  get size(): number {
    return this.#queue.length;
  }

  push(run: () => void, latency: number): void {
    this.#queue.push({ at: realTime.now() + latency, run });
    if (this.#timer === null && this.#immediate === null && !this.#draining) this.#schedule();
  }

  /** Forgets every waiting delivery (a dropped network, a closed view). */
  clear(): void {
    this.#queue = [];
    if (this.#timer !== null) realTime.clearTimeout(this.#timer);
    if (this.#immediate !== null) clearImmediate(this.#immediate);
    this.#timer = null;
    this.#immediate = null;
  }

  #schedule(): void {
    const head = this.#queue[0];
    if (head === undefined) return;
    const wait = head.at - realTime.now();
    // A later turn even without latency: a message is never handled inside the call that sent it.
    if (wait <= 0) this.#immediate = setImmediate(this.#drain);
    else this.#timer = realTime.setTimeout(this.#drain, wait);
  }

  readonly #drain = (): void => {
    this.#timer = null;
    this.#immediate = null;
    const now = realTime.now();
    this.#draining = true;
    try {
      while (this.#queue.length > 0 && this.#queue[0].at <= now) this.#queue.shift()!.run();
    } finally {
      this.#draining = false;
      this.#schedule();
    }
  };
}
