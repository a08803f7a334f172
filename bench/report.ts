/**
 * Turns a run's results into what people read: tables for the terminal, bench/results/latest.json
 * (the named targets with pass/fail and their raw figures, then every scenario's figures),
 * bench/results/report.md and bench/results/chart.svg.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { renderChart } from "./chart.js";
import { BARE_WS, computeTargets, ECHO, LIVEVIEWJS, TETHER, VANILLA_JS, WHOLE_HTML, type Results, type TargetResult } from "./results.js";
import { TABLE_OPS } from "./scenarios/table-ops.js";
import { BROWSER_OPS, type BrowserOpFigures, type BrowserResult } from "./browser.js";
import { round } from "./stats.js";
import type { PubSubResult } from "./scenarios/pubsub.js";

const OUT = new URL("./results/", import.meta.url);

type Table = { title: string; headers: string[]; rows: string[][]; note?: string };

const n = (value: number | null | undefined, digits = 3): string => (value === null || value === undefined || !Number.isFinite(value) ? "—" : round(value, digits).toLocaleString("en-US", { maximumFractionDigits: 3 }));
const us = (ms: number | undefined) => n(ms === undefined ? undefined : ms * 1000);

function targetTable(targets: Record<string, TargetResult>): Table {
  return {
    title: "Targets",
    headers: ["key", "value", "target", "result"],
    rows: Object.entries(targets).map(([key, t]) => [key, n(t.value), t.target, t.value === null ? "MISSING" : t.pass ? "pass" : "FAIL"]),
  };
}

function tables(r: Results): Table[] {
  const out: Table[] = [];
  if (r.rtt) {
    out.push({
      title: "Counter click → answer round trip (µs)",
      headers: ["server", "p50", "p90", "p99", "samples", "warm-up events"],
      rows: Object.entries(r.rtt.byClient).map(([label, s]) => [label, us(s.p50), us(s.p90), us(s.p99), String(s.n), String(s.warmUp.events)]),
      note: `Tether p50 ÷ raw ws echo p50, per round: ${r.rtt.ratios.map((x) => n(x)).join(", ")}; median ${n(r.rtt.ratio)}.`,
    });
  }
  if (r.tableOps) {
    const labels = Object.keys(r.tableOps.ops);
    out.push({
      title: "/table operations over the protocol: round trip ms, answer bytes (payload / on the wire)",
      headers: ["operation", ...labels.flatMap((l) => [`${l} ms`, `${l} bytes`])],
      rows: TABLE_OPS.map((op) => [op, ...labels.flatMap((l) => {
        const f = r.tableOps!.ops[l][op];
        return [n(f?.ms), f ? `${n(f.payload)} / ${n(f.wire)}` : "—"];
      })]),
      note: `Medians of ${r.tableOps.repetitions} repetitions.${r.tableOps.errors.length ? ` Errors: ${r.tableOps.errors.slice(0, 5).join("; ")}` : " Every answer left the expected number of rows."}`,
    });
  }
  if (r.oneRow) {
    out.push({
      title: "One-row change of a 1,000-row table (select another row), alternating with counter clicks",
      headers: ["server", "select ms", "select bytes (payload / wire)", "counter ms", "select ÷ counter", "samples"],
      rows: Object.entries(r.oneRow.byClient).map(([l, f]) => [l, n(f.select.ms), `${n(f.select.payload)} / ${n(f.select.wire)}`, n(f.counter.ms), n(f.ratio), String(f.select.samples)]),
    });
  }
  if (r.scaling) {
    const labels = Object.keys(r.scaling.byTarget);
    const rows = [...new Set(Object.values(r.scaling.byTarget).flatMap((cells) => cells.map((c) => c.rows)))];
    out.push({
      title: "One-row update as the table grows: server CPU µs per update, round trip ms, bytes",
      headers: ["rows", ...labels.flatMap((l) => [`${l} CPU µs`, `${l} ms`, `${l} bytes`])],
      rows: rows.map((count) => [count.toLocaleString("en-US"), ...labels.flatMap((l) => {
        const c = r.scaling!.byTarget[l].find((x) => x.rows === count);
        return c ? [n(c.cpuMicros), n(c.ms), n(c.payload)] : ["—", "—", "—"];
      })]),
      note: `Raw ws echo server CPU per message (the socket's share): ${n(r.scaling.echoFloorMicros)} µs. Updates per cell: ${labels.map((l) => `${l} ${r.scaling!.byTarget[l].map((c) => c.updates).join("/")}`).join("; ")}.`,
    });
  }
  const byLabel = <T,>(record: Record<string, T>, order: string[]) => order.filter((l) => record[l] !== undefined).map((l) => [l, record[l]] as const);
  if (Object.keys(r.throughput).length) {
    out.push({
      title: "Throughput: 50 sessions, each sending as soon as answered",
      headers: ["server", "events/s", "server CPU µs/event", "server core busy", "client core busy", "seconds"],
      rows: byLabel(r.throughput, [TETHER, LIVEVIEWJS, ECHO]).map(([l, t]) => [l, n(t.eventsPerSecond), n(t.cpuMicrosPerEvent), `${n(t.serverCpuShare * 100)}%`, `${n(t.clientCpuShare * 100)}%`, n(t.seconds)]),
    });
  }
  if (Object.keys(r.memory).length) {
    out.push({
      title: "Memory per idle session over 1,000 counter sessions (KB = 1,000 bytes)",
      headers: ["server", "JS heap KB", "RSS KB", "external KB"],
      rows: byLabel(r.memory, [TETHER, LIVEVIEWJS, BARE_WS]).map(([l, m]) => [l, n(m.heapPerSessionKb), n(m.rssPerSessionKb), n(m.externalPerSessionKb)]),
    });
  }
  if (Object.keys(r.resident).length) {
    const rows: string[][] = [];
    for (const [l, m] of byLabel(r.resident, [TETHER, LIVEVIEWJS, BARE_WS])) {
      for (const [count, at] of Object.entries(m.counts)) {
        for (const [state, f] of [["idle", at.idle], ["one event", at.oneEvent]] as const) {
          rows.push([l, n(Number(count)), state, n(f.rssKb), n(f.heapTotalKb), n(f.heapUsedKb), n(f.externalKb), n(f.processRssMb), `${n(f.newSpaceMb[0])} → ${n(f.newSpaceMb[1])}`]);
        }
      }
    }
    // What each tab past the first 1,000 costs: the one-time costs (the young generation's growth
    // above all, which the two frameworks' processes pay at different moments) are not in it.
    const further = byLabel(r.resident, [TETHER, LIVEVIEWJS, BARE_WS]).flatMap(([l, m]) => {
      const [a, b] = [m.counts[1000]?.oneEvent, m.counts[10_000]?.oneEvent];
      return a && b ? [`${l} ${n((b.processRssMb - a.processRssMb) * 1e6 / 9000 / 1000)} KB`] : [];
    });
    out.push({
      title: "Resident memory per session from a fresh process, tabs opened as a browser does (KB = 1,000 bytes)",
      headers: ["server", "tabs", "state", "RSS KB", "heap committed KB", "heap used KB", "external KB", "process RSS MB", "young generation MB"],
      rows,
      note: further.length > 0 ? `RSS of each tab from the 1,000th to the 10,000th (each after one event): ${further.join(", ")}.` : undefined,
    });
  }
  if (Object.keys(r.joins).length) {
    out.push({
      title: "Joins per second (page GET + socket + join until the first render; bare ws: connect + close)",
      headers: ["server", "per second", "server CPU µs/join", "server core busy", "client core busy", "completed", "concurrency"],
      rows: byLabel(r.joins, [TETHER, LIVEVIEWJS, BARE_WS]).map(([l, j]) => [l, n(j.joinsPerSecond), n(j.cpuMicrosPerJoin), `${n(j.serverCpuShare * 100)}%`, `${n(j.clientCpuShare * 100)}%`, String(j.joins), String(j.concurrency)]),
    });
  }
  if (r.pubsub) out.push(pubSubTable(r.pubsub));
  if (r.browser) out.push(browserTable(r.browser));
  if (r.navigation) {
    const nav = r.navigation;
    out.push({
      title: `Chromium ${nav.chromium}: /profile → /profile/2, live navigation against a full page load of the same page, ms (medians of ${nav.samples})`,
      headers: ["navigation", "new content painted", "page live (socket joined)"],
      rows: [
        ["live (t-nav link)", n(nav.liveMs), n(nav.liveMs)],
        ["full page load", n(nav.loadPaintMs), n(nav.loadLiveMs)],
      ],
      note: "Live: click → #person-name in the DOM → the next frame, over the connection the page has. Full load: from the navigation's start to the new document's first contentful paint, and to its runtime's join.",
    });
  }
  if (r.dev) {
    const dev = r.dev;
    out.push({
      title: `tether dev in Chromium ${dev.chromium}: save → the open tab showing the new code, beside reloading the page, ms (medians)`,
      headers: ["page", "save → DOM, state kept", "page reload (state lost)", "edits with state kept"],
      rows: [
        ...Object.entries(dev.pages).map(([name, p]) => [name, n(p.editMs), n(p.reloadMs), `${p.stateKept} of ${p.edits}`]),
        ["restart + reload (a module the entry holds)", "", n(dev.restartReloadMs), `${dev.restartSamples.length} restarts`],
      ],
      note: "A reload is the page's own time once the server runs the new code; a restart + reload adds the app's process starting again (tsx, Vite's module runner, the app's modules), as `tsx watch` and a refresh would.",
    });
  }
  if (r.bundle) {
    out.push({
      title: "Runtime bundle",
      headers: ["file", "minified bytes", "gzip -9 bytes", "brotli bytes"],
      rows: [r.bundle, ...(r.clientBundles ?? [])].map((b) => [b.file, String(b.minifiedBytes), String(b.gzipBytes), String(b.brotliBytes)]),
    });
  }
  return out;
}

function browserTable(b: BrowserResult): Table {
  const pages: Array<[string, Record<string, BrowserOpFigures>]> = [[TETHER, b.ops], ...Object.entries(b.baselines ?? {})];
  return {
    title: `Chromium ${b.chromium}: /table, click → DOM updated and → next frame, ms`,
    headers: ["operation", ...pages.flatMap(([label]) => [`${label} DOM`, `${label} frame`]), "samples"],
    rows: BROWSER_OPS.map((op) => [op, ...pages.flatMap(([, ops]) => [n(ops[op]?.domMs), n(ops[op]?.frameMs)]), String(b.ops[op]?.samples ?? 0)]),
    note: `Medians of ${b.rounds} rounds after 2 of warm-up, the pages taking turns at every operation. ${VANILLA_JS}: the same table in plain JavaScript in the page, no server; ${WHOLE_HTML}: every click sent to the whole-HTML server and its answer set as innerHTML.${b.counterRttMs === undefined ? "" : ` A click on Tether's /counter in the same Chromium, one after every operation's turns as the pages' clicks come: ${n(b.counterRttMs)} ms to the count shown (median of ${b.counterSamples}; clicked back to back, ${n(b.counterBackToBackMs ?? NaN)} ms).`}`,
  };
}

/** Prints the Chromium /table table alone (bench/probe/chromium-table.ts). */
export function printBrowser(b: BrowserResult): void {
  console.log("\n" + toText(browserTable(b)));
}

