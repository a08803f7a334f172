import { monitorEventLoopDelay } from "node:perf_hooks";

/** What the panel shows of the process, sampled once a second. */
export interface Metrics {
  /** Resident memory, MiB. */
  rssMiB: number;
  /** JavaScript heap in use, MiB. */
  heapMiB: number;
  /** CPU time used since the last sample, as a percentage of one core. */
  cpuPercent: number;
  /** The event loop's delay, 99th percentile since the last sample, ms. */
  loopDelayMs: number;
  uptimeSeconds: number;
}

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let lastCpu = process.cpuUsage();
let lastAt = performance.now();

/** Samples the process now; the CPU and loop figures cover the time since the last sample. */
export function sampleMetrics(): Metrics {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage(lastCpu);
  const now = performance.now();
  const elapsed = Math.max(1, now - lastAt);
  lastCpu = process.cpuUsage();
  lastAt = now;
  const delay = loop.percentile(99) / 1e6;
  loop.reset();
  return {
    rssMiB: memory.rss / 2 ** 20,
    heapMiB: memory.heapUsed / 2 ** 20,
    cpuPercent: ((cpu.user + cpu.system) / 1000 / elapsed) * 100,
    loopDelayMs: Number.isFinite(delay) ? delay : 0,
    uptimeSeconds: process.uptime(),
  };
}
