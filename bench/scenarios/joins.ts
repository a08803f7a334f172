/**
 * Scenario 6: joins per second, what opening a tab costs: the page GET, the WebSocket, the
 * join, until the first render (Tether's Mount, LiveViewJS's rendered reply) has arrived; and
 * bare `ws` connects (open, then close) as the floor. 8 loops run concurrently, each closing
 * its socket and starting over. Each target gets 3 s, as three 1 s windows alternating with
 * the other targets' (after a short warm-up), so noise from other work falls on all alike.
 * The load client is one Node process on one core; its WebSockets are bench/clients/raw-ws.ts
 * so that it is not the ceiling. The server's CPU time per join is reported beside the rate.
 */
import { performance } from "node:perf_hooks";
import type { ServerProcess } from "../processes.js";

export interface JoinsResult {
  joins: number;
  seconds: number;
  joinsPerSecond: number;
  /** Server CPU time per join, µs. */
  cpuMicrosPerJoin: number;
  /** Share of one core the server used over the windows. */
  serverCpuShare: number;
  /**
   * Share of its core the load client used over the same windows: near 100%, the client and not
   * the server set the rate, and the server's CPU per join is the fairer comparison.
   */
  clientCpuShare: number;
  concurrency: number;
}

export interface JoinTarget {
  label: string;
  server: ServerProcess;
  /** One tab: open, join, wait for the first render, close. */
  once(): Promise<void>;
}

async function run(once: () => Promise<void>, ms: number, concurrency: number): Promise<{ joins: number; seconds: number }> {
  const t0 = performance.now();
  const deadline = t0 + ms;
  const loop = async () => {
    let n = 0;
    while (performance.now() < deadline) {
      await once();
      n++;
    }
    return n;
  };
  const counts = await Promise.all(Array.from({ length: concurrency }, loop));
  return { joins: counts.reduce((a, b) => a + b, 0), seconds: (performance.now() - t0) / 1000 };
}

export async function measureJoins(targets: JoinTarget[], windows = 3, windowSeconds = 1, concurrency = 8): Promise<Record<string, JoinsResult>> {
  const totals: Record<string, JoinsResult> = {};
  for (const target of targets) {
    await run(target.once, 500, concurrency);
    totals[target.label] = { joins: 0, seconds: 0, joinsPerSecond: 0, cpuMicrosPerJoin: 0, serverCpuShare: 0, clientCpuShare: 0, concurrency };
  }
  for (let w = 0; w < windows; w++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + w) % targets.length];
      const before = await target.server.usage();
      const client = process.cpuUsage();
      const { joins, seconds } = await run(target.once, windowSeconds * 1000, concurrency);
      const used = process.cpuUsage(client);
      const after = await target.server.usage();
      // Summed here, divided below.
      totals[target.label].joins += joins;
      totals[target.label].seconds += seconds;
      totals[target.label].cpuMicrosPerJoin += after.cpuMicros - before.cpuMicros;
      totals[target.label].clientCpuShare += used.user + used.system;
    }
  }
  for (const total of Object.values(totals)) {
    total.joinsPerSecond = total.joins / total.seconds;
    total.serverCpuShare = total.cpuMicrosPerJoin / (total.seconds * 1e6);
    total.clientCpuShare /= total.seconds * 1e6;
    total.cpuMicrosPerJoin /= total.joins;
  }
  return totals;
}
