/**
 * The harness's own clock: the timers it needs to move messages and to wait for a view to
 * settle, captured when this module loads, so that a fake clock (below, or a test runner's
 * `useFakeTimers`) installed later never stops the harness itself.
 */
export const realTime = {
  setTimeout: globalThis.setTimeout.bind(globalThis),
  clearTimeout: globalThis.clearTimeout.bind(globalThis),
  now: Date.now,
};

type Callback = (...args: unknown[]) => void;

interface Timer {
  readonly id: number;
  at: number;
  readonly callback: Callback;
  readonly args: unknown[];
  /** Milliseconds between runs of an interval; null for a timeout. */
  readonly every: number | null;
}

/** What a fake setTimeout returns in Node: the methods Node code calls on a Timeout. */
class FakeTimeout {
  readonly id: number;
  constructor(id: number) {
    this.id = id;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  [Symbol.toPrimitive](): number {
    return this.id;
  }
}

const PATCHED = ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] as const;

/** The clock whose timers Node's global scope has now, if any. */
let inNode: FakeClock | null = null;

/**
 * A clock that moves only when the test says so (`view.clock.advance(ms)`): timers, intervals,
 * `Date.now()` and `performance.now()`, in the page (debounce, throttle, reconnect backoff) and on
 * the server (handler timeouts, heartbeats, the app's own timers) alike, so that a test of a
 * debounced field or of a ticking component takes no real time and never depends on the machine's
 * speed. Made with `render(…, { clock: "fake" })`; it replaces Node's global timers while its view
 * is open (as a test runner's fake timers do), so views with a fake clock are not opened side by
 * side with other tests' timers running. `new Date()` and `setImmediate` keep real time.
 */
export class FakeClock {
  #now: number;
  #start: number;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();
  /** What was replaced, to put back: the object, the name, the original value (undefined: it was inherited, so deleted). */
  readonly #saved: Array<[object, string, PropertyDescriptor | undefined]> = [];

  constructor(start = realTime.now()) {
    this.#now = this.#start = start;
  }

  /** Milliseconds since the epoch, as `Date.now()` reads it now. */
  get now(): number {
    return this.#now;
  }

  /** Timers waiting to run. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Replaces the timers of Node's global scope (one fake clock at a time). */
  installInNode(): void {
    if (inNode !== null) throw new Error('tether-live/test: a view with { clock: "fake" } is open already; close it first (one fake clock at a time)');
    inNode = this;
    this.#replace(globalThis, (id) => new FakeTimeout(id));
    this.#set(Date, "now", () => this.#now);
    this.#set(performance, "now", () => this.#now - this.#start);
  }

  /** Replaces the timers of a page's window (happy-dom's, a VM context), before its scripts run. */
  installInWindow(window: object): void {
    this.#replace(window, (id) => id);
    const page = window as { Date: DateConstructor; performance: Performance };
    this.#set(page.Date, "now", () => this.#now);
    this.#set(page.performance, "now", () => this.#now - this.#start);
  }

  /** Puts back everything this clock replaced. */
  uninstall(): void {
    if (inNode === this) inNode = null;
    for (const [target, name, own] of this.#saved.splice(0).reverse()) {
      if (own === undefined) delete (target as Record<string, unknown>)[name];
      else Object.defineProperty(target, name, own);
    }
    this.#timers.clear();
  }

  /**
   * Moves time `ms` forward, running each timer that comes due, in time order; `between` runs
   * after each (a view settles there: what a timer sent is answered before the next one runs).
   * Returns how many timers ran.
   */
  async advance(ms: number, between: () => Promise<void> = async () => {}): Promise<number> {
    if (!(ms >= 0)) throw new RangeError(`clock.advance: ${ms} is not a duration in ms`);
    const until = this.#now + ms;
    let ran = 0;
    for (let next = this.#due(until); next !== null; next = this.#due(until)) {
      this.#now = next.at;
      if (next.every === null) this.#timers.delete(next.id);
      else next.at += Math.max(1, next.every);
      ran++;
      next.callback(...next.args);
      await between();
    }
    this.#now = until;
    return ran;
  }

  #due(until: number): Timer | null {
    let first: Timer | null = null;
    for (const timer of this.#timers.values()) if (timer.at <= until && (first === null || timer.at < first.at)) first = timer;
    return first;
  }

  #add(callback: unknown, delay: unknown, args: unknown[], repeat: boolean): number {
    if (typeof callback !== "function") throw new TypeError("a timer's callback must be a function");
    const ms = Math.max(0, Number(delay) || 0);
    const id = this.#nextId++;
    this.#timers.set(id, { id, at: this.#now + ms, callback: callback as Callback, args, every: repeat ? ms : null });
    return id;
  }

  #clear(handle: unknown): void {
    if (handle != null) this.#timers.delete(Number(handle));
  }

  #replace(target: object, handle: (id: number) => unknown): void {
    const fakes: Record<(typeof PATCHED)[number], unknown> = {
      setTimeout: (callback: unknown, delay?: unknown, ...args: unknown[]) => handle(this.#add(callback, delay, args, false)),
      setInterval: (callback: unknown, delay?: unknown, ...args: unknown[]) => handle(this.#add(callback, delay, args, true)),
      clearTimeout: (id: unknown) => this.#clear(id),
      clearInterval: (id: unknown) => this.#clear(id),
    };
    for (const name of PATCHED) this.#set(target, name, fakes[name]);
  }

  #set(target: object, name: string, value: unknown): void {
    this.#saved.push([target, name, Object.getOwnPropertyDescriptor(target, name)]);
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  }
}

/** A view's fake clock (`render(…, { clock: "fake" })`), as a test moves it. */
export interface TestClock {
  /** Milliseconds since the epoch, as `Date.now()` reads it in the page and on the server now. */
  readonly now: number;
  /**
   * Moves time forward by `ms`: each timer that comes due runs, in order, in the page (a
   * debounced event is sent) and on the server (a timeout, an interval of the app's), and the
   * view settles after each. Resolves once settled at the new time.
   */
  advance(ms: number): Promise<void>;
}

/** The view's clock as a test moves it: each timer that comes due runs, and the view settles after it (`settle`). */
export function testClock(clock: FakeClock, settle: () => Promise<void>): TestClock {
  return {
    get now() {
      return clock.now;
    },
    advance: async (ms) => {
      await clock.advance(ms, settle);
      await settle();
    },
  };
}
