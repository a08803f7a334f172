/**
 * What a tab's session keeps on the server's heap, by kind of object (not part of `npm run
 * bench`): the bench's Tether server, `warm` tabs opened as a tab opens them (the page GET, the
 * socket, the join) and clicked once, a heap snapshot; then `tabs` more the same way, another
 * snapshot (V8 collects before each). The objects in the second that the first did not have,
 * divided by `tabs`: bytes and count a tab, grouped by V8's name for them (a class, `Object`,
 * `system / PropertyArray`, a native of Node's), then plain objects, arrays and property arrays
 * again by their property names and what holds them. Sizes are the snapshot's (Node's natives
 * as Node reports them), so the sum is near, not equal to, heapUsed's growth.
 *   node --import tsx bench/probe/session-heap.ts [tabs, default 1000] [warm, default 200]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";
import type { LiveClient } from "../clients/connection.js";

const tabs = Number(process.argv[2] ?? 1000);
const warm = Number(process.argv[3] ?? 200);
const dir = mkdtempSync(join(tmpdir(), "session-heap-"));
process.env.BENCH_NODE_FLAGS = `${process.env.BENCH_NODE_FLAGS ?? ""} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}`;

const server = await ServerProcess.start("tether", "tether.ts");
const held: LiveClient[] = [];
try {
  await open(warm);
  const before = await snapshot();
  await open(tabs);
  const after = await snapshot();
  report(readSnapshot(before), readSnapshot(after));
} finally {
  for (const client of held) client.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** Opens `n` tabs, ten at a time, each clicked once. */
async function open(n: number): Promise<void> {
  let left = n;
  const opened: LiveClient[] = [];
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (left-- > 0) {
        const client = await TetherClient.connect(server.url);
        await client.join("/counter");
        opened.push(client);
      }
    }),
  );
  for (const client of opened) await client.act({ kind: "click", name: "inc" });
  held.push(...opened);
}

/** Has the server write a heap snapshot (after its own full collections) and returns its path. */
async function snapshot(): Promise<string> {
  const count = readdirSync(dir).length;
  await server.collect();
  server.child.kill("SIGUSR2");
  for (;;) {
    await sleep(200);
    const files = readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot")).sort();
    if (files.length > count) {
      const file = join(dir, files[files.length - 1]!);
      // Written when its size stops growing.
      let size = -1;
      for (let now = readFileSync(file).length; now !== size; now = readFileSync(file).length) {
        size = now;
        await sleep(300);
      }
      return file;
    }
  }
}

interface Snapshot {
  ids: Int32Array;
  names: string[];
  types: string[];
  sizes: Int32Array;
  /** Per node: its first edge's index in `edges`, and one past its last (firstEdge[i + 1]). */
  firstEdge: Int32Array;
  edgeTypes: string[];
  edgeNames: string[];
  edgeTo: Int32Array;
}

function readSnapshot(file: string): Snapshot {
  const raw = JSON.parse(readFileSync(file, "utf8")) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
    nodes: number[];
    edges: number[];
    strings: string[];
  };
  const meta = raw.snapshot.meta;
  const N = meta.node_fields.length;
  const E = meta.edge_fields.length;
  const at = (field: string) => meta.node_fields.indexOf(field);
  const [type, name, id, size, edgeCount] = [at("type"), at("name"), at("id"), at("self_size"), at("edge_count")];
  const count = raw.nodes.length / N;
  const s: Snapshot = {
    ids: new Int32Array(count),
    names: new Array(count),
    types: new Array(count),
    sizes: new Int32Array(count),
    firstEdge: new Int32Array(count + 1),
    edgeTypes: [],
    edgeNames: [],
    edgeTo: new Int32Array(raw.edges.length / E),
  };
  let edge = 0;
  for (let i = 0; i < count; i++) {
    const o = i * N;
    s.ids[i] = raw.nodes[o + id]!;
    s.types[i] = meta.node_types[0][raw.nodes[o + type]!]!;
    s.names[i] = raw.strings[raw.nodes[o + name]!]!;
    s.sizes[i] = raw.nodes[o + size]!;
    s.firstEdge[i] = edge;
    edge += raw.nodes[o + edgeCount]!;
  }
  s.firstEdge[count] = edge;
  const [edgeType, edgeName, edgeTo] = [meta.edge_fields.indexOf("type"), meta.edge_fields.indexOf("name_or_index"), meta.edge_fields.indexOf("to_node")];
  for (let e = 0; e < edge; e++) {
    const t = meta.edge_types[0][raw.edges[e * E + edgeType]!]!;
    const n = raw.edges[e * E + edgeName]!;
    s.edgeTypes.push(t);
    s.edgeNames.push(t === "element" || t === "hidden" ? `[${n}]` : raw.strings[n]!);
    s.edgeTo[e] = raw.edges[e * E + edgeTo]! / N;
  }
  return s;
}

