/**
 * The /table operations against the bench's Tether server in its own process (not part of
 * `npm run bench`): the bench's sequence and client, Tether alone, medians per operation. The
 * in-process probe (table-ops.ts) cannot show this: there the client waits behind the server's
 * work after the send (settle), which a separate client does not.
 *   node --import tsx bench/probe/table-process.ts [repetitions]
 */
import { pinClient, ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";
import { measureTableOps } from "../scenarios/table-ops.js";

pinClient();
const repetitions = Number(process.argv[2] ?? 10);
const server = await ServerProcess.start("tether", "tether.ts");
try {
  const client = await TetherClient.connect(server.url);
  await client.join("/table");
  const result = await measureTableOps([client], repetitions, 2);
  for (const [name, f] of Object.entries(result.ops[client.label]!)) console.log(`${name.padEnd(18)} ${f.ms.toFixed(2).padStart(8)} ms ${String(f.payload).padStart(9)} B`);
  if (result.errors.length > 0) console.log(result.errors);
  client.close();
} finally {
  await server.stop();
}
