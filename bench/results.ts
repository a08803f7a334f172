/**
 * What a benchmark run produces, and the named targets computed from it: each key
 * with its value, the target, pass or fail, and the raw figures it was computed from.
 */
import type { BundleResult } from "./scenarios/bundle.js";
import type { RttResult } from "./scenarios/rtt.js";
import { TABLE_OPS, type OneRowResult, type TableOpsResult } from "./scenarios/table-ops.js";
import type { ScalingResult } from "./scenarios/scaling.js";
import type { ThroughputResult } from "./scenarios/throughput.js";
import type { MemoryResult } from "./scenarios/memory.js";
import type { ResidentResult } from "./scenarios/resident.js";
import type { JoinsResult } from "./scenarios/joins.js";
import type { PubSubResult } from "./scenarios/pubsub.js";
import { BROWSER_OPS, type BrowserResult } from "./browser.js";
import type { NavigationResult } from "./scenarios/navigation.js";
import type { DevEditResult } from "./dev-edit.js";
import { BARE_WS, DEV_SMALL, ECHO, LIVEVIEWJS, TETHER, VANILLA_JS, WHOLE_HTML } from "./labels.js";

export { BARE_WS, DEV_SMALL, ECHO, LIVEVIEWJS, TETHER, VANILLA_JS, WHOLE_HTML };

export interface RunMeta {
  date: string;
  node: string;
  commit: string;
  cpus: number;
  pinning: string;
  /** /proc/loadavg at the start and at the end: other work on this shared machine. */
  loadStart: string;
  loadEnd: string;
  /** Load averages (1, 5, 15 min) when each scenario started. */
  loads: Record<string, string>;
  seconds: number;
}

export interface Results {
  meta: RunMeta;
  bundle?: BundleResult;
  /** The on-demand scripts of hooks, client commands and islands (measureClientBundles). */
  clientBundles?: BundleResult[];
  rtt?: RttResult;
  tableOps?: TableOpsResult;
  oneRow?: OneRowResult;
  scaling?: ScalingResult;
  /** By label: Tether, LiveViewJS, raw ws echo. */
  throughput: Record<string, ThroughputResult>;
  /** By label: Tether, LiveViewJS, bare ws. */
  memory: Record<string, MemoryResult>;
  /** By label: Tether, LiveViewJS, bare ws; from fresh processes, at 1,000 and 10,000 tabs. */
  resident: Record<string, ResidentResult>;
  /** By label: Tether, LiveViewJS, bare ws (connects). */
  joins: Record<string, JoinsResult>;
  /** Broadcast fan-out (Tether and LiveViewJS in one process, Tether in two over Redis) and failover. */
  pubsub?: PubSubResult;
  browser?: BrowserResult;
  /** Chromium: live navigation between two pages against a full page load of the same page. */
  navigation?: NavigationResult;
  /** `tether dev`: save → DOM in Chromium, beside a reload and a restart + reload. */
  dev?: DevEditResult;
  /** Scenarios (or parts) that could not be measured, and why. */
  missing: Array<{ what: string; reason: string }>;
}

export interface TargetResult {
  /** null when the figures it needs are missing. */
  value: number | null;
  target: string;
  pass: boolean;
  /** How the value is computed. */
  definition: string;
  raw: Record<string, unknown>;
}

interface TargetSpec {
  key: string;
  op: "<=" | ">=";
  limit: number;
  definition: string;
  compute(r: Results): { value: number; raw: Record<string, unknown> } | null | undefined;
}

/**
 * The largest of `ratio(op)` over `ops`, with every operation's ratio (for the key's raw
 * figures); null when an operation's figures are missing.
 */
function worstOperation(ops: readonly string[], ratio: (op: string) => number | undefined): { value: number; raw: Record<string, unknown> } | null {
  const ratios: Record<string, number> = {};
  let worst = "";
  for (const op of ops) {
    const value = ratio(op);
    if (value === undefined || !Number.isFinite(value)) return null;
    ratios[op] = value;
    if (worst === "" || value > ratios[worst]) worst = op;
  }
  return { value: ratios[worst], raw: { ratios, worstOperation: worst } };
}

