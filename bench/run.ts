/**
 * `npm run bench`: Tether side by side with LiveViewJS, a "send the whole HTML" baseline and a
 * raw `ws` echo, all measured in this one run on loopback. Its phases each run on fresh server
 * processes (so that sessions left over by one phase do not weigh on the next): the protocol
 * scenarios, the cost of an update as the table grows, memory per idle session, resident
 * memory, Chromium, `tether dev`, and pub/sub fan-out and failover (last: on a slow machine it
 * is the one the time budget skips, not a phase that carries a target of the issues before it).
 * Bounded to well under 8 minutes; every server process is stopped however the run ends.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { pinClient, pinning, ServerProcess } from "./processes.js";
import { openTab as openTetherTab, TetherClient } from "./clients/tether.js";
import { fetchPage, joinFromPage, LiveViewJsClient, openTab as openLiveViewJsTab } from "./clients/liveviewjs.js";
import { RawSocket } from "./clients/raw-ws.js";
import { HtmlClient } from "./clients/html.js";
import { EchoClient } from "./clients/ws-echo.js";
import type { LiveClient } from "./clients/connection.js";
import { measureCounterRtt } from "./scenarios/rtt.js";
import { measureOneRowChange, measureTableOps } from "./scenarios/table-ops.js";
import { measureScaling } from "./scenarios/scaling.js";
import { measureThroughput } from "./scenarios/throughput.js";
import { measureMemory } from "./scenarios/memory.js";
import { measureResident } from "./scenarios/resident.js";
import { measureJoins } from "./scenarios/joins.js";
import { measureBundle, measureClientBundles } from "./scenarios/bundle.js";
import { baselineTables, measureBrowser, tetherTable } from "./browser.js";
import { measureNavigation } from "./scenarios/navigation.js";
import { measureDevEdits } from "./dev-edit.js";
import { measurePubSub } from "./scenarios/pubsub.js";
import { writeReport } from "./report.js";
import { BARE_WS, ECHO, LIVEVIEWJS, TETHER, WHOLE_HTML, type Results } from "./results.js";

/** HEAD, and whether the code measured differs from it (uncommitted changes to Tether's sources). */
function describeCommit(): string {
  const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "runtime", "examples"], { encoding: "utf8" }).trim();
  return dirty ? `${head} with uncommitted changes to src/, runtime/ or examples/` : head;
}

const LIMIT_MS = 7.75 * 60_000;
// Past this, scenarios not yet started are skipped (and reported as such) so the run ends in time.
const SKIP_AFTER_MS = 6 * 60_000;
const started = performance.now();
const load = () => loadavg().map((x) => x.toFixed(1)).join(" ");

// The whole run stays under 8 minutes: past 7.75, stop (the exit handler kills the servers).
setTimeout(() => {
  console.error("bench: still running after 7.75 minutes; stopping");
  process.exit(1);
}, LIMIT_MS).unref();

pinClient();

const results: Results = {
  meta: {
    date: new Date().toISOString(),
    node: process.version,
    commit: describeCommit(),
    cpus: cpus().length,
    pinning: pinning.reason,
    loadStart: load(),
    loadEnd: "",
    loads: {},
    seconds: 0,
  },
  throughput: {},
  memory: {},
  resident: {},
  joins: {},
  missing: [],
};

const log = (message: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);

/** Runs one measurement; a failure is recorded as missing, with its reason, and the run goes on. */
async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
  if (performance.now() - started > SKIP_AFTER_MS) {
    results.missing.push({ what, reason: `skipped: the run had used ${Math.round(SKIP_AFTER_MS / 60_000)} minutes of its time budget` });
    return undefined;
  }
  results.meta.loads[what] = load();
  try {
    return await run();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    results.missing.push({ what, reason });
    log(`${what}: not measured: ${reason}`);
    return undefined;
  }
}

/** Starts servers, runs `body`, and stops them whatever happens. */
async function phase(name: string, files: Record<string, string>, body: (servers: Record<string, ServerProcess>) => Promise<void>): Promise<void> {
  log(`${name}: starting ${Object.keys(files).join(", ")}`);
  const launched = await Promise.allSettled(Object.entries(files).map(([label, file]) => ServerProcess.start(label, file)));
  const servers: Record<string, ServerProcess> = {};
  for (const s of launched) if (s.status === "fulfilled") servers[s.value.name] = s.value;
  log(`${name}: ${Object.values(servers).map((s) => `${s.name} pid ${s.pid}`).join(", ")}`);
  try {
    for (const s of launched) if (s.status === "rejected") throw s.reason;
    await body(servers);
  } catch (error) {
    results.missing.push({ what: name, reason: error instanceof Error ? error.message.split("\n")[0] : String(error) });
    log(`${name} failed: ${error instanceof Error ? error.stack : error}`);
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
  }
}

