/**
 * A probe for the /table operations (not part of `npm run bench`): the server and one lean
 * client in this process, each operation repeated, medians printed. Run under --cpu-prof to see
 * where an operation's time goes on the server (the client's share is in the same profile under
 * bench/clients/).
 *   node --conditions tether-source --import tsx [--cpu-prof] bench/probe/table-ops.ts [repetitions] [op...]
 * (tether-source makes the examples' "tether-live" these sources, the server's own: without it,
 * the table's vnodes come from dist/ and the server's diff refuses them as not its own)
 */
import { serve } from "../../src/index.js";
import { Table } from "../../examples/table.js";
import { TetherClient } from "../clients/tether.js";
import type { Action } from "../clients/connection.js";
import { median } from "../stats.js";

const STEPS: Array<[string, Action]> = [
  ["create 1,000", { kind: "click", name: "run" }],
  ["update every 10th", { kind: "click", name: "update" }],
  ["swap rows", { kind: "click", name: "swaprows" }],
  ["select", { kind: "select", index: 5 }],
  ["remove one", { kind: "remove", index: 10 }],
  ["clear", { kind: "click", name: "clear" }],
  ["create 10,000", { kind: "click", name: "runlots" }],
  ["clear 10,000", { kind: "click", name: "clear" }],
];

const repetitions = Number(process.argv[2] ?? 10);
const only = process.argv.slice(3);
const running = await serve({
  routes: { "/table": { component: Table } },
  port: 0,
  host: "127.0.0.1",
  dev: false,
  rateLimit: { burst: 1e9, perSecond: 1e9 },
  quiet: true,
});
const client = await TetherClient.connect(running.url);
await client.join("/table");
const times = new Map<string, number[]>();
const bytes = new Map<string, number>();
for (let r = 0; r < repetitions; r++) {
  for (const [name, action] of STEPS) {
    const sample = await client.act(action);
    if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
    if (r >= 2) (times.get(name) ?? times.set(name, []).get(name)!).push(sample.ms);
    bytes.set(name, sample.payload);
  }
}
for (const [name, ms] of times) console.log(`${name.padEnd(18)} ${median(ms).toFixed(2).padStart(8)} ms ${String(bytes.get(name)).padStart(10)} B`);
client.close();
await running.close();
