/**
 * The bench's targets computed from a run's results: failover_state_kept, the pub/sub phase's
 * one target, passes only when every session came back with its count, and is reported as
 * missing (not passed) when the failover was not measured; the /table keys are each
 * operation's ratio, the worst of them as the value, from a small fixed results object.
 */
import { describe, expect, it } from "vitest";
import { computeTargets, LIVEVIEWJS, TETHER, VANILLA_JS, WHOLE_HTML, type Results } from "../../bench/results.js";
import type { PubSubResult } from "../../bench/scenarios/pubsub.js";
import type { OpFigures, TableOpsResult } from "../../bench/scenarios/table-ops.js";
import type { RttResult } from "../../bench/scenarios/rtt.js";
import { BROWSER_OPS, type BrowserOpFigures, type BrowserResult } from "../../bench/browser.js";
import { TABLE_OPS } from "../../bench/scenarios/table-ops.js";

function results(pubsub?: PubSubResult): Results {
  return {
    meta: { date: "", node: "", commit: "", cpus: 2, pinning: "", loadStart: "", loadEnd: "", loads: {}, seconds: 0 },
    throughput: {},
    memory: {},
    resident: {},
    joins: {},
    missing: [],
    ...(pubsub ? { pubsub } : {}),
  };
}

const phase = (kept: number): PubSubResult => ({ tabs: 1000, rounds: 5, errors: [], seconds: 30, failover: { sessions: 100, liveAgainMs: 800, kept } });

describe("failover_state_kept", () => {
  it("passes when every session kept its count", () => {
    const target = computeTargets(results(phase(100))).failover_state_kept;
    expect(target).toMatchObject({ value: 1, target: "≥ 1", pass: true });
    expect(target.raw).toEqual({ sessions: 100, liveAgainMs: 800, kept: 100 });
  });

  it("fails when one session lost its count", () => {
    expect(computeTargets(results(phase(99))).failover_state_kept).toMatchObject({ value: 0.99, pass: false });
  });

  it("is missing, not passed, when the failover was not measured", () => {
    expect(computeTargets(results()).failover_state_kept).toMatchObject({ value: null, pass: false });
    expect(computeTargets(results({ tabs: 1000, rounds: 5, errors: ["failover: A did not start"], seconds: 31 })).failover_state_kept.value).toBeNull();
  });
});

/** Every operation at `ms` and `payload`, but the ones given. */
function opsAt(ms: number, payload: number, except: Record<string, Partial<OpFigures>> = {}): Record<string, OpFigures> {
  return Object.fromEntries(TABLE_OPS.map((op) => [op, { ms, payload, wire: payload / 10, samples: 6, ...except[op] }]));
}

function tableOps(ops: TableOpsResult["ops"]): Results {
  return { ...results(), tableOps: { ops, errors: [], repetitions: 6 } };
}

describe("table_ops_rtt_vs_best_peer", () => {
  it("is the worst operation's round trip over the faster peer's, with every operation's ratio", () => {
    const target = computeTargets(
      tableOps({
        [TETHER]: opsAt(2, 100, { "create 10,000": { ms: 60 }, select: { ms: 0.5 } }),
        [LIVEVIEWJS]: opsAt(4, 100, { "create 10,000": { ms: 40 } }),
        [WHOLE_HTML]: opsAt(1, 100, { "create 10,000": { ms: 30 } }),
      }),
    ).table_ops_rtt_vs_best_peer;
    expect(target).toMatchObject({ value: 2, target: "≤ 1", pass: false });
    expect(target.raw).toEqual({
      ratios: { "create 1,000": 2, "update every 10th": 2, "swap rows": 2, select: 0.5, "remove one": 2, clear: 2, "create 10,000": 2, "clear 10,000": 2 },
      worstOperation: "create 1,000",
    });
  });

  it("passes when Tether is at least as fast as the faster peer on every operation", () => {
    const ops = { [TETHER]: opsAt(1, 100), [LIVEVIEWJS]: opsAt(1, 100, { clear: { ms: 0.5 } }), [WHOLE_HTML]: opsAt(3, 100, { clear: { ms: 8 } }) };
    expect(computeTargets(tableOps(ops)).table_ops_rtt_vs_best_peer).toMatchObject({ value: 2, pass: false });
    ops[LIVEVIEWJS].clear.ms = 1;
    expect(computeTargets(tableOps(ops)).table_ops_rtt_vs_best_peer).toMatchObject({ value: 1, pass: true });
  });

  it("is missing when a peer's operation was not measured", () => {
    const { clear: _, ...withoutClear } = opsAt(1, 100);
    expect(computeTargets(tableOps({ [TETHER]: opsAt(1, 100), [LIVEVIEWJS]: withoutClear, [WHOLE_HTML]: opsAt(1, 100) })).table_ops_rtt_vs_best_peer.value).toBeNull();
    expect(computeTargets(results()).table_ops_rtt_vs_best_peer.value).toBeNull();
  });
});