function report(before: Snapshot, after: Snapshot): void {
  const old = new Set(before.ids);
  const count = after.ids.length;
  // One holder for each object (the first strong reference found), to say what keeps it.
  const holder = new Int32Array(count).fill(-1);
  const holdingEdge: string[] = new Array(count);
  for (let i = 0; i < count; i++) {
    for (let e = after.firstEdge[i]!; e < after.firstEdge[i + 1]!; e++) {
      if (after.edgeTypes[e] === "weak") continue;
      const to = after.edgeTo[e]!;
      if (holder[to] === -1) {
        holder[to] = i;
        holdingEdge[to] = after.edgeNames[e]!;
      }
    }
  }
  const byName = new Map<string, [number, number]>();
  const byShape = new Map<string, [number, number]>();
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (old.has(after.ids[i]!)) continue;
    const size = after.sizes[i]!;
    total += size;
    const type = after.types[i]!;
    const name = type === "string" || type === "concatenated string" || type === "sliced string" ? type : `${type} ${after.names[i]!.slice(0, 60)}`;
    add(byName, name, size);
    if (after.names[i] === "Object" || after.names[i] === "Array" || after.names[i] === "system / PropertyArray" || after.names[i] === "(object elements)") {
      const h = holder[i]!;
      const held = h === -1 ? "?" : `${after.names[h] === "Object" ? `Object {${propertiesOf(after, h)}}` : after.names[h]}.${holdingEdge[i]}`;
      add(byShape, `${after.names[i] === "Object" ? `Object {${propertiesOf(after, i)}}` : after.names[i]} held by ${held}`, size);
    }
  }
  const line = (label: string, [bytes, n]: [number, number]) => `${(bytes / tabs).toFixed(1).padStart(8)} B ${(n / tabs).toFixed(2).padStart(6)}  ${label}`;
  console.log(`${tabs} tabs after ${warm}: ${(total / tabs / 1000).toFixed(2)} KB of new objects a tab (bytes and count a tab)`);
  for (const [label, figures] of [...byName].sort((a, b) => b[1][0] - a[1][0]).slice(0, 40)) console.log(line(label, figures));
  console.log("\nplain objects, arrays and property arrays, by properties and holder:");
  for (const [label, figures] of [...byShape].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30)) console.log(line(label.slice(0, 160), figures));
}

function add(map: Map<string, [number, number]>, key: string, size: number): void {
  const entry = map.get(key);
  if (entry === undefined) map.set(key, [size, 1]);
  else {
    entry[0] += size;
    entry[1]++;
  }
}

function propertiesOf(s: Snapshot, i: number): string {
  const names: string[] = [];
  for (let e = s.firstEdge[i]!; e < s.firstEdge[i + 1]!; e++) if (s.edgeTypes[e] === "property" && s.edgeNames[e] !== "__proto__") names.push(s.edgeNames[e]!);
  return names.join(",");
}
