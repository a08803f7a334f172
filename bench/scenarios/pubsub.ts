/**
 * Scenario 9: pub/sub fan-out and failover (issue 19's "Measured, in the bench").
 *
 * - Fan-out: N room tabs (bench/servers/tether-pubsub.ts's `Room`, and the same LiveView in
 *   bench/servers/liveviewjs.ts) subscribed to one topic; one tab presses `send`, which
 *   broadcasts; timed from just before that send until the last tab has the change pushed to
 *   it, with the servers' CPU time over the round ÷ N (CPU per delivered message). Three
 *   setups: Tether in one process (memory adapter) and LiveViewJS in one process (its
 *   in-process pub/sub), their rounds alternating; then Tether in two processes sharing Redis
 *   (the tabs split between them, the sender on the first). Median of `rounds`, after one
 *   round that is not counted (it also proves every subscription live).
 * - Failover: `sessions` counter tabs on process A (Redis adapter, session snapshots), tab i
 *   clicked 1 + i % 5 times; A is killed with SIGKILL; every tab rejoins on process B with the
 *   tokens of its last Mount, as the runtime reconnects: the time from the kill until all are
 *   live again, and how many show their count (counted, not assumed).
 *
 * Every server is started and stopped here; Redis keys are under a prefix of the run's own and
 * deleted after. Needs Redis at 127.0.0.1:6379.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { ServerProcess } from "../processes.js";
import { ACK_DELAY, TetherTab } from "../clients/tether-tab.js";
import { fetchPage, LiveViewJsClient } from "../clients/liveviewjs.js";
import { median } from "../stats.js";

const REDIS_URL = "redis://127.0.0.1:6379";
/** Tabs opened at a time. */
const BATCH = 50;
/** Longest wait for one broadcast to reach every tab. */
const ROUND_TIMEOUT_MS = 30_000;
/** Longer than the Redis adapter's snapshot delay (200 ms) after a change, so every count is in Redis when A dies. */
const SNAPSHOT_WAIT_MS = 500;

export interface FanoutResult {
  /** Processes the tabs were spread over. */
  processes: number;
  tabs: number;
  /** Send → the first tab has the change, ms (median over the rounds). */
  firstTabMs: number;
  /** Send → the last tab has the change, ms (median over the rounds). */
  lastTabMs: number;
  /** Every server process's CPU time over a round ÷ tabs, µs (median over the rounds). */
  cpuMicrosPerDelivery: number;
  /** Each measured round's send → last tab, ms. */
  roundsMs: number[];
}

export interface FailoverResult {
  sessions: number;
  /** SIGKILL of A → every tab joined again on B, ms. */
  liveAgainMs: number;
  /** Tabs whose count after the rejoin is the one they had clicked to. */
  kept: number;
}

export interface PubSubResult {
  tabs: number;
  rounds: number;
  /** Tether, one process, the memory adapter. */
  tether?: FanoutResult;
  /** LiveViewJS, one process, its SingleProcessPubSub. */
  liveViewJs?: FanoutResult;
  /** Tether, two processes sharing Redis. */
  tetherRedis?: FanoutResult;
  failover?: FailoverResult;
  /** Parts that could not be measured, and why. */
  errors: string[];
  /** What the whole scenario took, servers' start and stop included, s. */
  seconds: number;
}

export interface PubSubOptions {
  tabs?: number;
  rounds?: number;
  sessions?: number;
  /** performance.now() past which parts not yet started are skipped (reported in `errors`), so a run ends in its time. */
  deadline?: number;
  log?: (message: string) => void;
}

/** A room tab of either server: told of each change the server pushes it, and able to press `send`. */
interface RoomTab {
  /** Calls `arrived` with performance.now() at each change pushed to this tab (null: stop). */
  listen(arrived: ((at: number) => void) | null): void;
  /** Presses `send`; resolves once the server has taken the event. */
  send(): Promise<void>;
  close(): void;
}

interface FanoutTarget {
  servers: ServerProcess[];
  tabs: RoomTab[];
  rounds: Array<{ firstMs: number; lastMs: number; cpuPerDelivery: number }>;
}

function tetherRoomTab(tab: TetherTab): RoomTab {
  return {
    listen: (arrived) => (tab.onPatch = arrived),
    send: async () => tab.click("send"),
    close: () => tab.close(),
  };
}