const SPECS: TargetSpec[] = [
  {
    key: "counter_rtt_p50_vs_ws",
    op: "<=",
    limit: 1.15,
    definition: "counter click → patch round trip p50 ÷ raw ws echo p50 (median of per-round ratios)",
    compute: (r) => r.rtt && {
      value: r.rtt.ratio,
      raw: { tetherP50Ms: r.rtt.byClient[TETHER].p50, echoP50Ms: r.rtt.byClient[ECHO].p50, roundRatios: r.rtt.ratios },
    },
  },
  {
    key: "table_update_one_bytes",
    op: "<=",
    limit: 100,
    definition: "bytes of Tether's answer to a one-row change (select another row) of a 1,000-row table (median payload)",
    compute: (r) => r.oneRow?.byClient[TETHER] && {
      value: r.oneRow.byClient[TETHER].select.payload,
      raw: {
        tetherWireBytes: r.oneRow.byClient[TETHER].select.wire,
        liveViewJsBytes: r.oneRow.byClient[LIVEVIEWJS]?.select.payload ?? null,
        wholeHtmlBytes: r.tableOps?.ops[WHOLE_HTML]?.["select"].payload ?? null,
        tetherFirstSelectBytes: r.tableOps?.ops[TETHER]?.["select"].payload ?? null,
      },
    },
  },
  {
    key: "table_update_one_rtt_vs_counter",
    op: "<=",
    limit: 2,
    definition: "round trip of that one-row change ÷ the counter's round trip, medians, measured in alternating blocks",
    compute: (r) => r.oneRow?.byClient[TETHER] && {
      value: r.oneRow.byClient[TETHER].ratio,
      raw: { selectMs: r.oneRow.byClient[TETHER].select.ms, counterMs: r.oneRow.byClient[TETHER].counter.ms, samples: r.oneRow.byClient[TETHER].select.samples },
    },
  },
  {
    key: "table_ops_rtt_vs_best_peer",
    op: "<=",
    limit: 1,
    definition: "/table operations over the protocol: for each operation, Tether's round trip ÷ the faster of LiveViewJS's and whole HTML's (medians, same run); the worst operation's ratio",
    compute: (r) => {
      const ops = r.tableOps?.ops;
      return ops && worstOperation(TABLE_OPS, (op) => ops[TETHER]?.[op]?.ms / Math.min(ops[LIVEVIEWJS]?.[op]?.ms ?? NaN, ops[WHOLE_HTML]?.[op]?.ms ?? NaN));
    },
  },
  {
    key: "create_1000_payload_vs_liveviewjs",
    op: "<=",
    limit: 1,
    definition: "bytes of the answer to create 1,000 rows as the application reads it (uncompressed): Tether ÷ LiveViewJS",
    compute: (r) => {
      const create = (label: string) => r.tableOps?.ops[label]?.["create 1,000"];
      const [t, l] = [create(TETHER), create(LIVEVIEWJS)];
      return t && l && {
        value: t.payload / l.payload,
        raw: { tetherBytes: t.payload, liveViewJsBytes: l.payload, wholeHtmlBytes: create(WHOLE_HTML)?.payload ?? null, tetherWireBytes: t.wire, liveViewJsWireBytes: l.wire },
      };
    },
  },
  {
    key: "chromium_table_vs_vanilla",
    op: "<=",
    limit: 1.5,
    definition: "Chromium /table: for each operation, Tether's click → next frame ÷ (vanilla JS's click → next frame + the counter's loopback round trip: a /counter click → the count shown, in the same Chromium, one click after every operation's turns; the load client's counter p50 when that was not measured), medians of one run; the worst operation's ratio",
    compute: (r) => {
      const vanilla = r.browser?.baselines?.[VANILLA_JS];
      const rttMs = r.browser?.counterRttMs ?? r.rtt?.byClient[TETHER]?.p50;
      if (!r.browser || !vanilla || rttMs === undefined) return null;
      const worst = worstOperation(BROWSER_OPS, (op) => r.browser!.ops[op]?.frameMs / ((vanilla[op]?.frameMs ?? NaN) + rttMs));
      return worst && { value: worst.value, raw: { ...worst.raw, counterRttP50Ms: rttMs } };
    },
  },
  {
    key: "update_cost_100k_vs_100",
    op: "<=",
    limit: 2,
    definition: "server CPU time per one-row update at 100,000 rows ÷ at 100 rows",
    compute: (r) => {
      const cells = r.scaling?.byTarget[TETHER];
      const small = cells?.find((c) => c.rows === 100);
      const large = cells?.find((c) => c.rows === 100_000);
      if (!small || !large) return null;
      const floor = r.scaling!.echoFloorMicros;
      return {
        value: large.cpuMicros / small.cpuMicros,
        raw: { cpuMicrosAt100: small.cpuMicros, cpuMicrosAt100k: large.cpuMicros, echoFloorMicros: floor, ratioMinusEchoFloor: (large.cpuMicros - floor) / Math.max(1e-9, small.cpuMicros - floor), cells },
      };
    },
  },
  {
    key: "heap_per_session_kb",
    op: "<=",
    limit: 4,
    definition: "JS heap after GC per idle counter session over 1,000 sessions, KB (1,000 bytes), minus the server before them",
    compute: (r) => r.memory[TETHER] && {
      value: r.memory[TETHER].heapPerSessionKb,
      raw: { rssPerSessionKb: r.memory[TETHER].rssPerSessionKb, liveViewJsHeapKb: r.memory[LIVEVIEWJS]?.heapPerSessionKb ?? null, bareWsHeapKb: r.memory[BARE_WS]?.heapPerSessionKb ?? null },
    },
  },
  {
    key: "rss_per_session_vs_liveviewjs",
    op: "<=",
    limit: 1,
    definition: "resident memory (RSS) per session, 1,000 tabs opened as a browser does (compression offered) that each made one event, from the fresh process: Tether ÷ LiveViewJS",
    compute: (r) => {
      const t = r.resident[TETHER]?.counts[1000]?.oneEvent;
      const l = r.resident[LIVEVIEWJS]?.counts[1000]?.oneEvent;
      if (!t || !l) return null;
      const at10k = (label: string) => r.resident[label]?.counts[10_000]?.oneEvent ?? null;
      return {
        value: t.rssKb / l.rssKb,
        raw: { tether: t, liveViewJs: l, tetherAt10k: at10k(TETHER), liveViewJsAt10k: at10k(LIVEVIEWJS), bareWsAt1k: r.resident[BARE_WS]?.counts[1000]?.oneEvent ?? null },
      };
    },
  },
  {
    key: "server_cpu_per_event_vs_liveviewjs",
    op: "<=",
    limit: 0.5,
    definition: "server CPU time per event with 50 sessions sending as fast as answers come (10 s): Tether ÷ LiveViewJS",
    compute: (r) => r.throughput[TETHER] && r.throughput[LIVEVIEWJS] && {
      value: r.throughput[TETHER].cpuMicrosPerEvent / r.throughput[LIVEVIEWJS].cpuMicrosPerEvent,
      raw: { tetherMicros: r.throughput[TETHER].cpuMicrosPerEvent, liveViewJsMicros: r.throughput[LIVEVIEWJS].cpuMicrosPerEvent, echoMicros: r.throughput[ECHO]?.cpuMicrosPerEvent ?? null },
    },
  },
  {
    key: "joins_per_s_vs_liveviewjs",
    op: ">=",
    limit: 3,
    definition: "joins per second (page GET + socket + join until the first render arrives): Tether ÷ LiveViewJS",
    compute: (r) => r.joins[TETHER] && r.joins[LIVEVIEWJS] && {
      value: r.joins[TETHER].joinsPerSecond / r.joins[LIVEVIEWJS].joinsPerSecond,
      raw: {
        tetherPerSecond: r.joins[TETHER].joinsPerSecond,
        liveViewJsPerSecond: r.joins[LIVEVIEWJS].joinsPerSecond,
        bareWsConnectsPerSecond: r.joins[BARE_WS]?.joinsPerSecond ?? null,
        tetherServerCorePercent: r.joins[TETHER].serverCpuShare * 100,
        liveViewJsServerCorePercent: r.joins[LIVEVIEWJS].serverCpuShare * 100,
        tetherClientCorePercent: r.joins[TETHER].clientCpuShare * 100,
        // When the servers are not saturated the rate is the load client's; CPU per join compares the servers.
        serverCpuPerJoinTetherVsLiveViewJs: r.joins[TETHER].cpuMicrosPerJoin / r.joins[LIVEVIEWJS].cpuMicrosPerJoin,
      },
    },
  },
  {
    key: "failover_state_kept",
    op: ">=",
    limit: 1,
    definition: "share of the counter sessions whose process was killed (SIGKILL) that show their count again after rejoining another process over Redis",
    compute: (r) => r.pubsub?.failover && {
      value: r.pubsub.failover.kept / r.pubsub.failover.sessions,
      raw: { ...r.pubsub.failover },
    },
  },
  {
    key: "runtime_min_gzip_kb",
    op: "<=",
    limit: 10,
    definition: "dist/tether.min.js (morphdom included) gzipped at level 9, KB (1,000 bytes)",
    compute: (r) => r.bundle && { value: r.bundle.gzipBytes / 1000, raw: { ...r.bundle } },
  },
  {
    key: "dev_edit_small_ms",
    op: "<=",
    limit: 150,
    definition: "tether dev: saving the counter's file → the open tab showing the new code, median over the edits, ms",
    compute: (r) => r.dev?.pages[DEV_SMALL] && { value: r.dev.pages[DEV_SMALL].editMs, raw: { samples: r.dev.pages[DEV_SMALL].editSamples } },
  },
  {
    key: "dev_edit_vs_reload",
    op: "<=",
    limit: 1,
    definition: "tether dev: the largest, over the pages (counter, keyed list, 1,000-row table), of save → DOM ÷ a reload of that page (median each)",
    compute: (r) =>
      r.dev && {
        value: Math.max(...Object.values(r.dev.pages).map((p) => p.editMs / p.reloadMs)),
        raw: Object.fromEntries(Object.entries(r.dev.pages).map(([name, p]) => [name, { editMs: p.editMs, reloadMs: p.reloadMs }])),
      },
  },
  {
    key: "dev_state_kept",
    op: ">=",
    limit: 1,
    definition: "tether dev: share of edits after which the page's state was unchanged (the count, typed text, the table's rows and selection)",
    compute: (r) =>
      r.dev && {
        value: Object.values(r.dev.pages).reduce((kept, p) => kept + p.stateKept, 0) / Object.values(r.dev.pages).reduce((edits, p) => edits + p.edits, 0),
        raw: Object.fromEntries(Object.entries(r.dev.pages).map(([name, p]) => [name, `${p.stateKept} of ${p.edits}`])),
      },
  },
];

export function computeTargets(results: Results): Record<string, TargetResult> {
  const targets: Record<string, TargetResult> = {};
  for (const spec of SPECS) {
    let computed: ReturnType<TargetSpec["compute"]> = null;
    try {
      computed = spec.compute(results);
    } catch {
      computed = null;
    }
    const target = `${spec.op === "<=" ? "≤" : "≥"} ${spec.limit}`;
    if (!computed || !Number.isFinite(computed.value)) {
      targets[spec.key] = { value: null, target, pass: false, definition: spec.definition, raw: { missing: "a figure it needs was not measured (see missing)" } };
      continue;
    }
    const pass = spec.op === "<=" ? computed.value <= spec.limit : computed.value >= spec.limit;
    targets[spec.key] = { value: computed.value, target, pass, definition: spec.definition, raw: computed.raw };
  }
  return targets;
}
