/**
 * The server's side of the /table operations without sockets (not part of `npm run bench`): the
 * Table example in a LiveTree, each operation's handler, flush, Patch text and settle (the
 * unmounting a session does once the patch is sent) timed apart.
 *   node --conditions tether-source --import tsx bench/probe/table-server.ts [repetitions]
 */
import { LiveTree } from "../../src/diff/index.js";
import { encodePatch } from "../../src/protocol/encode.js";
import { h } from "../../src/template/h.js";
import { Table } from "../../examples/table.js";
import { median } from "../stats.js";

const repetitions = Number(process.argv[2] ?? 20);
let table: Table | null = null;
class Probe extends Table {
  mount() {
    table = this;
  }
}
const tree = new LiveTree();
tree.shapes = true; // as for a page that shows a LiveList (the tether-lists script loaded)
tree.paint(h(Probe, {}));
tree.encode();
const t = table as unknown as Record<string, () => void>;
const steps: Array<[string, () => void]> = [
  ["create 1,000", () => t.run.call(table)],
  ["update every 10th", () => t.update.call(table)],
  ["clear", () => t.clear.call(table)],
  ["create 10,000", () => t.runLots.call(table)],
  ["clear 10,000", () => t.clear.call(table)],
];
const times = new Map<string, number[][]>();
for (let r = 0; r < repetitions; r++) {
  for (const [name, act] of steps) {
    const t0 = performance.now();
    act();
    const t1 = performance.now();
    const ops = tree.flush(false);
    const t2 = performance.now();
    const text = encodePatch(r + 1, ops, r);
    const t3 = performance.now();
    tree.settle(); // as a session does once the patch is sent
    const t4 = performance.now();
    if (r >= 3) (times.get(name) ?? times.set(name, []).get(name)!).push([t1 - t0, t2 - t1, t3 - t2, t4 - t3, text.length]);
  }
}
console.log("operation            handler    flush   encode   settle     bytes");
for (const [name, rows] of times) {
  const col = (i: number) => median(rows.map((row) => row[i]));
  console.log(`${name.padEnd(18)} ${col(0).toFixed(3).padStart(9)} ${col(1).toFixed(3).padStart(8)} ${col(2).toFixed(3).padStart(8)} ${col(3).toFixed(3).padStart(8)} ${String(col(4)).padStart(9)}`);
}
