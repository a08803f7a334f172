/**
 * Scenario 2: the operations of `/table` over the protocol, for each framework: bytes on the
 * wire and round trip of each. One sequence (create 1,000 → update every 10th → swap → select
 * → remove one → clear → create 10,000 → clear) is repeated; within a repetition the clients
 * take turns operation by operation, so noise hits them alike. Every answer is checked: the
 * client's idea of the row count must be what the operation leads to.
 *
 * Then the one-row change of a 1,000-row table: selecting another row (the newly selected row
 * gets `class="danger"`, the previously selected one loses it), many times, in blocks that
 * alternate with counter clicks on the same server, so the two round trips are compared
 * within the same minutes.
 */
import type { Action, LiveClient, Sample } from "../clients/connection.js";
import { median } from "../stats.js";
import { collectClientGarbage } from "../processes.js";

export interface OpFigures {
  /** Median round trip, ms. */
  ms: number;
  /** Median answer size as the application reads it, bytes. */
  payload: number;
  /** Median bytes read from TCP for the answer (after compression, with frame headers). */
  wire: number;
  samples: number;
}

export interface TableOpsResult {
  /** By client label, then by operation name. */
  ops: Record<string, Record<string, OpFigures>>;
  /** Operations whose answer left the page in a state other than expected. */
  errors: string[];
  repetitions: number;
}

export interface OneRowResult {
  /** By client label: the select figures and the counter's, measured in alternating blocks. */
  byClient: Record<string, { select: OpFigures; counter: OpFigures; ratio: number }>;
}

export interface Step {
  name: string;
  action: Action;
  rowsAfter: number;
}

export const STEPS: Step[] = [
  { name: "create 1,000", action: { kind: "click", name: "run" }, rowsAfter: 1000 },
  { name: "update every 10th", action: { kind: "click", name: "update" }, rowsAfter: 1000 },
  { name: "swap rows", action: { kind: "click", name: "swaprows" }, rowsAfter: 1000 },
  { name: "select", action: { kind: "select", index: 5 }, rowsAfter: 1000 },
  { name: "remove one", action: { kind: "remove", index: 10 }, rowsAfter: 999 },
  { name: "clear", action: { kind: "click", name: "clear" }, rowsAfter: 0 },
  { name: "create 10,000", action: { kind: "click", name: "runlots" }, rowsAfter: 10_000 },
  { name: "clear 10,000", action: { kind: "click", name: "clear" }, rowsAfter: 0 },
];

export const TABLE_OPS = STEPS.map((step) => step.name);

function figures(samples: Sample[]): OpFigures {
  return {
    ms: median(samples.map((s) => s.ms)),
    payload: median(samples.map((s) => s.payload)),
    wire: median(samples.map((s) => s.wire)),
    samples: samples.length,
  };
}

/**
 * The servers share one core: what one of them still does after it answered (a collection, an
 * unmount left for after the send) would run into the next server's round trip. Each operation
 * starts after this pause, on a core the previous answer's server has finished with, and after
 * the load client's own collection (collectClientGarbage), which then falls in no answer.
 */
const QUIET_MS = 20;

/** Runs the operation sequence `warmUp + repetitions` times on each client (joined to an empty table). */
export async function measureTableOps(clients: LiveClient[], repetitions = 6, warmUp = 2): Promise<TableOpsResult> {
  const samples = new Map<string, Sample[]>();
  const errors: string[] = [];
  for (let rep = 0; rep < warmUp + repetitions; rep++) {
    for (const step of STEPS) {
      for (let i = 0; i < clients.length; i++) {
        const client = clients[(i + rep) % clients.length];
        collectClientGarbage();
        await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
        const sample = await client.act(step.action);
        if (client.rowCount() !== step.rowsAfter) errors.push(`${client.label} ${step.name}: ${client.rowCount()} rows, expected ${step.rowsAfter}`);
        if (rep < warmUp) continue;
        const key = `${client.label}\u0000${step.name}`;
        if (!samples.has(key)) samples.set(key, []);
        samples.get(key)!.push(sample);
      }
    }
  }
  const ops: TableOpsResult["ops"] = {};
  for (const client of clients) {
    ops[client.label] = {};
    for (const step of STEPS) ops[client.label][step.name] = figures(samples.get(`${client.label}\u0000${step.name}`) ?? []);
  }
  return { ops, errors, repetitions };
}

/**
 * For each pair (a table client on a 1,000-row table, a counter client on the same server):
 * `blocks` rounds of `perBlock` selects, alternating rows 5 and 6, then `perBlock` counter clicks.
 */
export async function measureOneRowChange(pairs: Array<{ table: LiveClient; counter: LiveClient }>, blocks = 8, perBlock = 60): Promise<OneRowResult> {
  const byClient: OneRowResult["byClient"] = {};
  for (const { table, counter } of pairs) {
    if (table.rowCount() !== 1000) await table.act({ kind: "click", name: "run" });
    // A few selects first: their code paths are not warm yet (the counter's are).
    for (let i = 0; i < 100; i++) await table.act({ kind: "select", index: 5 + (i % 2) });
  }
  const select = new Map<LiveClient, Sample[]>(pairs.map((p) => [p.table, []]));
  const count = new Map<LiveClient, Sample[]>(pairs.map((p) => [p.counter, []]));
  for (let block = 0; block < blocks; block++) {
    for (const { table, counter } of pairs) {
      for (let i = 0; i < perBlock; i++) select.get(table)!.push(await table.act({ kind: "select", index: 5 + (i % 2) }));
      for (let i = 0; i < perBlock; i++) count.get(counter)!.push(await counter.act({ kind: "click", name: "inc" }));
    }
  }
  for (const { table, counter } of pairs) {
    const s = figures(select.get(table)!);
    const c = figures(count.get(counter)!);
    byClient[table.label] = { select: s, counter: c, ratio: s.ms / c.ms };
  }
  return { byClient };
}