function pubSubTable(p: PubSubResult): Table {
  const rows: string[][] = [];
  for (const [label, f] of [[`${TETHER} (memory adapter)`, p.tether], [`${LIVEVIEWJS} (SingleProcessPubSub)`, p.liveViewJs], [`${TETHER} over Redis`, p.tetherRedis]] as const) {
    if (f !== undefined) rows.push([label, String(f.processes), n(f.tabs), n(f.firstTabMs), n(f.lastTabMs), n(f.cpuMicrosPerDelivery), f.roundsMs.map((ms) => n(ms, 1)).join(", ")]);
  }
  const failover = p.failover
    ? `Failover: ${p.failover.sessions} counter sessions on process A (Redis, snapshots), A killed with SIGKILL: every tab live again on B ${n(p.failover.liveAgainMs, 0)} ms after the kill; ${p.failover.kept} of ${p.failover.sessions} kept their count.`
    : "Failover: not measured.";
  return {
    title: "Pub/sub fan-out and failover: one broadcast → every subscribed tab has its change",
    headers: ["server", "processes", "tabs", "first tab ms", "last tab ms", "server CPU µs per delivered message", "last tab ms, each round"],
    rows,
    note: `Medians of ${p.rounds} broadcasts each. ${failover} The phase took ${n(p.seconds, 0)} s.${p.errors.length ? ` Errors: ${p.errors.join("; ")}` : ""}`,
  };
}

