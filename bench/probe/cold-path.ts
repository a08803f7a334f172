/**
 * Where a cold round trip goes (not part of `npm run bench`): the table-operations scenario's
 * pause before each operation (a full collection of this process, then 20 ms), then create
 * 1,000, clear and a counter click, on Tether and on the whole-HTML server in turn. Beside each
 * round trip, the server's own part of it: from its read of the event to the end of its write
 * of the answer (cold-path-hook.mjs, preloaded), so that what the servers do can be told from
 * what the kernel, the loopback and the load client do, which is the same for both.
 *   node --import tsx bench/probe/cold-path.ts [repetitions, default 40] [warm]
 * `warm`: 3 s of back-to-back counter clicks on each server first, so that the event path is
 * optimized as it is when the bench reaches its table operations.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { collectClientGarbage, pinClient, ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";
import { HtmlClient } from "../clients/html.js";
import type { Action, LiveClient } from "../clients/connection.js";
import { median } from "../stats.js";

pinClient();
const repetitions = Number(process.argv[2] ?? 40);
const warm = process.argv.includes("warm");
const dir = mkdtempSync(join(tmpdir(), "cold-path-"));
process.env.COLD_PATH_DIR = dir;
process.env.BENCH_NODE_FLAGS = `${process.env.BENCH_NODE_FLAGS ?? ""} --import ./bench/probe/cold-path-hook.mjs`;

const servers = await Promise.all([ServerProcess.start("tether", "tether.ts"), ServerProcess.start("html", "html.ts")]);
const localPort = (client: LiveClient) => (client as unknown as { tcp: { localPort: number } }).tcp.localPort;
const ops: Array<{ name: string; action: Action; table: boolean }> = [
  { name: "create 1,000", action: { kind: "click", name: "run" }, table: true },
  { name: "clear", action: { kind: "click", name: "clear" }, table: true },
  { name: "counter click", action: { kind: "click", name: "inc" }, table: false },
];
const rtt = new Map<string, number[]>();
try {
  const [t, h] = servers;
  const tether = { table: await TetherClient.connect(t.url), counter: await TetherClient.connect(t.url) };
  const html = { table: await HtmlClient.connect(h.url), counter: await HtmlClient.connect(h.url) };
  await Promise.all([tether.table.join("/table"), tether.counter.join("/counter"), html.table.join("/table"), html.counter.join("/counter")]);
  if (warm) for (const c of [tether.counter, html.counter]) await c.pump(performance.now() + 3000);
  const pairs = [{ label: "Tether", clients: tether }, { label: "whole HTML", clients: html }];
  for (let rep = -3; rep < repetitions; rep++) {
    for (const op of ops) {
      for (let i = 0; i < 2; i++) {
        const { label, clients } = pairs[(i + rep + 3) % 2]!;
        const client = op.table ? clients.table : clients.counter;
        collectClientGarbage();
        await new Promise((resolve) => setTimeout(resolve, 20));
        const sample = await client.act(op.action);
        if (rep < 0) continue;
        const key = `${label}\u0000${op.name}`;
        (rtt.get(key) ?? rtt.set(key, []).get(key)!).push(sample.ms);
      }
    }
  }
  const ports = new Map<LiveClient, number>([tether.table, tether.counter, html.table, html.counter].map((c) => [c, localPort(c)]));
  // The servers write their logs as they exit; stop() again in `finally` does nothing.
  await Promise.all(servers.map((s) => s.stop()));
  // A socket's reads in order: its last ones are the measured operations (the table's alternate
  // create and clear). The socket closes as its server stops, without a read.
  const serverMicros = (server: ServerProcess, clients: { table: LiveClient; counter: LiveClient }, op: (typeof ops)[number]) => {
    const lines = readFileSync(join(dir, `${server.pid}.txt`), "utf8").trim().split("\n").map((line) => line.split(" ").map(Number) as [number, number]);
    const port = ports.get(op.table ? clients.table : clients.counter);
    const measured = lines.filter(([p]) => p === port).map(([, us]) => us).slice(-(op.table ? 2 : 1) * repetitions);
    return op.table ? measured.filter((_, k) => k % 2 === (op.name === "clear" ? 1 : 0)) : measured;
  };
  console.log("operation        server      round trip ms   server's part µs");
  for (const op of ops) {
    for (const [server, { label, clients }] of [[t, pairs[0]!], [h, pairs[1]!]] as const) {
      const ms = median(rtt.get(`${label}\u0000${op.name}`)!);
      console.log(`${op.name.padEnd(16)} ${label.padEnd(11)} ${ms.toFixed(3).padStart(12)} ${median(serverMicros(server, clients, op)).toFixed(0).padStart(16)}`);
    }
  }
  for (const c of ports.keys()) c.close();
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}
