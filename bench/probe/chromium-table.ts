/**
 * A probe of the Chromium /table phase alone (what `npm run bench` measures, see browser.ts):
 * Tether's bench server, the whole-HTML server and the baseline pages each in their own
 * process, Chromium on the load client's core, the three pages taking turns at every operation.
 * Prints the report's table, and the chromium_table_vs_vanilla ratios with the counter's round
 * trip measured in the same Chromium (or the one given, in ms).
 *   node --conditions tether-source --import tsx bench/probe/chromium-table.ts [rounds, default 5] [counter p50 ms]
 */
import { pinClient, ServerProcess } from "../processes.js";
import { baselineTables, BROWSER_OPS, measureBrowser, tetherTable } from "../browser.js";
import { printBrowser } from "../report.js";
import { VANILLA_JS } from "../labels.js";

pinClient();
const servers = await Promise.all([ServerProcess.start("Tether", "tether.ts"), ServerProcess.start("whole HTML", "html.ts"), ServerProcess.start("baseline pages", "pages.ts")]);
try {
  const [tether, wholeHtml, pages] = servers;
  const result = await measureBrowser(tetherTable(tether.url), baselineTables(pages.url, wholeHtml.url), Number(process.argv[2] ?? 5), 2, `${tether.url}/counter`);
  printBrowser(result);
  const counterMs = Number(process.argv[3] ?? result.counterRttMs);
  if (Number.isFinite(counterMs)) {
    const vanilla = result.baselines[VANILLA_JS];
    console.log(`\nTether's next frame ÷ (vanilla JS's + ${counterMs} ms):`);
    for (const op of BROWSER_OPS) console.log(`  ${op}: ${(result.ops[op].frameMs / (vanilla[op].frameMs + counterMs)).toFixed(2)}`);
  }
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
