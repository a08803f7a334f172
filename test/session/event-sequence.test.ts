import { describe, expect, test } from "vitest";
import { EventSequence } from "../../src/session/event-sequence.js";

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
    events.receive(1);
    events.receive(2);
    events.start(2); // async
    events.receive(3);
    events.receive(4);
    events.start(4);
    expect(events.answered).toBe(1);
    events.settle(4);
    expect(events.answered).toBe(1); // 2 still runs
    events.settle(2);
    expect(events.answered).toBe(4);
  });

  test("admits events within the rate limit; one beyond it is refused and counted as received; a re-sent one always passes", () => {
    const events = new EventSequence({ burst: 2, perSecond: 0.001 });
    expect(events.admit(1)).toBe(true);
    events.receive(1);
    expect(events.admit(2)).toBe(true);
    events.receive(2);
    expect(events.admit(3)).toBe(false); // the burst is spent
    expect(events.isRepeat(3)).toBe(true); // refused for good: the tab will not send it again
    expect(events.admit(2)).toBe(true); // re-sent after a reconnect: costs no token
    expect(events.take()).toBe(false); // calls and pings share the limit
  });
});
