/**
 * Scenario 6: resident memory per session as a deployment lives. On a fresh server process
 * (the baseline is that process, collected, before any session: what the first sessions make
 * V8 commit counts, as it does for an operator), tabs are opened as a browser opens them (page
 * GET, a WebSocket offering permessage-deflate as Chromium does, the join) up to 1,000, measured
 * idle and again after one click each; then up to 10,000, measured the same way. Each figure is
 * (process after − fresh process) ÷ sessions: RSS, V8's committed heap (heapTotal), the heap in
 * use (heapUsed), external memory, and the young generation's committed size, which V8 grows
 * from 8 to 32 MB as surviving objects pass through it and which a heavier startup has already
 * grown (see bench/method.md).
 */
import type { LiveClient } from "../clients/connection.js";
import type { ServerProcess } from "../processes.js";
import type { Usage } from "../servers/control.js";

export interface ResidentFigures {
  /** Per session, KB (1 KB = 1,000 bytes), from the fresh process. */
  rssKb: number;
  heapTotalKb: number;
  heapUsedKb: number;
  externalKb: number;
  /** The process's resident set with these sessions, MB. */
  processRssMb: number;
  /** V8's young generation, committed, MB: in the fresh process and now. */
  newSpaceMb: [number, number];
}

export interface ResidentResult {
  /** By session count (1,000 and 10,000): idle, then after one event each. */
  counts: Record<number, { idle: ResidentFigures; oneEvent: ResidentFigures }>;
}

const CONCURRENCY = 10;

async function openMany(count: number, open: () => Promise<LiveClient>, into: LiveClient[]): Promise<void> {
  let left = count;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (left-- > 0) into.push(await open());
    }),
  );
}

function figures(fresh: Usage, now: Usage, sessions: number): ResidentFigures {
  const per = (field: "rss" | "heapTotal" | "heapUsed" | "external") => (now[field] - fresh[field]) / sessions / 1000;
  const young = (u: Usage) => (u.spaces.new_space?.size ?? 0) / 1e6;
  return {
    rssKb: per("rss"),
    heapTotalKb: per("heapTotal"),
    heapUsedKb: per("heapUsed"),
    externalKb: per("external"),
    processRssMb: now.rss / 1e6,
    newSpaceMb: [young(fresh), young(now)],
  };
}

/** `open` opens one tab the way a browser does; `act` makes its one event and waits for the answer. */
export async function measureResident(server: ServerProcess, open: () => Promise<LiveClient>, counts = [1000, 10_000]): Promise<ResidentResult> {
  const held: LiveClient[] = [];
  const result: ResidentResult = { counts: {} };
  try {
    const fresh = await server.collect();
    let clicked = 0;
    for (const count of counts) {
      await openMany(count - held.length, open, held);
      const idle = await server.collect();
      if (idle.sessions - fresh.sessions !== count) throw new Error(`${server.name} holds ${idle.sessions - fresh.sessions} sessions, expected ${count}`);
      // The sessions opened since the last count make their one event (the earlier ones made theirs).
      for (; clicked < held.length; clicked++) await held[clicked]!.act({ kind: "click", name: "inc" });
      const oneEvent = await server.collect();
      result.counts[count] = { idle: figures(fresh, idle, count), oneEvent: figures(fresh, oneEvent, count) };
    }
    return result;
  } finally {
    for (const client of held) client.close();
  }
}