/** A LiveViewJS room tab as a browser opens one: the page GET (its tokens), the socket, the join. */
async function openLiveViewJsRoomTab(serverUrl: string): Promise<RoomTab> {
  const tokens = await fetchPage(serverUrl, "/room");
  const client = await LiveViewJsClient.connect(serverUrl, tokens.csrf);
  await client.join(serverUrl, "/room", tokens);
  return {
    listen: (arrived) => (client.onDiff = arrived),
    send: async () => void (await client.act({ kind: "click", name: "send" })),
    close: () => client.close(),
  };
}

/** Opens `count` tabs with `open(i)`, BATCH at a time. */
async function openMany<T>(count: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const tabs: T[] = [];
  for (let i = 0; i < count; i += BATCH) tabs.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, (_, j) => open(i + j)))));
  return tabs;
}

/** Opens Tether tabs at `path`, round robin over `servers`. */
function openTetherTabs(servers: ServerProcess[], path: string, count: number): Promise<TetherTab[]> {
  return openMany(count, (i) => TetherTab.open(servers[i % servers.length].url, path));
}

/** One broadcast from the first tab: when the first and the last tab had it, and the servers' CPU per delivery. */
async function broadcastRound(target: FanoutTarget): Promise<{ firstMs: number; lastMs: number; cpuPerDelivery: number }> {
  const { servers, tabs } = target;
  const before = await Promise.all(servers.map((s) => s.usage()));
  let waiting = tabs.length;
  let first = Infinity;
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const everyTab = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`a broadcast reached ${tabs.length - waiting} of ${tabs.length} tabs within ${ROUND_TIMEOUT_MS / 1000} s`)), ROUND_TIMEOUT_MS);
    for (const tab of tabs) {
      tab.listen((at) => {
        tab.listen(null);
        first = Math.min(first, at);
        last = Math.max(last, at);
        if (--waiting === 0) resolve();
      });
    }
  });
  const t0 = performance.now();
  try {
    await Promise.all([tabs[0].send(), everyTab]);
  } finally {
    clearTimeout(timer);
    for (const tab of tabs) tab.listen(null);
  }
  // What the tabs send back for what they received (Tether's Acks, ACK_DELAY later) is part of a delivery's cost.
  await new Promise((resolve) => setTimeout(resolve, ACK_DELAY + 100));
  const after = await Promise.all(servers.map((s) => s.usage()));
  const cpu = after.reduce((sum, u, i) => sum + u.cpuMicros - before[i].cpuMicros, 0);
  return { firstMs: first - t0, lastMs: last - t0, cpuPerDelivery: cpu / tabs.length };
}

function summarize(target: FanoutTarget): FanoutResult {
  return {
    processes: target.servers.length,
    tabs: target.tabs.length,
    firstTabMs: median(target.rounds.map((r) => r.firstMs)),
    lastTabMs: median(target.rounds.map((r) => r.lastMs)),
    cpuMicrosPerDelivery: median(target.rounds.map((r) => r.cpuPerDelivery)),
    roundsMs: target.rounds.map((r) => r.lastMs),
  };
}

/**
 * Measures `rounds` broadcasts for each target, the targets taking turns (the order rotating
 * each round), after one uncounted round each. A target that fails is dropped, with its error.
 */
async function measureFanout(targets: Record<string, FanoutTarget>, rounds: number, errors: string[]): Promise<void> {
  const live = new Set(Object.keys(targets));
  const roundOf = async (name: string, counted: boolean) => {
    try {
      const round = await broadcastRound(targets[name]);
      if (counted) targets[name].rounds.push(round);
    } catch (error) {
      errors.push(`fan-out, ${name}: ${message(error)}`);
      live.delete(name);
    }
  };
  for (const name of [...live]) await roundOf(name, false);
  for (let r = 0; r < rounds; r++) {
    const order = [...live];
    for (let i = 0; i < order.length; i++) {
      const name = order[(i + r) % order.length];
      if (live.has(name)) await roundOf(name, true);
    }
  }
}

/** Starts the servers, runs `body`, and stops them whatever happens. */
async function withServers<T>(specs: Array<[name: string, file: string, env?: Record<string, string>]>, body: (servers: ServerProcess[]) => Promise<T>): Promise<T> {
  const started = await Promise.allSettled(specs.map(([name, file, env]) => ServerProcess.start(name, file, env)));
  const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  try {
    for (const s of started) if (s.status === "rejected") throw s.reason;
    return await body(servers);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** A and B share Redis; A is killed, B is left running. */
async function failover(a: ServerProcess, b: ServerProcess, sessions: number): Promise<FailoverResult> {
  const tabs = await openTetherTabs([a], "/counter", sessions);
  try {
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
    await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_WAIT_MS));
    a.child.kill("SIGKILL");
    const t0 = performance.now();
    await Promise.all(tabs.map((tab) => tab.rejoin(b.url)));
    const liveAgainMs = performance.now() - t0;
    const kept = tabs.filter((tab, i) => tab.mountText("count") === String(expected[i])).length;
    return { sessions, liveAgainMs, kept };
  } finally {
    for (const tab of tabs) tab.close();
  }
}

