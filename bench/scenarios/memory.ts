/**
 * Scenario 5: server memory per idle session. On a fresh server process, `warm` sessions are
 * opened first (so that code compiled on first use and lazily built caches are not counted),
 * then the server collects garbage and reports its heap and RSS; 1,000 more sessions are
 * opened (each joined and then left idle), the server collects again, and the difference is
 * divided by 1,000. Every session stays open until both figures are taken.
 *
 * Why 3,000 warm sessions: V8 keeps optimizing a server's join path long after its first
 * hundred joins. Heap snapshots of Tether's server showed ~340 KB of optimized code and its
 * deoptimization data made during 1,000 sessions opened after 100 (0.34 KB "per session"),
 * ~195 KB after 1,000, and none after 3,000: only then is the difference the sessions'.
 */
import type { Usage } from "../servers/control.js";
import type { ServerProcess } from "../processes.js";

export interface MemoryResult {
  sessions: number;
  /** JS heap after GC per session, KB (1 KB = 1,000 bytes). */
  heapPerSessionKb: number;
  /** Resident set size per session, KB. */
  rssPerSessionKb: number;
  /** Memory outside the JS heap that V8 tracks (Buffers), per session, KB. */
  externalPerSessionKb: number;
  before: Usage;
  after: Usage;
}

const CONCURRENCY = 10;

async function openMany(count: number, open: () => Promise<{ close(): void }>, into: Array<{ close(): void }>): Promise<void> {
  let left = count;
  const worker = async () => {
    while (left > 0) {
      left--;
      into.push(await open());
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

export async function measureMemory(server: ServerProcess, open: () => Promise<{ close(): void }>, sessions = 1000, warm = 3000): Promise<MemoryResult> {
  const held: Array<{ close(): void }> = [];
  try {
    await openMany(warm, open, held);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = await server.collect();
    await openMany(sessions, open, held);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = await server.collect();
    if (after.sessions - before.sessions !== sessions) {
      throw new Error(`${server.name} holds ${after.sessions - before.sessions} more sessions, expected ${sessions}`);
    }
    const per = (field: "heapUsed" | "rss" | "external") => (after[field] - before[field]) / sessions / 1000;
    return { sessions, heapPerSessionKb: per("heapUsed"), rssPerSessionKb: per("rss"), externalPerSessionKb: per("external"), before, after };
  } finally {
    for (const session of held) session.close();
  }
}
