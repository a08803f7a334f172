/**
 * The bench's targets computed from a run's results: failover_state_kept, the pub/sub phase's
 * one target, passes only when every session came back with its count, and is reported as
 * missing (not passed) when the failover was not measured.
 */
import { describe, expect, it } from "vitest";
import { computeTargets, type Results } from "../../bench/results.js";
import type { PubSubResult } from "../../bench/scenarios/pubsub.js";

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
