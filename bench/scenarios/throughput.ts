/**
 * Scenario 4: 50 concurrent sessions per server, each sending a counter click as soon as the
 * previous one is answered. Each server gets 10 s of load, as two 5 s windows that alternate
 * with the other servers' windows, so that a burst of other work on this shared machine does
 * not fall on one server only. Events per second are what the pair (server, load client)
 * reaches; the load client runs on one core and may well be the ceiling (its own CPU share is
 * reported), so the fair comparison is the server's CPU time per event: its user + system time
 * over the windows (read over the control channel before and after each) ÷ events answered.
 */
import { performance } from "node:perf_hooks";
import type { LiveClient } from "../clients/connection.js";
import type { ServerProcess } from "../processes.js";

export interface ThroughputResult {
  sessions: number;
  seconds: number;
  events: number;
  eventsPerSecond: number;
  /** Server CPU time per event, µs. */
  cpuMicrosPerEvent: number;
  /** Share of one core the server used over the windows. */
  serverCpuShare: number;
  /** Share of one core the load client used over the windows. */
  clientCpuShare: number;
  /** Each window's events/s and CPU µs per event. */
  windows: Array<{ eventsPerSecond: number; cpuMicrosPerEvent: number }>;
}

export interface ThroughputTarget {
  label: string;
  server: ServerProcess;
  /** Opens one joined counter session. */
  open(): Promise<LiveClient>;
}

const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/** Runs all clients' pumps at once for `ms`; resolves with the events answered and the time taken. */
async function pumpAll(clients: LiveClient[], ms: number): Promise<{ events: number; elapsed: number }> {
  const t0 = performance.now();
  const counts = await Promise.all(clients.map((c) => c.pump(t0 + ms)));
  return { events: counts.reduce((a, b) => a + b, 0), elapsed: performance.now() - t0 };
}

export async function measureThroughput(targets: ThroughputTarget[], sessions = 50, windows = 2, windowSeconds = 5): Promise<Record<string, ThroughputResult>> {
  const clients = new Map<ThroughputTarget, LiveClient[]>(targets.map((t) => [t, []]));
  const totals = new Map<ThroughputTarget, ThroughputResult>();
  try {
    for (const target of targets) {
      for (let i = 0; i < sessions; i++) clients.get(target)!.push(await target.open());
      await pumpAll(clients.get(target)!, 2000);
      totals.set(target, { sessions, seconds: 0, events: 0, eventsPerSecond: 0, cpuMicrosPerEvent: 0, serverCpuShare: 0, clientCpuShare: 0, windows: [] });
    }
    const serverCpu = new Map<ThroughputTarget, number>(targets.map((t) => [t, 0]));
    const clientCpu = new Map<ThroughputTarget, number>(targets.map((t) => [t, 0]));
    for (let w = 0; w < windows; w++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + w) % targets.length];
        const before = await target.server.usage();
        const client0 = cpuMicros();
        const { events, elapsed } = await pumpAll(clients.get(target)!, windowSeconds * 1000);
        const clientUsed = cpuMicros() - client0;
        const after = await target.server.usage();
        const used = after.cpuMicros - before.cpuMicros;
        const total = totals.get(target)!;
        total.events += events;
        total.seconds += elapsed / 1000;
        total.windows.push({ eventsPerSecond: events / (elapsed / 1000), cpuMicrosPerEvent: used / events });
        serverCpu.set(target, serverCpu.get(target)! + used);
        clientCpu.set(target, clientCpu.get(target)! + clientUsed);
      }
    }
    const out: Record<string, ThroughputResult> = {};
    for (const target of targets) {
      const total = totals.get(target)!;
      total.eventsPerSecond = total.events / total.seconds;
      total.cpuMicrosPerEvent = serverCpu.get(target)! / total.events;
      total.serverCpuShare = serverCpu.get(target)! / (total.seconds * 1e6);
      total.clientCpuShare = clientCpu.get(target)! / (total.seconds * 1e6);
      out[target.label] = total;
    }
    return out;
  } finally {
    for (const list of clients.values()) for (const client of list) client.close();
  }
}
