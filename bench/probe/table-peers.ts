/**
 * The /table operations as `npm run bench` measures them (not part of it): Tether, LiveViewJS
 * and the whole-HTML baseline each in its own process, the bench's sequence and clients, and
 * table_ops_rtt_vs_best_peer's ratio for each operation.
 *   node --import tsx bench/probe/table-peers.ts [repetitions, default 6]
 */
import { pinClient, ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";
import { joinFromPage } from "../clients/liveviewjs.js";
import { HtmlClient } from "../clients/html.js";
import { measureTableOps } from "../scenarios/table-ops.js";

pinClient();
const repetitions = Number(process.argv[2] ?? 6);
const servers = await Promise.all([ServerProcess.start("tether", "tether.ts"), ServerProcess.start("liveviewjs", "liveviewjs.ts"), ServerProcess.start("html", "html.ts")]);
try {
  const [t, l, h] = servers;
  const tether = await TetherClient.connect(t.url);
  await tether.join("/table");
  const liveviewjs = (await joinFromPage(l.url, "/table")).client;
  const html = await HtmlClient.connect(h.url);
  await html.join("/table");
  const result = await measureTableOps([tether, liveviewjs, html], repetitions);
  const ops = result.ops;
  console.log("operation            Tether  LiveViewJS  whole HTML   ratio");
  let worst = 0;
  for (const name of Object.keys(ops[tether.label]!)) {
    const [a, b, c] = [ops[tether.label]![name]!.ms, ops[liveviewjs.label]![name]!.ms, ops[html.label]![name]!.ms];
    const ratio = a / Math.min(b, c);
    worst = Math.max(worst, ratio);
    console.log(`${name.padEnd(18)} ${a.toFixed(2).padStart(8)} ${b.toFixed(2).padStart(11)} ${c.toFixed(2).padStart(11)} ${ratio.toFixed(2).padStart(7)}`);
  }
  console.log(`table_ops_rtt_vs_best_peer: ${worst.toFixed(2)}`);
  if (result.errors.length > 0) console.log(result.errors);
  for (const client of [tether, liveviewjs, html]) client.close();
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