/** Prints the pub/sub table alone (bench/probe/pubsub.ts). */
export function printPubSub(p: PubSubResult): void {
  console.log("\n" + toText(pubSubTable(p)));
}

function toText(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [t.title, line(t.headers), widths.map((w) => "-".repeat(w)).join("  "), ...t.rows.map(line), ...(t.note ? [t.note] : [])].join("\n");
}

function toMarkdown(t: Table): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const align = t.headers.map((_, i) => (i === 0 ? "---" : "---:"));
  return [`### ${t.title}`, "", line(t.headers), line(align), ...t.rows.map(line), ...(t.note ? ["", t.note] : [])].join("\n");
}

/** Prints the tables and writes latest.json, report.md and chart.svg; returns the targets. */
export function writeReport(results: Results, method: string): Record<string, TargetResult> {
  const targets = computeTargets(results);
  const all = [targetTable(targets), ...tables(results)];
  console.log("\n" + all.map(toText).join("\n\n"));
  if (results.missing.length) console.log("\nNot measured:\n" + results.missing.map((m) => `- ${m.what}: ${m.reason}`).join("\n"));

  mkdirSync(OUT, { recursive: true });
  writeFileSync(new URL("latest.json", OUT), JSON.stringify({ targets, ...results }, null, 2) + "\n");
  writeFileSync(new URL("chart.svg", OUT), renderChart(results));
  const { meta } = results;
  const md = [
    "# Tether benchmarks",
    "",
    `Run ${meta.date} on Node ${meta.node}, commit ${meta.commit}, ${meta.cpus} cores; ${meta.pinning}. Load average (other work on this shared machine) ${meta.loadStart} at the start, ${meta.loadEnd} at the end. The run took ${Math.round(meta.seconds)} s. Reproduce with \`npm run bench\`; every figure below was measured in that one run.`,
    "",
    "![Tether, LiveViewJS and the baselines](chart.svg)",
    "",
    `Load averages when each scenario started: ${Object.entries(meta.loads).map(([what, l]) => `${what} ${l}`).join("; ")}.`,
    "",
    ...all.flatMap((t) => [toMarkdown(t), ""]),
    ...(results.missing.length ? ["### Not measured", "", ...results.missing.map((m) => `- **${m.what}**: ${m.reason}`), ""] : []),
    "## Method",
    "",
    method,
    "",
  ].join("\n");
  writeFileSync(new URL("report.md", OUT), md);
  return targets;
}
