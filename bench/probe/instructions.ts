/**
 * The instructions a join or a counter event costs Tether's server, counted by valgrind's
 * callgrind (not part of `npm run bench`): the same code gives the same count within 0.5%
 * whatever else the machine does, where its time per join moves by half between minutes. So an
 * A/B of two checkouts says which costs more and where, even on a loaded machine. What it cannot
 * see: the kernel's part (a fifth of a join's CPU time here: `/proc` gave 271 µs user, 89 µs
 * system) and what cache misses add to each instruction.
 *
 *   node --import tsx bench/probe/instructions.ts joins|events|table <checkout> [<checkout>...]
 *
 * A checkout is a directory holding the repository at some commit (`git worktree add`), with
 * node_modules (a link to this one's will do); its bench server runs under callgrind, driven by
 * its own load client (its protocol), here at full speed. First a warm-up, so that V8 has
 * optimized the path (a join keeps being compiled for its first few thousand), then the
 * counted ones: 2,000 joins one at a time (a page GET, the socket, the Mount, the close),
 * 10,000 clicks of 50 tabs, or three of the bench's /table sequences (each operation counted
 * on its own, from its event's arrival to what its flush left to do). The count is split into V8's optimizing compiler, the garbage
 * collector and the rest (the work, what a change to the code moves). The callgrind file and
 * V8's map of its compiled code (`--perf-basic-prof`) are kept for `callgrind_annotate`: JS
 * functions appear there as addresses, which the map names (where V8 reused code memory, an
 * address has two names: trust a function's figure when the whole count moved with it). The
 * work of a join moves by a few thousand between runs of the same code, of an event by a few
 * dozen. Needs valgrind (Debian's package).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readdirSync, rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import type { Action } from "../clients/connection.js";
import { STEPS } from "../scenarios/table-ops.js";

const [what, ...checkouts] = process.argv.slice(2);
if ((what !== "joins" && what !== "events" && what !== "table") || checkouts.length === 0) throw new Error("usage: bench/probe/instructions.ts joins|events|table <checkout> [<checkout>...]");
if (spawnSync("valgrind", ["--version"]).status !== 0) throw new Error("valgrind is not installed (apt-get install valgrind)");

const SPLIT: Array<[string, RegExp]> = [
  ["compiler", /compiler::|maglev::|Maglev|::Zone/],
  ["gc", /Scaveng|MarkCompact|Marking|Sweeper|Heap::|Evacuat|RememberedSet|SlotSet|MinorMC/],
];

interface Client {
  join(path: string): Promise<unknown>;
  act(action: Action): Promise<unknown>;
  close(): void;
}
interface ClientModule {
  TetherClient: { connect(url: string): Promise<Client> };
  openTab?: (url: string, path: string) => Promise<void>;
}

for (const [i, checkout] of checkouts.entries()) {
  const out = `/tmp/tether-instructions-${what}-${i}.out`;
  for (const file of readdirSync("/tmp")) if (file.startsWith(`tether-instructions-${what}-${i}.out`)) rmSync(`/tmp/${file}`);
  const client = (await import(`${checkout}/bench/clients/tether.ts`)) as ClientModule;
  const server = spawn(
    "valgrind",
    ["--tool=callgrind", "--instr-atstart=no", `--callgrind-out-file=${out}`, process.execPath, "--expose-gc", "--perf-basic-prof", "--interpreted-frames-native-stack", "--conditions=tether-source", "--import", "tsx", "bench/servers/tether.ts"],
    { cwd: checkout, stdio: ["ignore", "ignore", "ignore", "ipc"], env: { ...process.env, NODE_ENV: "production" } },
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.on("message", (m: { ready?: boolean; port?: number }) => m.ready && resolve(m.port!));
    server.on("exit", (code) => reject(new Error(`${checkout}: the server exited (${code}) before listening`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const counted = what === "joins" ? 2000 : 10_000;
  const tabs: Client[] = [];
  const control = (...args: string[]) => spawnSync("callgrind_control", [...args, String(server.pid)]);
  // Each counted stretch is one callgrind dump: `${out}.1`, `${out}.2`, ...
  const dumps: Array<{ label: string; per: number }> = [];
  if (what === "table") {
    const tab = await client.TetherClient.connect(url);
    await tab.join("/table");
    tabs.push(tab);
    for (let r = 0; r < 10; r++) for (const step of STEPS) await tab.act(step.action);
    await sleep(1000);
    control("-i", "on");
    for (let r = 0; r < 3; r++) {
      for (const step of STEPS) {
        control("-z");
        await tab.act(step.action);
        await sleep(50); // what the flush left (unmounts) runs after the answer
        control("-d");
        dumps.push({ label: step.name, per: 1 });
      }
    }
  } else {
    let run: (n: number) => Promise<void>;
    if (what === "joins") {
      // Today's client opens a tab as a browser does (the page GET, then the join in the socket's URL).
      const open = client.openTab ?? (async (u: string, path: string) => { const c = await client.TetherClient.connect(u); await c.join(path); c.close(); });
      run = async (n) => { for (let k = 0; k < n; k++) await open(url, "/counter"); };
    } else {
      for (let k = 0; k < 50; k++) {
        const tab = await client.TetherClient.connect(url);
        await tab.join("/counter");
        tabs.push(tab);
      }
      run = async (n) => {
        let left = n;
        await Promise.all(tabs.map(async (tab) => { while (left-- > 0) await tab.act({ kind: "click", name: "inc" }); }));
      };
    }
    // WARM=n sets the warm-up (joins or clicks). Under callgrind V8 compiles late: after 20,000 clicks
    // it was still optimizing (3.1 K compiler instructions a click), after 100,000 not (0.6 K).
    await run(Number(process.env.WARM ?? (what === "joins" ? 4000 : 100_000)));
    await sleep(1000);
    control("-i", "on");
    await run(counted);
    await sleep(500);
    control("-d");
    dumps.push({ label: what === "joins" ? "a join" : "an event", per: counted });
  }
  control("-i", "off");
  for (const tab of tabs) tab.close();
  const map = `/tmp/perf-${server.pid}.map`;
  server.kill("SIGTERM");
  await new Promise((resolve) => server.on("exit", resolve));
  // V8's logs of the code map (--perf-basic-prof), written where the server ran.
  for (const file of readdirSync(checkout)) if (/^isolate-.*\.log$/.test(file)) rmSync(`${checkout}/${file}`);
  if (existsSync(map)) copyFileSync(map, `${out}.map`);

  // Per label, each dump's parts divided by how many it counted; a label with several dumps (the
  // /table operations) shows the median's, and every dump's total: what an operation leaves for
  // later (a collection, its unmounts) can land in the next one's.
  const byLabel = new Map<string, Array<Record<string, number>>>();
  for (const [k, { label, per }] of dumps.entries()) {
    const parts: Record<string, number> = { work: 0, compiler: 0, gc: 0 };
    addParts(parts, `${out}.${k + 1}`);
    for (const key of Object.keys(parts)) parts[key] /= per;
    byLabel.set(label, [...(byLabel.get(label) ?? []), parts]);
  }
  const total = (parts: Record<string, number>) => parts.work + parts.compiler + parts.gc;
  const n = (x: number) => Math.round(x).toLocaleString("en-US").padStart(11);
  console.log(`${checkout} (${out}.N, ${out}.map):`);
  for (const [label, list] of byLabel) {
    const sorted = [...list].sort((a, b) => total(a) - total(b));
    const mid = sorted[(sorted.length - 1) >> 1];
    const each = list.length > 1 ? `; each ${list.map((parts) => Math.round(total(parts)).toLocaleString("en-US")).join(", ")}` : "";
    console.log(`  ${`instructions ${label === "a join" || label === "an event" ? label : `for ${label}`}`.padEnd(34)} ${n(total(mid))} (work ${n(mid.work)}, compiler ${n(mid.compiler)}, gc ${n(mid.gc)})${each}`);
  }
}

/** Adds each function's own count in a callgrind dump, from callgrind_annotate's table, to its part. */
function addParts(parts: Record<string, number>, file: string): void {
  const table = spawnSync("callgrind_annotate", ["--threshold=100", file], { encoding: "utf8", maxBuffer: 256 << 20 }).stdout;
  for (const line of table.split("\n")) {
    const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (m === null || m[2].includes("PROGRAM TOTALS")) continue;
    const part = SPLIT.find(([, re]) => re.test(m[2]))?.[0] ?? "work";
    parts[part] += Number(m[1].replaceAll(",", ""));
  }
}
