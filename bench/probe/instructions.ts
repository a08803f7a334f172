/**
 * The instructions a join or a counter event costs Tether's server, counted by valgrind's
 * callgrind (not part of `npm run bench`): the same code gives the same count within 0.5%
 * whatever else the machine does, where its time per join moves by half between minutes. So an
 * A/B of two checkouts says which costs more and where, even on a loaded machine. What it cannot
 * see: the kernel's part (a fifth of a join's CPU time here: `/proc` gave 271 µs user, 89 µs
 * system) and what cache misses add to each instruction.
 *
 *   node --import tsx bench/probe/instructions.ts joins|events <checkout> [<checkout>...]
 *
 * A checkout is a directory holding the repository at some commit (`git worktree add`), with
 * node_modules (a link to this one's will do); its bench server runs under callgrind, driven by
 * its own load client (its protocol), here at full speed. First a warm-up, so that V8 has
 * optimized the path (a join keeps being compiled for its first few thousand), then the
 * counted ones: 2,000 joins one at a time (a page GET, the socket, the Mount, the close), or
 * 10,000 clicks of 50 tabs. The count is split into V8's optimizing compiler, the garbage
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

const [what, ...checkouts] = process.argv.slice(2);
if ((what !== "joins" && what !== "events") || checkouts.length === 0) throw new Error("usage: bench/probe/instructions.ts joins|events <checkout> [<checkout>...]");
if (spawnSync("valgrind", ["--version"]).status !== 0) throw new Error("valgrind is not installed (apt-get install valgrind)");

const SPLIT: Array<[string, RegExp]> = [
  ["compiler", /compiler::|maglev::|Maglev|::Zone/],
  ["gc", /Scaveng|MarkCompact|Marking|Sweeper|Heap::|Evacuat|RememberedSet|SlotSet|MinorMC/],
];

interface Client {
  join(path: string): Promise<unknown>;
  act(action: { kind: "click"; name: string }): Promise<unknown>;
  close(): void;
}
interface ClientModule {
  TetherClient: { connect(url: string): Promise<Client> };
  openTab?: (url: string, path: string) => Promise<void>;
}

for (const [i, checkout] of checkouts.entries()) {
  const out = `/tmp/tether-instructions-${what}-${i}.out`;
  for (const stale of [out, `${out}.1`]) rmSync(stale, { force: true });
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
  let run: (n: number) => Promise<void>;
  const tabs: Client[] = [];
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
  await run(what === "joins" ? 4000 : 20_000);
  await sleep(1000);
  spawnSync("callgrind_control", ["-i", "on", String(server.pid)]);
  await run(counted);
  await sleep(500);
  spawnSync("callgrind_control", ["-i", "off", String(server.pid)]);
  spawnSync("callgrind_control", ["-d", String(server.pid)]);
  for (const tab of tabs) tab.close();
  const map = `/tmp/perf-${server.pid}.map`;
  server.kill("SIGTERM");
  await new Promise((resolve) => server.on("exit", resolve));
  // V8's logs of the code map (--perf-basic-prof), written where the server ran.
  for (const file of readdirSync(checkout)) if (/^isolate-.*\.log$/.test(file)) rmSync(`${checkout}/${file}`);
  if (existsSync(map)) copyFileSync(map, `${out}.map`);

  // Each function's own count, from callgrind_annotate's table, summed by part.
  const table = spawnSync("callgrind_annotate", ["--threshold=100", `${out}.1`], { encoding: "utf8", maxBuffer: 256 << 20 }).stdout;
  const parts: Record<string, number> = { work: 0, compiler: 0, gc: 0 };
  for (const line of table.split("\n")) {
    const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (m === null || m[2].includes("PROGRAM TOTALS")) continue;
    const part = SPLIT.find(([, re]) => re.test(m[2]))?.[0] ?? "work";
    parts[part] += Number(m[1].replaceAll(",", ""));
  }
  const per = (x: number) => Math.round(x / counted).toLocaleString("en-US").padStart(9);
  const total = parts.work + parts.compiler + parts.gc;
  console.log(`${checkout}: instructions ${what === "joins" ? "a join" : "an event"}: ${per(total)} (work ${per(parts.work)}, compiler ${per(parts.compiler)}, gc ${per(parts.gc)}); ${out}.1, ${out}.map`);
}
