/**
 * Pub/sub fan-out and failover alone, in a minute (the bench's scenario 9,
 * bench/scenarios/pubsub.ts, on servers of its own): Tether beside LiveViewJS in one process,
 * Tether over Redis in two, and failover; prints the report's table.
 *
 *   node --import tsx bench/probe/pubsub.ts [tabs] [rounds] [sessions]
 * Needs Redis at 127.0.0.1:6379; its keys are under a prefix of the run's own, deleted after.
 */
import { performance } from "node:perf_hooks";
import { pinClient } from "../processes.js";
import { measurePubSub } from "../scenarios/pubsub.js";
import { printPubSub } from "../report.js";

pinClient();
const started = performance.now();
const result = await measurePubSub({
  tabs: Number(process.argv[2] ?? 1000),
  rounds: Number(process.argv[3] ?? 5),
  sessions: Number(process.argv[4] ?? 100),
  log: (message) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`),
});
printPubSub(result);
