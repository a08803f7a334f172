/**
 * A quicker look at the per-event targets while working on them (not part of `npm run bench`):
 * server CPU per counter event (Tether, LiveViewJS, raw ws echo; 50 sessions, shorter windows)
 * and the counter round trip against the echo, side by side in one run, as bench/run.ts does.
 *   node --import tsx bench/probe/events.ts [cpu|rtt]...
 */
import { pinClient, ServerProcess } from "../processes.js";
import { TetherClient } from "../clients/tether.js";
import { joinFromPage } from "../clients/liveviewjs.js";
import { EchoClient } from "../clients/ws-echo.js";
import { measureThroughput } from "../scenarios/throughput.js";
import { measureCounterRtt } from "../scenarios/rtt.js";

pinClient();
const what = process.argv.slice(2);
const [t, l, e] = await Promise.all([ServerProcess.start("tether", "tether.ts"), ServerProcess.start("liveviewjs", "liveviewjs.ts"), ServerProcess.start("echo", "ws-echo.ts")]);
const tether = async () => {
  const client = await TetherClient.connect(t.url);
  await client.join("/counter");
  return client;
};
try {
  if (what.length === 0 || what.includes("cpu")) {
    const r = await measureThroughput([
      { label: "tether", server: t, open: tether },
      { label: "liveviewjs", server: l, open: async () => (await joinFromPage(l.url, "/counter")).client },
      { label: "echo", server: e, open: () => EchoClient.connect(e.url) },
    ], 50, 3, 2);
    for (const [label, x] of Object.entries(r)) console.log(`${label.padEnd(11)} ${x.cpuMicrosPerEvent.toFixed(1).padStart(6)} µs/event ${Math.round(x.eventsPerSecond)} events/s  windows ${x.windows.map((w) => w.cpuMicrosPerEvent.toFixed(1)).join(" ")}`);
    console.log(`cpu per event, tether ÷ liveviewjs: ${(r.tether.cpuMicrosPerEvent / r.liveviewjs.cpuMicrosPerEvent).toFixed(3)} (target ≤ 0.5)`);
  }
  if (what.length === 0 || what.includes("rtt")) {
    const clients = [await tether(), await EchoClient.connect(e.url)];
    const r = await measureCounterRtt(clients, clients[0], clients[1], 8, 250);
    console.log(`rtt p50 tether ${r.byClient[clients[0].label].p50.toFixed(3)} ms, echo ${r.byClient[clients[1].label].p50.toFixed(3)} ms; ratio ${r.ratio.toFixed(3)} (target ≤ 1.15) rounds ${r.ratios.map((x) => x.toFixed(2)).join(" ")}`);
    for (const c of clients) c.close();
  }
} finally {
  await Promise.all([t.stop(), l.stop(), e.stop()]);
}