describe("create_1000_payload_vs_liveviewjs", () => {
  it("is Tether's uncompressed answer to create 1,000 over LiveViewJS's", () => {
    const target = computeTargets(
      tableOps({ [TETHER]: opsAt(1, 100, { "create 1,000": { payload: 250_000, wire: 15_000 } }), [LIVEVIEWJS]: opsAt(1, 100, { "create 1,000": { payload: 50_000, wire: 50_100 } }), [WHOLE_HTML]: opsAt(1, 223_000) }),
    ).create_1000_payload_vs_liveviewjs;
    expect(target).toMatchObject({ value: 5, target: "≤ 1", pass: false });
    expect(target.raw).toEqual({ tetherBytes: 250_000, liveViewJsBytes: 50_000, wholeHtmlBytes: 223_000, tetherWireBytes: 15_000, liveViewJsWireBytes: 50_100 });
  });
});

describe("chromium_table_vs_vanilla", () => {
  const pageAt = (frameMs: number, except: Record<string, number> = {}): Record<string, BrowserOpFigures> =>
    Object.fromEntries(BROWSER_OPS.map((op) => [op, { domMs: (except[op] ?? frameMs) / 2, frameMs: except[op] ?? frameMs, samples: 5 }]));
  const rtt = (p50: number): RttResult => ({ byClient: { [TETHER]: { n: 250, p50, p90: p50, p99: p50, warmUp: { events: 3000, lastBlockMs: p50, steady: true }, rounds: [] } }, ratios: [1], ratio: 1 });
  const run = (tether: Record<string, BrowserOpFigures>, vanilla?: Record<string, BrowserOpFigures>, counterP50 = 0.05): Results => {
    const browser: BrowserResult = { chromium: "test", ops: tether, baselines: vanilla ? { [VANILLA_JS]: vanilla, [WHOLE_HTML]: pageAt(1000) } : {}, rounds: 5 };
    return { ...results(), browser, rtt: rtt(counterP50) };
  };

  it("is the worst operation's next frame over vanilla JS's next frame plus the counter's round trip", () => {
    const target = computeTargets(run(pageAt(20, { "create 10,000": 900 }), pageAt(19.95, { "create 10,000": 299.95 }))).chromium_table_vs_vanilla;
    expect(target).toMatchObject({ target: "≤ 1.5", pass: false });
    expect(target.value).toBeCloseTo(3);
    expect(target.raw).toMatchObject({ worstOperation: "create 10,000", counterRttP50Ms: 0.05 });
    const ratios = (target.raw as { ratios: Record<string, number> }).ratios;
    expect(Object.keys(ratios)).toEqual([...BROWSER_OPS]);
    expect(ratios["select"]).toBeCloseTo(1);
  });

  it("takes the counter's round trip measured in the same Chromium when there is one", () => {
    const measured = run(pageAt(15), pageAt(8.5), 0.05);
    measured.browser!.counterRttMs = 1.5;
    const target = computeTargets(measured).chromium_table_vs_vanilla;
    expect(target).toMatchObject({ value: 1.5, pass: true });
    expect(target.raw).toMatchObject({ counterRttP50Ms: 1.5 });
  });

  it("passes at 1.5 and is missing without the vanilla page or the counter's round trip", () => {
    expect(computeTargets(run(pageAt(15), pageAt(9.5), 0.5)).chromium_table_vs_vanilla).toMatchObject({ value: 1.5, pass: true });
    expect(computeTargets(run(pageAt(15))).chromium_table_vs_vanilla.value).toBeNull();
    const { rtt: _, ...withoutRtt } = run(pageAt(15), pageAt(9.5));
    expect(computeTargets(withoutRtt).chromium_table_vs_vanilla.value).toBeNull();
  });
});
