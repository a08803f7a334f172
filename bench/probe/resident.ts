/**
 * Resident memory per session as a deployment sees it (not part of `npm run bench`): fresh
 * servers, `count` tabs each opened as a browser does (page GET, a WebSocket offering
 * permessage-deflate, the join), measured idle and again after one click each, with V8's heap
 * spaces, so that committed-but-unused heap shows where it sits.
 *   node --import tsx bench/probe/resident.ts [count] [tether|liveviewjs|echo ...]
 */
import { pinClient, ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";
import { joinFromPage } from "../clients/liveviewjs.js";
import { EchoClient } from "../clients/ws-echo.js";
import type { LiveClient } from "../clients/connection.js";
import type { Usage } from "../servers/control.js";

pinClient();
const count = Number(process.argv[2] ?? 1000);
// "cold": the baseline is the fresh process, so what the first sessions make V8 commit counts too.
const cold = process.argv.includes("cold");
const only = process.argv.slice(3).filter((a) => a !== "cold");
const kinds = [
  { label: "tether", file: "tether.ts", open: async (url: string): Promise<LiveClient> => { const c = await TetherClient.connect(url); await c.join("/counter"); return c; } },
  { label: "liveviewjs", file: "liveviewjs.ts", open: async (url: string): Promise<LiveClient> => (await joinFromPage(url, "/counter")).client },
  { label: "echo", file: "ws-echo.ts", open: (url: string): Promise<LiveClient> => EchoClient.connect(url) },
].filter((k) => only.length === 0 || only.includes(k.label));

async function openMany(n: number, open: () => Promise<LiveClient>, into: LiveClient[]): Promise<void> {
  let left = n;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (left-- > 0) into.push(await open());
  }));
}

function report(label: string, what: string, before: Usage, after: Usage, n: number): void {
  const per = (a: number, b: number) => ((b - a) / n / 1000).toFixed(2);
  const spaces = Object.keys(after.spaces)
    .map((name) => [name, per(before.spaces[name]!.size, after.spaces[name]!.size), per(before.spaces[name]!.used, after.spaces[name]!.used)] as const)
    .filter(([, size, used]) => Math.abs(Number(size)) >= 0.05 || Math.abs(Number(used)) >= 0.05)
    .map(([name, size, used]) => `${name} ${size}/${used}`)
    .join(", ");
  const mb = (u: Usage) => (u.spaces.new_space!.size / 1e6).toFixed(1);
  console.log(`${label.padEnd(10)} ${what.padEnd(9)} new space ${mb(before)} → ${mb(after)} MB; rss ${per(before.rss, after.rss)} heapTotal ${per(before.heapTotal, after.heapTotal)} heapUsed ${per(before.heapUsed, after.heapUsed)} external ${per(before.external, after.external)} KB/session; spaces committed/used: ${spaces}`);
}

for (const kind of kinds) {
  const server = await ServerProcess.start(kind.label, kind.file);
  const clients: LiveClient[] = [];
  try {
    const warm: LiveClient[] = [];
    const fresh = await server.collect();
    await openMany(cold ? 0 : 200, () => kind.open(server.url), warm);
    for (const c of warm) await c.act({ kind: "click", name: "inc" });
    for (const c of warm) c.close();
    await new Promise((r) => setTimeout(r, 500));
    const before = cold ? fresh : await server.collect();
    await openMany(count, () => kind.open(server.url), clients);
    await new Promise((r) => setTimeout(r, 300));
    const idle = await server.collect();
    report(kind.label, "idle", before, idle, count);
    for (const c of clients) await c.act({ kind: "click", name: "inc" });
    await new Promise((r) => setTimeout(r, 300));
    const clicked = await server.collect();
    report(kind.label, "one event", before, clicked, count);
  } finally {
    for (const c of clients) c.close();
    await server.stop();
  }
}