const tetherJoin = async (url: string, path: string) => {
  const client = await TetherClient.connect(url);
  return { client, join: await client.join(path) };
};
const htmlJoin = async (url: string, path: string) => {
  const client = await HtmlClient.connect(url);
  return { client, join: await client.join(path) };
};
const closeAll = (clients: Array<LiveClient | undefined>) => clients.forEach((c) => c?.close());

results.bundle = measureBundle();
log(`runtime: ${results.bundle.minifiedBytes} bytes minified, ${results.bundle.gzipBytes} gzipped`);
results.clientBundles = await measureClientBundles();
for (const b of results.clientBundles) log(`${b.file}: ${b.minifiedBytes} bytes minified, ${b.gzipBytes} gzipped`);

await phase("protocol scenarios", { [TETHER]: "tether.ts", [LIVEVIEWJS]: "liveviewjs.ts", [WHOLE_HTML]: "html.ts", [ECHO]: "ws-echo.ts" }, async (s) => {
  const [t, l, h, e] = [s[TETHER], s[LIVEVIEWJS], s[WHOLE_HTML], s[ECHO]];
  const counters = [(await tetherJoin(t.url, "/counter")).client, (await joinFromPage(l.url, "/counter")).client, (await htmlJoin(h.url, "/counter")).client, await EchoClient.connect(e.url)];
  log("counter round trips (warm-up, then rounds)");
  results.rtt = await attempt("counter round trip", () => measureCounterRtt(counters, counters[0], counters[3]));

  log("throughput: 50 sessions per server, 2 × 5 s each, alternating");
  const throughput = await attempt("throughput", () =>
    measureThroughput([
      { label: TETHER, server: t, open: async () => (await tetherJoin(t.url, "/counter")).client },
      { label: LIVEVIEWJS, server: l, open: async () => (await joinFromPage(l.url, "/counter")).client },
      { label: ECHO, server: e, open: () => EchoClient.connect(e.url) },
    ]),
  );
  Object.assign(results.throughput, throughput ?? {});

  log("/table operations");
  const tables = [(await tetherJoin(t.url, "/table")).client, (await joinFromPage(l.url, "/table")).client, (await htmlJoin(h.url, "/table")).client];
  results.tableOps = await attempt("table operations", () => measureTableOps(tables));
  log("one-row change vs counter");
  results.oneRow = await attempt("one-row change", () => measureOneRowChange(tables.map((table, i) => ({ table, counter: counters[i] }))));
  closeAll([...counters, ...tables]);

  log("joins per second: 3 × 1 s each, alternating");
  const joins = await attempt("joins per second", () =>
    measureJoins([
      {
        label: TETHER,
        server: t,
        once: () => openTetherTab(t.url, "/counter"),
      },
      { label: LIVEVIEWJS, server: l, once: () => openLiveViewJsTab(l.url, "/counter") },
      { label: BARE_WS, server: e, once: async () => (await RawSocket.open(e.url.replace(/^http/, "ws"))).close() },
    ]),
  );
  Object.assign(results.joins, joins ?? {});
});

await phase("table size", { [TETHER]: "tether.ts", [LIVEVIEWJS]: "liveviewjs.ts", [WHOLE_HTML]: "html.ts", [ECHO]: "ws-echo.ts" }, async (s) => {
  const tokens = await fetchPage(s[LIVEVIEWJS].url, "/counter");
  const echo = await EchoClient.connect(s[ECHO].url);
  log("one-row update at 100, 1,000, 10,000, 100,000 rows");
  results.scaling = await attempt("update cost by table size", () =>
    measureScaling(
      [
        { label: TETHER, server: s[TETHER], open: (rows) => tetherJoin(s[TETHER].url, `/table-sized?rows=${rows}`) },
        {
          label: LIVEVIEWJS,
          server: s[LIVEVIEWJS],
          open: async (rows) => {
            const client = await LiveViewJsClient.connect(s[LIVEVIEWJS].url, tokens.csrf);
            return { client, join: await client.join(s[LIVEVIEWJS].url, `/table?rows=${rows}`, tokens, `phx-rows-${rows}`) };
          },
        },
        { label: WHOLE_HTML, server: s[WHOLE_HTML], open: (rows) => htmlJoin(s[WHOLE_HTML].url, `/table?rows=${rows}`) },
      ],
      { server: s[ECHO], client: echo },
    ),
  );
  echo.close();
  for (const error of results.scaling?.errors ?? []) results.missing.push({ what: "update cost by table size", reason: error });
});

