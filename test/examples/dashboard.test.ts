/**
 * The dashboard without a browser (its Chromium test is test/e2e/dashboard.test.ts): spans in
 * the table, and each of the server's ticks adding its log line alone.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render } from "tether-live/test";
import { Op } from "../../src/protocol/wire.js";
import { Dashboard } from "../../examples/dashboard.js";

afterEach(cleanup);

test("the services table spans regions over their rows; the deployments tab lists objects", async () => {
  const view = await render(Dashboard, { path: "/dashboard" });
  expect(view.getAll("#services tbody th[rowspan]").map((th) => [th.text, th.attr("rowspan")])).toEqual([["Europe", "2"], ["America", "3"]]);
  await view.click("#views-tab-1");
  expect(view.get("#views-panel-1").attr("hidden")).toBeNull();
  expect(view.getAll("#deploys tbody tr")).toHaveLength(3);
});

test("a tick adds a log line, created alone", async () => {
  const view = await render(Dashboard, { path: "/dashboard" });
  await view.settled();
  const lines = view.getAll("#log .log-line").length;
  expect(lines).toBeGreaterThanOrEqual(1);
  await expect.poll(() => view.getAll("#log .log-line").length, { timeout: 5000 }).toBe(lines + 1);
  // However many ticks the patch holds, each added only its line: nothing else of the log is re-created.
  const creates = view.lastPatch().filter((op) => op[0] === Op.Create);
  expect(creates.length).toBeGreaterThanOrEqual(1);
  for (const op of creates) expect(op[4]).toEqual([["p", { class: "log-line" }, expect.stringMatching(/\(#\d+\)$/)]]);
});
