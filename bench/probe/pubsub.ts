/**
 * Pub/sub and failover, Tether alone (not part of `npm run bench` yet, and without LiveViewJS:
 * its pub/sub would need a LiveView of its own in bench/servers/liveviewjs.ts):
 *
 * - Broadcast fan-out: 1,000 tabs subscribed to one topic, in one process (memory adapter),
 *   then across two processes over Redis (500 each, the sender on the first): one tab's click
 *   broadcasts, and the time until the last tab has its patch is taken, with the servers' CPU
 *   time per delivered message. Median of `rounds`.
 * - Failover: 100 counter tabs on process A (Redis adapter, snapshots), each clicked 1 to 5
 *   times; A is killed (SIGKILL); every tab rejoins on B: the time until all are live again,
 *   and how many came back with their count.
 *
 *   node --import tsx bench/probe/pubsub.ts [tabs] [rounds]
 * Needs Redis at 127.0.0.1:6379; its keys are under a prefix of the run's own, deleted after.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { pinClient, ServerProcess } from "../processes.js";
import { TetherTab } from "../clients/tether-tab.js";

pinClient();
const TABS = Number(process.argv[2] ?? 1000);
const ROUNDS = Number(process.argv[3] ?? 5);
const PREFIX = `tether-bench-${randomBytes(6).toString("hex")}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Opens `count` room tabs over `servers` (round robin), `batch` at a time. */
async function openTabs(servers: ServerProcess[], path: string, count: number): Promise<TetherTab[]> {
  const tabs: TetherTab[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) => TetherTab.open(servers[(i + j) % servers.length].url, path));
    tabs.push(...(await Promise.all(batch)));
  }
  return tabs;
}

/** One broadcast from `sender`: ms until every tab has its patch; the servers' CPU µs per delivery. */
async function broadcastRound(servers: ServerProcess[], tabs: TetherTab[], sender: TetherTab): Promise<{ ms: number; cpuPerDelivery: number }> {
  const before = await Promise.all(servers.map((s) => s.usage()));
  let waiting = tabs.length;
  let last = 0;
  const done = new Promise<void>((resolve) => {
    for (const tab of tabs) {
      tab.onPatch = (at) => {
        tab.onPatch = null;
        last = Math.max(last, at);
        if (--waiting === 0) resolve();
      };
    }
  });
  const t0 = performance.now();
  sender.click("send");
  await done;
  const after = await Promise.all(servers.map((s) => s.usage()));
  const cpu = after.reduce((sum, u, i) => sum + u.cpuMicros - before[i].cpuMicros, 0);
  return { ms: last - t0, cpuPerDelivery: cpu / tabs.length };
}

async function fanout(label: string, servers: ServerProcess[]): Promise<void> {
  const tabs = await openTabs(servers, "/room", TABS);
  // Every process's subscription is live once a first broadcast reached every tab.
  await broadcastRound(servers, tabs, tabs[0]);
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) rounds.push(await broadcastRound(servers, tabs, tabs[0]));
  console.log(`${label.padEnd(34)} last tab after ${median(rounds.map((r) => r.ms)).toFixed(1).padStart(7)} ms, server CPU ${median(rounds.map((r) => r.cpuPerDelivery)).toFixed(1).padStart(6)} µs per delivered message`);
  for (const tab of tabs) tab.close();
}

async function failover(): Promise<void> {
  const [a, b] = await Promise.all([ServerProcess.start("A", "tether-pubsub.ts"), ServerProcess.start("B", "tether-pubsub.ts")]);
  try {
    const tabs = await openTabs([a], "/counter", 100);
    const expected = tabs.map((_, i) => 1 + (i % 5));
    await Promise.all(
      tabs.map(async (tab, i) => {
        for (let n = 0; n < expected[i]; n++) {
          const patched = new Promise<void>((resolve) => (tab.onPatch = () => resolve()));
          tab.click("inc");
          await patched;
        }
        tab.onPatch = null;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the snapshot delay (200 ms)
    a.child.kill("SIGKILL");
    const t0 = performance.now();
    await Promise.all(tabs.map((tab) => tab.rejoin(b.url)));
    const ms = performance.now() - t0;
    const kept = tabs.filter((tab, i) => tab.mountText("count") === String(expected[i])).length;
    console.log(`failover: 100 sessions live again on B ${ms.toFixed(0)} ms after A was killed; ${kept} of 100 with their count`);
    for (const tab of tabs) tab.close();
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
}

try {
  {
    const one = await ServerProcess.start("one", "tether-pubsub.ts");
    try {
      await fanout(`fan-out, 1 process (memory), ${TABS} tabs`, [one]);
    } finally {
      await one.stop();
    }
  }
  process.env.BENCH_REDIS_PREFIX = PREFIX;
  {
    const two = await Promise.all([ServerProcess.start("one", "tether-pubsub.ts"), ServerProcess.start("two", "tether-pubsub.ts")]);
    try {
      await fanout(`fan-out, 2 processes (Redis), ${TABS} tabs`, two);
    } finally {
      await Promise.all(two.map((s) => s.stop()));
    }
  }
  await failover();
} finally {
  const redis = new Redis("redis://127.0.0.1:6379");
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
