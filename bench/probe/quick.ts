/**
 * A quick probe for working on one figure at a time (not part of `npm run bench`): memory per
 * idle counter session, server CPU per counter event, and joins per second (page GET, socket,
 * join, close; 8 at a time), for Tether only, in a few seconds.
 *   node --import tsx bench/probe/quick.ts [memory|cpu|joins]...
 */
import { pinClient, ServerProcess } from "../processes.js";
import { openTab, TetherClient } from "../clients/tether.js";
import { measureMemory } from "../scenarios/memory.js";

pinClient();
const what = process.argv.slice(2);
const server = await ServerProcess.start("tether", "tether.ts");
try {
  const open = async () => {
    const client = await TetherClient.connect(server.url);
    await client.join("/counter");
    return client;
  };
  if (what.length === 0 || what.includes("memory")) {
    const m = await measureMemory(server, open, 1000, 100);
    console.log(`memory: heap ${m.heapPerSessionKb.toFixed(2)} KB/session, rss ${m.rssPerSessionKb.toFixed(2)} KB/session`);
  }
  if (what.length === 0 || what.includes("cpu")) {
    const clients = await Promise.all(Array.from({ length: 10 }, open));
    const burst = async (n: number) => Promise.all(clients.map(async (c) => { for (let i = 0; i < n; i++) await c.act({ kind: "click", name: "inc" }); }));
    await burst(1000);
    const before = await server.usage();
    const t0 = performance.now();
    await burst(2000);
    const after = await server.usage();
    const events = clients.length * 2000;
    console.log(`cpu: ${((after.cpuMicros - before.cpuMicros) / events).toFixed(2)} µs/event, ${Math.round(events / ((performance.now() - t0) / 1000))} events/s`);
    for (const c of clients) c.close();
  }
  if (what.length === 0 || what.includes("joins")) {
    const once = () => openTab(server.url, "/counter");
    const run = async (ms: number) => {
      const end = performance.now() + ms;
      let joins = 0;
      await Promise.all(Array.from({ length: 8 }, async () => {
        while (performance.now() < end) {
          await once();
          joins++;
        }
      }));
      return joins;
    };
    await run(500);
    const before = await server.usage();
    const t0 = performance.now();
    const joins = await run(3000);
    const after = await server.usage();
    console.log(`joins: ${Math.round(joins / ((performance.now() - t0) / 1000))}/s, ${((after.cpuMicros - before.cpuMicros) / joins).toFixed(0)} µs of server CPU per join`);
  }
} finally {
  await server.stop();
}
