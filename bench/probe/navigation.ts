/**
 * A probe of the navigation scenario alone (what `npm run bench` measures, see
 * scenarios/navigation.ts): Tether's bench server in its own process, Chromium clicking the
 * Profile list's link, live and by a full load.
 *   node --import tsx bench/probe/navigation.ts [rounds, default 15]
 */
import { ServerProcess } from "../processes.js";
import { measureNavigation } from "../scenarios/navigation.js";

const server = await ServerProcess.start("tether", "tether.ts");
try {
  const r = await measureNavigation(server.url, Number(process.argv[2] ?? 15));
  console.log(`Chromium ${r.chromium}, ${r.samples} samples each (medians):`);
  console.log(`  live navigation, click → painted: ${r.liveMs.toFixed(1)} ms`);
  console.log(`  full load, navigation start → first contentful paint: ${r.loadPaintMs.toFixed(1)} ms; → live again (socket joined): ${r.loadLiveMs.toFixed(1)} ms`);
} finally {
  await server.stop();
}