await phase("memory", { [TETHER]: "tether.ts", [LIVEVIEWJS]: "liveviewjs.ts", [BARE_WS]: "ws-echo.ts" }, async (s) => {
  const tokens = await fetchPage(s[LIVEVIEWJS].url, "/counter");
  let topic = 0;
  for (const [label, open] of [
    [TETHER, async () => (await tetherJoin(s[TETHER].url, "/counter")).client],
    [LIVEVIEWJS, async () => {
      const client = await LiveViewJsClient.connect(s[LIVEVIEWJS].url, tokens.csrf);
      await client.join(s[LIVEVIEWJS].url, "/counter", tokens, `phx-idle-${++topic}`);
      return client;
    }],
    [BARE_WS, () => EchoClient.connect(s[BARE_WS].url)],
  ] as const) {
    log(`memory: ${label}, 1,000 idle sessions`);
    const figures = await attempt(`memory ${label}`, () => measureMemory(s[label], open));
    if (figures) results.memory[label] = figures;
  }
});

// Each server fresh, alone in its phase: the baseline is the process before any session.
for (const [label, file, open] of [
  [TETHER, "tether.ts", async (url: string): Promise<LiveClient> => (await tetherJoin(url, "/counter")).client],
  [LIVEVIEWJS, "liveviewjs.ts", async (url: string): Promise<LiveClient> => (await joinFromPage(url, "/counter")).client],
  [BARE_WS, "ws-echo.ts", (url: string): Promise<LiveClient> => EchoClient.connect(url)],
] as const) {
  await phase(`resident memory ${label}`, { [label]: file }, async (s) => {
    log(`resident memory: ${label}, 1,000 then 10,000 tabs, idle and after one event each`);
    const figures = await attempt(`resident memory ${label}`, () => measureResident(s[label], () => open(s[label].url)));
    if (figures) results.resident[label] = figures;
  });
}

const BASELINE_PAGES = "baseline pages";
await phase("Chromium", { [TETHER]: "tether.ts", [WHOLE_HTML]: "html.ts", [BASELINE_PAGES]: "pages.ts" }, async (s) => {
  log("Chromium: /table operations, Tether beside vanilla JS and whole HTML");
  results.browser = await attempt("Chromium /table operations", () => measureBrowser(tetherTable(s[TETHER].url), baselineTables(s[BASELINE_PAGES].url, s[WHOLE_HTML].url), 5, 2, `${s[TETHER].url}/counter`));
  log("Chromium: /profile → /profile/2, live navigation against a full page load");
  results.navigation = await attempt("Chromium live navigation", () => measureNavigation(s[TETHER].url));
});
log("tether dev: save → DOM on three pages, 20 edits each, beside reloads and restarts");
results.dev = await attempt("tether dev edits", () => measureDevEdits());

// Its servers (Tether with the memory adapter, LiveViewJS, two Tether processes sharing Redis) are
// started and stopped inside it; its Redis keys are under a prefix of its own, deleted after.
log("pub/sub: one broadcast to 1,000 tabs (Tether beside LiveViewJS, then Tether over Redis), 5 rounds; failover of 100 sessions");
// Its parts (one process, Redis, failover) take up to a minute each on a loaded machine: none starts
// later than 90 s before the run's hard stop, so the report is always written.
results.pubsub = await attempt("pub/sub fan-out and failover", () =>
  measurePubSub({ tabs: 1000, rounds: 5, sessions: 100, deadline: started + LIMIT_MS - 90_000, log }),
);
for (const error of results.pubsub?.errors ?? []) results.missing.push({ what: "pub/sub fan-out and failover", reason: error });
if (results.pubsub) log(`pub/sub: the phase took ${results.pubsub.seconds.toFixed(0)} s`);

results.missing.push({
  what: "LiveViewJS in Chromium",
  reason: "LiveViewJS 0.8.1 ships no browser client (it expects Phoenix LiveView's phoenix_live_view bundle, which is not installed); its protocol-level figures are above",
});

// Nothing this run started may outlive it: any child process still there is reported and killed.
// (tsx's esbuild service is this process's own TypeScript loader; it ends when this process does.)
const leftovers = execFileSync("ps", ["--ppid", String(process.pid), "-o", "pid=,comm="], { encoding: "utf8" })
  .split("\n")
  .map((line) => line.trim().split(/\s+/))
  .filter(([pid, comm]) => pid && comm !== "ps" && comm !== "esbuild");
for (const [pid, comm] of leftovers) {
  log(`left over: ${comm} (pid ${pid}); killing it`);
  process.kill(Number(pid), "SIGKILL");
}
if (leftovers.length === 0) log("no process started by this run is left");

results.meta.loadEnd = load();
results.meta.seconds = (performance.now() - started) / 1000;
const targets = writeReport(results, readFileSync(new URL("./method.md", import.meta.url), "utf8"));
const failed = Object.entries(targets).filter(([, t]) => !t.pass).map(([key]) => key);
log(`done in ${results.meta.seconds.toFixed(0)} s; wrote bench/results/latest.json, report.md, chart.svg. Targets missed: ${failed.length ? failed.join(", ") : "none"}`);
