/**
 * A quicker look at the joins target while working on it (not part of `npm run bench`): joins
 * per second and server CPU per join for Tether, LiveViewJS and bare ws connects, side by side
 * in one run with the bench's own scenario (bench/scenarios/joins.ts), on fresh servers.
 *   node --import tsx bench/probe/joins.ts [windows]
 */
import { pinClient, ServerProcess } from "../processes.js";
import { openTab as openTetherTab, TetherClient } from "../clients/tether.js";
import { openTab as openLiveViewJsTab } from "../clients/liveviewjs.js";
import { RawSocket } from "../clients/raw-ws.js";
import { measureJoins } from "../scenarios/joins.js";
import { measureTableOps } from "../scenarios/table-ops.js";

pinClient();
const windows = Number(process.argv[2] ?? 3);
// "table": a 10,000-row table session is opened and left (as the bench's protocol phase leaves one).
const withTable = process.argv.includes("table");
// "ops": the bench's /table operations run first on Tether (create 1,000 and 10,000 rows, ...), then the table is left.
const withOps = process.argv.includes("ops");
const [t, l, e] = await Promise.all([ServerProcess.start("tether", "tether.ts"), ServerProcess.start("liveviewjs", "liveviewjs.ts"), ServerProcess.start("echo", "ws-echo.ts")]);
try {
  if (withOps) {
    const client = await TetherClient.connect(t.url);
    await client.join("/table");
    await measureTableOps([client]);
    client.close();
    if (process.argv.includes("gc")) console.log("after ops, collected:", await t.collect());
  }
  if (withTable) {
    const client = await TetherClient.connect(t.url);
    await client.join("/table-sized?rows=10000");
    client.close();
  }
  const r = await measureJoins([
    { label: "tether", server: t, once: () => openTetherTab(t.url, "/counter") },
    { label: "liveviewjs", server: l, once: () => openLiveViewJsTab(l.url, "/counter") },
    { label: "bare ws", server: e, once: async () => (await RawSocket.open(e.url.replace(/^http/, "ws"))).close() },
  ], windows);
  for (const [label, x] of Object.entries(r)) console.log(`${label.padEnd(11)} ${Math.round(x.joinsPerSecond).toString().padStart(6)}/s ${x.cpuMicrosPerJoin.toFixed(0).padStart(6)} µs/join, core ${(100 * x.serverCpuShare).toFixed(0)}%, load client ${(100 * x.clientCpuShare).toFixed(0)}%`);
  console.log(`joins per second, tether ÷ liveviewjs: ${(r.tether.joinsPerSecond / r.liveviewjs.joinsPerSecond).toFixed(2)} (target ≥ 3); cpu per join, liveviewjs ÷ tether: ${(r.liveviewjs.cpuMicrosPerJoin / r.tether.cpuMicrosPerJoin).toFixed(2)}`);
} finally {
  await Promise.all([t.stop(), l.stop(), e.stop()]);
}