/** Runs `use` on a connection to the bench's Redis; rejects at once if Redis does not answer. */
async function withRedis<T>(use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on("error", () => {}); // connect() rejects with it
  try {
    await redis.connect();
    return await use(redis);
  } catch (error) {
    throw new Error(`Redis at ${REDIS_URL}: ${message(error)}`);
  } finally {
    redis.disconnect();
  }
}

/** Deletes every Redis key under `prefix`. */
function deleteKeys(prefix: string): Promise<void> {
  return withRedis(async (redis) => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : String(error));

/** The whole scenario: fan-out in one process (Tether beside LiveViewJS), over Redis, then failover. */
export async function measurePubSub(options: PubSubOptions = {}): Promise<PubSubResult> {
  const { tabs = 1000, rounds = 5, sessions = 100, deadline = Infinity, log = () => {} } = options;
  const t0 = performance.now();
  const prefix = `tether-bench-${randomBytes(6).toString("hex")}`;
  const result: PubSubResult = { tabs, rounds, errors: [], seconds: 0 };
  const attempt = async (what: string, run: () => Promise<void>) => {
    if (performance.now() > deadline) {
      result.errors.push(`${what}: skipped: the run was out of time`);
      return;
    }
    try {
      await run();
    } catch (error) {
      result.errors.push(`${what}: ${message(error)}`);
      log(`${what}: not measured: ${message(error)}`);
    }
  };
  try {
    await attempt("fan-out in one process", () =>
      withServers([["Tether", "tether-pubsub.ts"], ["LiveViewJS", "liveviewjs.ts"]], async ([t, l]) => {
        log(`pub/sub: opening ${tabs} room tabs on Tether, then on LiveViewJS`);
        const targets: Record<string, FanoutTarget> = {};
        const opened: RoomTab[] = [];
        try {
          await attempt("fan-out, Tether", async () => {
            const room = (await openTetherTabs([t], "/room", tabs)).map(tetherRoomTab);
            opened.push(...room);
            targets.Tether = { servers: [t], tabs: room, rounds: [] };
          });
          log(`pub/sub: Tether's ${tabs} tabs open`);
          await attempt("fan-out, LiveViewJS", async () => {
            const room = await openMany(tabs, () => openLiveViewJsRoomTab(l.url));
            opened.push(...room);
            targets.LiveViewJS = { servers: [l], tabs: room, rounds: [] };
          });
          log(`pub/sub: tabs open; ${rounds} broadcasts to ${tabs} tabs each, alternating`);
          await measureFanout(targets, rounds, result.errors);
          if (targets.Tether?.rounds.length) result.tether = summarize(targets.Tether);
          if (targets.LiveViewJS?.rounds.length) result.liveViewJs = summarize(targets.LiveViewJS);
        } finally {
          for (const tab of opened) tab.close();
        }
      }),
    );
    // The same two processes then serve the failover: its sessions are other sessions, on other keys.
    await attempt("over Redis", async () => {
      await withRedis((redis) => redis.ping());
      const env = { BENCH_REDIS_PREFIX: prefix };
      return withServers([["A", "tether-pubsub.ts", env], ["B", "tether-pubsub.ts", env]], async ([a, b]) => {
        await attempt("fan-out over Redis", async () => {
          const room = await openTetherTabs([a, b], "/room", tabs);
          log(`pub/sub: ${tabs} room tabs open over two Tether processes sharing Redis; ${rounds} broadcasts`);
          try {
            const target: FanoutTarget = { servers: [a, b], tabs: room.map(tetherRoomTab), rounds: [] };
            await measureFanout({ "Tether over Redis": target }, rounds, result.errors);
            if (target.rounds.length > 0) result.tetherRedis = summarize(target);
          } finally {
            for (const tab of room) tab.close();
          }
        });
        await attempt("failover", async () => {
          log(`pub/sub: failover, ${sessions} counter sessions, their process killed`);
          result.failover = await failover(a, b, sessions);
        });
      });
    });
  } finally {
    try {
      await deleteKeys(prefix);
    } catch (error) {
      result.errors.push(`deleting the run's Redis keys: ${message(error)}`);
    }
    result.seconds = (performance.now() - t0) / 1000;
  }
  return result;
}
