/**
 * Tether's server CPU per join, two checkouts side by side (not part of `npm run bench`): the
 * bench server of checkout A and of checkout B, each in its own process on the server core,
 * measured by the bench's joins scenario with today's load client, their 1 s windows
 * alternating, so that what the machine does meanwhile falls on both alike. What the ratio
 * says is steady to a few percent where the absolute figures move by half between minutes.
 *   node --import tsx bench/probe/joins-ab.ts <checkout A> <checkout B> [windows, default 4]
 * A checkout is a directory holding the repository at some commit (`git worktree add`), with
 * node_modules (a link to this one's will do). B ÷ A above 1: B's join costs more.
 */
import { pinClient, type ServerProcess } from "../processes.js";
import { openTab } from "../clients/tether.js";
import { measureJoins } from "../scenarios/joins.js";

const [a, b] = process.argv.slice(2, 4);
if (a === undefined || b === undefined) throw new Error("usage: bench/probe/joins-ab.ts <checkout A> <checkout B> [windows]");
const windows = Number(process.argv[4] ?? 4);

// Each checkout's own process code starts its server (how it starts them may differ), loaded
// before this process is pinned: a checkout whose processes.ts reads `nproc` without --all
// would see one core and start its server unpinned, on the load client's core.
type Processes = { ServerProcess: typeof ServerProcess };
const [pa, pb] = [(await import(`${a}/bench/processes.ts`)) as Processes, (await import(`${b}/bench/processes.ts`)) as Processes];
pinClient();
const servers = [await pa.ServerProcess.start("A", "tether.ts"), await pb.ServerProcess.start("B", "tether.ts")];
try {
  const [sa, sb] = servers;
  const r = await measureJoins([
    { label: "A", server: sa!, once: () => openTab(sa!.url, "/counter") },
    { label: "B", server: sb!, once: () => openTab(sb!.url, "/counter") },
  ], windows);
  const line = (label: "A" | "B") => `${label} ${r[label]!.cpuMicrosPerJoin.toFixed(0)} µs a join (${Math.round(r[label]!.joinsPerSecond)}/s)`;
  console.log(`${line("A")}, ${line("B")}; B ÷ A ${(r.B!.cpuMicrosPerJoin / r.A!.cpuMicrosPerJoin).toFixed(2)}`);
} finally {
  for (const server of servers) await server.stop();
}
