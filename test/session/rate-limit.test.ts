/**
 * The per-session rate limit (issue 4, item 6; issue 15, item 5): a token bucket on the clock
 * that never refuses, then what a session does with an event beyond it: applies it and reads
 * the tab's connection more slowly; only a flood closes the connection. The clock is vitest's
 * fake `performance`.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { DEFAULT_RATE_LIMIT, FLOOD_SECONDS, TokenBucket } from "../../src/session/rate-limit.js";
import { SessionClose } from "../../src/session/channel.js";
import { Component, html, LiveSession, type Transport } from "../../src/index.js";
import { ErrorCodes, Msg, type ServerMessage } from "../../src/protocol/wire.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["performance", "setTimeout", "setInterval", "queueMicrotask"] });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Spends `n` tokens now; how many were there to take (the rest are owed). */
function spendMany(bucket: TokenBucket, n: number): number {
  let given = 0;
  for (let i = 0; i < n; i++) if (bucket.spend() === 0) given++;
  return given;
}

describe("TokenBucket", () => {
  test("the default is a burst of 200 and 100 per second", () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ burst: 200, perSecond: 100 });
  });

  test("a full bucket gives exactly `burst` tokens at once; the next ones are owed, each saying how long to wait", () => {
    const bucket = new TokenBucket({ burst: 5, perSecond: 2 });
    expect(spendMany(bucket, 5)).toBe(5);
    expect(bucket.wait).toBe(0);
    expect(bucket.spend()).toBe(500); // one owed: half a second at 2 per second
    expect(bucket.spend()).toBe(1_000);
    expect(bucket.wait).toBe(1_000);
  });

  test("the refill pays what is owed first, at `perSecond`", () => {
    const bucket = new TokenBucket({ burst: 5, perSecond: 2 });
    spendMany(bucket, 7); // two owed
    vi.advanceTimersByTime(499);
    expect(bucket.wait).toBe(501); // 1.002 tokens owed
    vi.advanceTimersByTime(501);
    expect(bucket.wait).toBe(0); // one second: both paid, nothing left
    expect(bucket.spend()).toBe(500);
    vi.advanceTimersByTime(2_000);
    expect(spendMany(bucket, 10)).toBe(3);
  });

  test("a long idle time refills to `burst`, never beyond", () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 100 });
    spendMany(bucket, 3);
    vi.advanceTimersByTime(60_000);
    expect(spendMany(bucket, 10)).toBe(3);
  });

  test("over a long run, spending only while nothing is owed gives perSecond (plus the burst)", () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 50 });
    let given = 0;
    for (let ms = 0; ms < 10_000; ms += 5) {
      // Someone trying 600 per second, read only while nothing is owed: the session's way.
      for (let i = 0; i < 3 && bucket.wait === 0; i++) {
        bucket.spend();
        given++;
      }
      vi.advanceTimersByTime(5);
    }
    expect(given).toBeGreaterThanOrEqual(10 + 50 * 10 - 1);
    expect(given).toBeLessThanOrEqual(10 + 50 * 10 + 3);
  });

  test(`a debt of more than FLOOD_SECONDS (${FLOOD_SECONDS}) of the rate is a flood, until the refill pays it down`, () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 10 });
    spendMany(bucket, 10 + FLOOD_SECONDS * 10);
    expect(bucket.flooded).toBe(false);
    bucket.spend();
    expect(bucket.flooded).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(bucket.flooded).toBe(false);
  });
});

/** A counter for session-level tests. */
class Tally extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  inc() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return html`<main><button id="b" onClick=${this.inc}>${this.state.n}</button></main>`;
  }
}

/** A transport that records what it was sent, how long it was asked to stop reading, and its close. */
class Collect implements Transport {
  readonly messages: ServerMessage[] = [];
  readonly pauses: number[] = [];
  closed: [number?, string?] | null = null;
  send(data: string): void {
    this.messages.push(JSON.parse(data) as ServerMessage);
  }
  close(code?: number, reason?: string): void {
    this.closed = [code, reason];
  }
  pauseReading(ms: number): void {
    this.pauses.push(ms);
  }
}

