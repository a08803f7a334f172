/**
 * The report's "Pub/sub fan-out and failover" table: a row per setup measured (none for one that
 * was not), the failover and the phase's errors in its note. The Chromium /table table: DOM
 * updated and next frame for Tether and each baseline, an operation per row.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { printBrowser, printPubSub } from "../../bench/report.js";
import { BROWSER_OPS, type BrowserOpFigures } from "../../bench/browser.js";
import type { FanoutResult, PubSubResult } from "../../bench/scenarios/pubsub.js";

const fanout = (processes: number, lastTabMs: number): FanoutResult => ({ processes, tabs: 1000, firstTabMs: 5, lastTabMs, cpuMicrosPerDelivery: 60, roundsMs: [lastTabMs, lastTabMs + 1] });

function printed(result: PubSubResult): string {
  return printing(() => printPubSub(result));
}

function printing(print: () => void): string {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  print();
  return log.mock.calls.map((call) => String(call[0])).join("\n");
}

afterEach(() => vi.restoreAllMocks());

describe("the pub/sub table", () => {
  it("has a row per setup and the failover in its note", () => {
    const text = printed({
      tabs: 1000,
      rounds: 5,
      errors: [],
      seconds: 42,
      tether: fanout(1, 200),
      liveViewJs: fanout(1, 300),
      tetherRedis: fanout(2, 400),
      failover: { sessions: 100, liveAgainMs: 812, kept: 100 },
    });
    expect(text).toContain("Pub/sub fan-out and failover");
    expect(text).toMatch(/Tether \(memory adapter\) +1 +1,000 +5 +200 +60 +200, 201/);
    expect(text).toMatch(/LiveViewJS \(SingleProcessPubSub\) +1 +1,000 +5 +300/);
    expect(text).toMatch(/Tether over Redis +2 +1,000 +5 +400/);
    expect(text).toContain("every tab live again on B 812 ms after the kill; 100 of 100 kept their count");
  });

  it("leaves out what was not measured and names the errors", () => {
    const text = printed({ tabs: 1000, rounds: 5, errors: ["over Redis: Redis at redis://127.0.0.1:6379: Connection is closed."], seconds: 20, tether: fanout(1, 200) });
    expect(text).not.toContain("Tether over Redis");
    expect(text).not.toContain("LiveViewJS (");
    expect(text).toContain("Failover: not measured.");
    expect(text).toContain("Errors: over Redis: Redis at redis://127.0.0.1:6379: Connection is closed.");
  });
});

describe("the Chromium /table table", () => {
  const page = (domMs: number): Record<string, BrowserOpFigures> => Object.fromEntries(BROWSER_OPS.map((op) => [op, { domMs, frameMs: domMs + 10, samples: 5 }]));

  it("has Tether's and each baseline's DOM updated and next frame, an operation per row", () => {
    const text = printing(() => printBrowser({ chromium: "140.0", ops: page(30), baselines: { "vanilla JS": page(3), "whole HTML": page(40) }, rounds: 5 }));
    expect(text).toContain("Chromium 140.0: /table, click → DOM updated and → next frame, ms");
    expect(text).toMatch(/operation +Tether DOM +Tether frame +vanilla JS DOM +vanilla JS frame +whole HTML DOM +whole HTML frame +samples/);
    expect(text).toMatch(/create 10,000 +30 +40 +3 +13 +40 +50 +5/);
    expect(text.match(/^(create|update|swap|select|remove|clear)/gm)).toHaveLength(BROWSER_OPS.length);
  });
});
