import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { EventSequence, type HandlerWatch } from "../../src/session/event-sequence.js";
import type { HandlerCall } from "../../src/session/event-target.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["performance", "setTimeout"] });
});

afterEach(() => {
  vi.useRealTimers();
});

const call = (name: string): HandlerCall => ({ run: () => undefined, describe: () => name });

/** A watch that records the events whose handler timed out. */
function watch(): HandlerWatch & { timedOut: Array<[number, string]> } {
  const timedOut: Array<[number, string]> = [];
  return { timedOut, handlerTimedOut: (e, c) => timedOut.push([e, c.describe()]) };
}

describe("EventSequence", () => {
  test("a received event is answered; one received again is a repeat", () => {
    const events = new EventSequence();
    expect(events.isRepeat(1)).toBe(false);
    events.receive(1);
    events.receive(2);
    expect(events.isRepeat(1)).toBe(true);
    expect(events.isRepeat(3)).toBe(false);
    expect(events.answered).toBe(2);
  });

  test("an event whose async handler runs keeps itself and later events unanswered until it settles", () => {
    const events = new EventSequence();
    const w = watch();
    events.receive(1);
    events.receive(2);
    events.start(2, call("two"), 1_000, w); // async
    events.receive(3);
    events.receive(4);
    events.start(4, call("four"), 1_000, w);
    expect(events.answered).toBe(1);
    events.settle(4);
    expect(events.answered).toBe(1); // 2 still runs
    events.settle(2);
    expect(events.answered).toBe(4);
    vi.advanceTimersByTime(5_000);
    expect(w.timedOut).toEqual([]);
    expect(vi.getTimerCount()).toBe(0); // the one timer found nothing running, and was not set again
  });

  test("a handler that does not settle within the timeout is given up on, in order: the events after it are answered", () => {
    const events = new EventSequence();
    const w = watch();
    events.receive(1);
    events.start(1, call("one"), 1_000, w);
    vi.advanceTimersByTime(400);
    events.receive(2);
    events.start(2, call("two"), 1_000, w);
    events.receive(3);
    expect(vi.getTimerCount()).toBe(1); // one timer for the session, not one per handler
    vi.advanceTimersByTime(600);
    expect(w.timedOut).toEqual([[1, "one"]]);
    expect(events.answered).toBe(1); // 2 still runs
    vi.advanceTimersByTime(400);
    expect(w.timedOut).toEqual([[1, "one"], [2, "two"]]);
    expect(events.answered).toBe(3);
    events.settle(1); // settling after the timeout changes nothing
    events.settle(2);
    expect(events.answered).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("is the session's token bucket: a re-sent event is told apart before any token is spent", () => {
    const events = new EventSequence({ burst: 2, perSecond: 1 });
    expect(events.spend()).toBe(0);
    events.receive(1);
    expect(events.spend()).toBe(0);
    events.receive(2);
    expect(events.isRepeat(2)).toBe(true); // the session answers it without spending
    expect(events.spend()).toBe(1_000); // a third event is owed, never refused
    expect(events.wait).toBe(1_000);
  });
});