function joinedSession(burst: number, perSecond: number) {
  const session = new LiveSession("/t", html`<${Tally} />`, { rateLimit: { burst, perSecond }, onError: () => {} });
  const connection = new Collect();
  session.attach(connection);
  const mount = connection.messages[0] as Extract<ServerMessage, { k: typeof Msg.Mount }>;
  // The button is the first element with a handler: <main> is mount.id, the button the next id.
  const button = mount.id + 1;
  const click = (e: number) => session.receive({ k: Msg.Event, e, n: button, t: "click", d: {} });
  const count = () => /<button[^>]*>(\d+)<\/button>/.exec(session.toHtml())![1];
  return { session, connection, click, count };
}

describe("a session's rate limit", () => {
  test("events past the burst are applied, in order, and the tab's connection is paused until the bucket has refilled", () => {
    const { session, connection, click, count } = joinedSession(3, 10);
    for (let e = 1; e <= 5; e++) click(e);
    expect(count()).toBe("5");
    expect(connection.messages.filter((m) => m.k === Msg.Error)).toEqual([]);
    expect(connection.pauses).toEqual([100, 200]); // one owed, then two: at 10 per second
    expect(session.readingDelay).toBe(200);
    vi.advanceTimersByTime(200);
    expect(session.readingDelay).toBe(0);
    session.end();
  });

  test("re-sent events already applied cost no token and are answered, never applied again", () => {
    const { session, connection, click, count } = joinedSession(2, 1);
    click(1);
    click(2);
    for (let i = 0; i < 10; i++) click(2);
    expect(connection.messages.filter((m) => m.k === Msg.Error)).toEqual([]);
    expect(connection.messages.slice(-10)).toEqual(Array(10).fill({ k: Msg.Reply, a: 2 }));
    expect(count()).toBe("2");
    expect(connection.pauses).toEqual([]);
    click(3);
    expect(count()).toBe("3");
    expect(connection.pauses).toEqual([1_000]);
    session.end();
  });

  test("pings, page calls and a second Join spend from the same bucket: past it they are answered too, and delay the next read", () => {
    const { session, connection } = joinedSession(1, 1);
    session.bindCall("ping", () => "pong");
    session.receive({ k: Msg.Call, id: 1, m: "ping" });
    session.receive({ k: Msg.Call, id: 2, m: "ping" });
    session.receive({ k: Msg.Ping });
    expect(connection.messages.filter((m) => m.k === Msg.CallResult || m.k === Msg.Pong)).toEqual([
      { k: Msg.CallResult, id: 1, ok: true, v: "pong" },
      { k: Msg.CallResult, id: 2, ok: true, v: "pong" },
      { k: Msg.Pong },
    ]);
    expect(connection.pauses).toEqual([1_000, 2_000]);
    session.receive({ k: Msg.Join, v: 1, sid: null, path: "/t" }); // refused with an error, and spends too
    expect(connection.messages.at(-1)).toMatchObject({ k: Msg.Error, code: ErrorCodes.NotJoined });
    expect(connection.pauses).toEqual([1_000, 2_000, 3_000]);
    session.end();
  });

  test("a flood (more owed than FLOOD_SECONDS of the rate) closes the connection with 1008 after rate_limited; the event that tipped it is not taken", () => {
    const { session, connection, click, count } = joinedSession(1, 1);
    for (let e = 1; e <= 1 + FLOOD_SECONDS; e++) click(e);
    expect(connection.closed).toBeNull();
    click(2 + FLOOD_SECONDS);
    expect(connection.closed).toEqual([SessionClose.Flood, "a flood of events"]);
    expect(connection.messages.at(-1)).toMatchObject({ k: Msg.Error, code: ErrorCodes.RateLimited });
    expect(count()).toBe(String(1 + FLOOD_SECONDS));
    expect(session.isEnded).toBe(false);
    // Sent again once the debt is paid (the page re-sends what was not answered), it is applied once.
    vi.advanceTimersByTime((FLOOD_SECONDS + 1) * 1_000);
    click(2 + FLOOD_SECONDS);
    click(2 + FLOOD_SECONDS);
    expect(count()).toBe(String(2 + FLOOD_SECONDS));
    session.end();
  });
});
