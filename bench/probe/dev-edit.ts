/**
 * A probe of `tether dev` alone (the same measurement `npm run bench` makes, see dev-edit.ts):
 * save → DOM on the counter, the keyed list and the 1,000-row table, beside reloads and restarts.
 *   node --import tsx bench/probe/dev-edit.ts [edits per page, default 20]
 */
import { measureDevEdits } from "../dev-edit.js";

const result = await measureDevEdits(Number(process.argv[2] ?? 20));
for (const [name, page] of Object.entries(result.pages)) {
  console.log(`${name}: save → DOM ${page.editMs} ms (median of ${page.edits}), reload ${page.reloadMs} ms, state kept after ${page.stateKept} of ${page.edits} edits`);
}
console.log(`restart + reload: ${result.restartReloadMs} ms (median of ${result.restartSamples.length})`);
