/**
 * What traffic alone costs a server's resident memory (not part of `npm run bench`): a fresh
 * Tether and a fresh LiveViewJS server each take one tab, then 3 s of that one tab's clicks,
 * and the process's RSS is read after a full collection at each step. What grows here is paid
 * once per process, not per tab (V8's young generation becoming resident, optimized code), and
 * the resident-memory scenario's 1,000 tabs from a fresh process carry it too.
 *   node --import tsx bench/probe/one-tab-traffic.ts
 */
import { pinClient, ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";
import { joinFromPage } from "../clients/liveviewjs.js";
import { performance } from "node:perf_hooks";
pinClient();

async function joinTether(url: string): Promise<TetherClient> {
  const client = await TetherClient.connect(url);
  await client.join("/counter");
  return client;
}

for (const [label, file] of [["tether", "tether.ts"], ["liveviewjs", "liveviewjs.ts"]] as const) {
  const server = await ServerProcess.start(label, file);
  try {
    const fresh = await server.collect();
    const c = label === "tether" ? await joinTether(server.url) : (await joinFromPage(server.url, "/counter")).client;
    const one = await server.collect();
    const n = await c.pump(performance.now() + 3000);
    const after = await server.collect();
    const mb = (x: number) => (x / 1e6).toFixed(1);
    console.log(`${label}: fresh rss ${mb(fresh.rss)} MB, new space ${mb(fresh.spaces.new_space!.size)}; one tab joined: rss +${mb(one.rss - fresh.rss)} MB; after ${n} clicks of that one tab: rss +${mb(after.rss - fresh.rss)} MB, new space ${mb(after.spaces.new_space!.size)}, heapUsed +${mb(after.heapUsed - fresh.heapUsed)} MB`);
    c.close();
  } finally {
    await server.stop();
  }
}
