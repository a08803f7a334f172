/**
 * The heap a table session keeps (not part of `npm run bench`): a server's JS heap after GC
 * before and after one session of `/table-sized?rows=N` joins, per row.
 *   node --import tsx bench/probe/table-heap.ts [rows]
 */
import { pinClient, ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";

pinClient();
const rows = Number(process.argv[2] ?? 10_000);
const server = await ServerProcess.start("tether", "tether.ts");
try {
  const warm = await TetherClient.connect(server.url);
  await warm.join("/table-sized?rows=100");
  const before = await server.collect();
  const client = await TetherClient.connect(server.url);
  await client.join(`/table-sized?rows=${rows}`);
  const after = await server.collect();
  console.log(`${rows} rows: ${((after.heapUsed - before.heapUsed) / 1e6).toFixed(2)} MB of heap, ${((after.heapUsed - before.heapUsed) / rows).toFixed(0)} bytes per row`);
  client.close();
  warm.close();
} finally {
  await server.stop();
}
