/**
 * Scenario 3: what a one-row update costs the server as the table grows from 100 to 100,000
 * rows. Method: the server's own CPU time (user + system, read over the control channel
 * before and after) across a run of updates, divided by their number; the run is split into 5
 * windows and the median window's figure is the cell's. The load client sends
 * one update at a time and nothing else talks to that server meanwhile, so the difference
 * is the updates' cost: receiving the event, the handler, render and diff, encoding and
 * sending the answer. The raw `ws` echo server's CPU per message, measured the same way, is
 * the part of that any server pays for the socket alone; it is reported beside it.
 *
 * The update is a select (two rows' class changes); each size is a fresh session of a table
 * that starts with that many rows. Runs are bounded in count and in time per size.
 */
import { performance } from "node:perf_hooks";
import type { LiveClient, Sample } from "../clients/connection.js";
import type { ServerProcess } from "../processes.js";
import { median } from "../stats.js";

export const SIZES = [100, 1000, 10_000, 100_000];

export interface ScalingTarget {
  label: string;
  server: ServerProcess;
  /** Opens a client on a table of `rows` rows; resolves with it and its join's sample. */
  open(rows: number): Promise<{ client: LiveClient; join: Sample }>;
}

export interface ScalingCell {
  rows: number;
  /** Server CPU time per update, µs. */
  cpuMicros: number;
  /** Median round trip, ms. */
  ms: number;
  /** Median answer size, bytes. */
  payload: number;
  updates: number;
  /** The join: its round trip (ms) and the Mount's size (bytes). */
  joinMs: number;
  joinPayload: number;
}

export interface ScalingResult {
  byTarget: Record<string, ScalingCell[]>;
  /** Cells that could not be measured, and why. */
  errors: string[];
  /** The echo server's CPU time per message, µs: the socket's share of any update. */
  echoFloorMicros: number;
}

/** Most updates per size, and the wall-clock budget of a size's measured run (at least 3 updates are made). */
const MAX_UPDATES: Record<number, number> = { 100: 400, 1000: 400, 10_000: 150, 100_000: 40 };
const BUDGET_MS = 3000;
const WINDOWS = 5;

async function cell(target: ScalingTarget, rows: number): Promise<ScalingCell> {
  const { client, join } = await target.open(rows);
  try {
    if (client.rowCount() !== rows) throw new Error(`${target.label}: joined a table of ${client.rowCount()} rows, expected ${rows}`);
    const warm = performance.now() + BUDGET_MS / 2;
    for (let i = 0; i < Math.min(100, MAX_UPDATES[rows]) && (i < 3 || performance.now() < warm); i++) await client.act({ kind: "select", index: 5 + (i % 2) });
    // The measured updates go in WINDOWS windows, each read on its own; the figure is the median
    // window's CPU per update, so a burst of other work on this shared machine spoils one window,
    // not the cell.
    const ms: number[] = [];
    const payload: number[] = [];
    const perWindow: number[] = [];
    const end = performance.now() + BUDGET_MS;
    const perWindowUpdates = Math.max(1, Math.floor(MAX_UPDATES[rows] / WINDOWS));
    for (let w = 0; w < WINDOWS && (w < 1 || performance.now() < end); w++) {
      const before = await target.server.usage();
      let updates = 0;
      for (; updates < perWindowUpdates && (updates < 3 || performance.now() < end); updates++) {
        const sample = await client.act({ kind: "select", index: 5 + (ms.length % 2) });
        ms.push(sample.ms);
        payload.push(sample.payload);
      }
      const after = await target.server.usage();
      perWindow.push((after.cpuMicros - before.cpuMicros) / updates);
    }
    return {
      rows,
      cpuMicros: median(perWindow),
      ms: median(ms),
      payload: median(payload),
      updates: ms.length,
      joinMs: join.ms,
      joinPayload: join.payload,
    };
  } finally {
    client.close();
  }
}

/** Sizes in ascending order, the targets taking turns at each size. */
export async function measureScaling(targets: ScalingTarget[], echo: { server: ServerProcess; client: LiveClient }): Promise<ScalingResult> {
  const byTarget: ScalingResult["byTarget"] = {};
  const errors: string[] = [];
  for (const target of targets) byTarget[target.label] = [];
  for (const rows of SIZES) {
    for (const target of targets) {
      try {
        byTarget[target.label].push(await cell(target, rows));
      } catch (error) {
        errors.push(`${target.label} at ${rows.toLocaleString("en-US")} rows: ${error instanceof Error ? error.message : error}`);
      }
    }
  }
  for (let i = 0; i < 2000; i++) await echo.client.act({ kind: "click", name: "inc" });
  const echoWindows: number[] = [];
  for (let w = 0; w < WINDOWS; w++) {
    const before = await echo.server.usage();
    const n = 600;
    for (let i = 0; i < n; i++) await echo.client.act({ kind: "click", name: "inc" });
    const after = await echo.server.usage();
    echoWindows.push((after.cpuMicros - before.cpuMicros) / n);
  }
  return { byTarget, errors, echoFloorMicros: median(echoWindows) };
}
