/**
 * The per-session rate limit (issue 4, item 6: floods): a token bucket on the clock, then what
 * a session does with an event beyond it. The clock is vitest's fake `performance`.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { DEFAULT_RATE_LIMIT, TokenBucket } from "../../src/session/rate-limit.js";
import { Component, html, LiveSession, type Transport } from "../../src/index.js";
import { ErrorCodes, Msg, type ServerMessage } from "../../src/protocol/wire.js";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["performance", "setTimeout", "setInterval", "queueMicrotask"] });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Takes `n` tokens now; how many were given. */
function takeMany(bucket: TokenBucket, n: number): number {
  let given = 0;
  for (let i = 0; i < n; i++) if (bucket.take()) given++;
  return given;
}

describe("TokenBucket", () => {
  test("the default is a burst of 200 and 100 per second", () => {
    expect(DEFAULT_RATE_LIMIT).toEqual({ burst: 200, perSecond: 100 });
  });

  test("a full bucket gives exactly `burst` tokens at once, then refuses", () => {
    const bucket = new TokenBucket({ burst: 5, perSecond: 1 });
    expect(takeMany(bucket, 5)).toBe(5);
    expect(bucket.take()).toBe(false);
    expect(bucket.take()).toBe(false);
  });

  test("it refills at `perSecond`: one token per 1/perSecond seconds, not before", () => {
    const bucket = new TokenBucket({ burst: 5, perSecond: 2 });
    takeMany(bucket, 5);
    vi.advanceTimersByTime(499);
    expect(bucket.take()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    vi.advanceTimersByTime(1_500);
    expect(takeMany(bucket, 10)).toBe(3);
  });

  test("refused attempts cost nothing: partial refills add up across them", () => {
    const bucket = new TokenBucket({ burst: 1, perSecond: 10 });
    expect(bucket.take()).toBe(true);
    for (let i = 0; i < 9; i++) {
      vi.advanceTimersByTime(10);
      expect(bucket.take()).toBe(false);
    }
    vi.advanceTimersByTime(11); // 101 ms in all (tenths of a token do not add up to exactly 1 in floating point)
    expect(bucket.take()).toBe(true);
  });

  test("a long idle time refills to `burst`, never beyond", () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 100 });
    takeMany(bucket, 3);
    vi.advanceTimersByTime(60_000);
    expect(takeMany(bucket, 10)).toBe(3);
  });

  test("over a long run, the rate given matches perSecond (plus the burst)", () => {
    const bucket = new TokenBucket({ burst: 10, perSecond: 50 });
    let given = 0;
    for (let ms = 0; ms < 10_000; ms += 5) {
      given += takeMany(bucket, 3); // someone trying 600 per second
      vi.advanceTimersByTime(5);
    }
    expect(given).toBeGreaterThanOrEqual(10 + 50 * 10 - 1);
    expect(given).toBeLessThanOrEqual(10 + 50 * 10);
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

class Collect implements Transport {
  readonly messages: ServerMessage[] = [];
  send(data: string): void {
    this.messages.push(JSON.parse(data) as ServerMessage);
  }
  close(): void {}
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
  test("the event beyond the burst gets rate_limited naming it, and is not applied", () => {
    const { session, connection, click, count } = joinedSession(3, 1);
    for (let e = 1; e <= 4; e++) click(e);
    expect(count()).toBe("3");
    expect(connection.messages.at(-1)).toMatchObject({ k: Msg.Error, code: ErrorCodes.RateLimited, e: 4 });
    session.end();
  });

  test("a refused event counts as handled: sent again, it is answered and still not applied", () => {
    const { session, connection, click, count } = joinedSession(1, 1);
    click(1);
    click(2); // refused
    click(2); // the tab's re-send after a reconnect
    expect(count()).toBe("1");
    expect(connection.messages.at(-1)).toMatchObject({ k: Msg.Reply, a: 2 });
    session.end();
  });

  test("re-sent events already applied always pass: they cost no token", () => {
    const { session, connection, click, count } = joinedSession(2, 1);
    click(1);
    click(2);
    for (let i = 0; i < 10; i++) click(2);
    expect(connection.messages.filter((m) => m.k === Msg.Error)).toEqual([]);
    expect(count()).toBe("2");
    vi.advanceTimersByTime(1_000);
    click(3);
    expect(count()).toBe("3");
    session.end();
  });

  test("after the refill time, events are applied again", () => {
    const { session, click, count } = joinedSession(2, 4);
    for (let e = 1; e <= 5; e++) click(e);
    expect(count()).toBe("2");
    vi.advanceTimersByTime(250);
    click(6);
    expect(count()).toBe("3");
    session.end();
  });

  test("a page call beyond the limit is refused with a CallResult, so the page's promise settles", () => {
    const { session, connection } = joinedSession(1, 1);
    session.bindCall("ping", () => "pong");
    session.receive({ k: Msg.Call, id: 1, m: "ping" });
    session.receive({ k: Msg.Call, id: 2, m: "ping" });
    const results = connection.messages.filter((m) => m.k === Msg.CallResult);
    expect(results).toEqual([
      { k: Msg.CallResult, id: 1, ok: true, v: "pong" },
      { k: Msg.CallResult, id: 2, ok: false, err: { name: "RateLimitError", message: expect.any(String) } },
    ]);
    session.end();
  });
});
