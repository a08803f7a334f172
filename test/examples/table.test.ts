/**
 * The table example without a browser (its Chromium test is test/e2e/table.test.ts): what each
 * js-framework-benchmark operation costs, in ops.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render } from "tether-live/test";
import { Op } from "../../src/protocol/wire.js";
import { Table } from "../../examples/table.js";

afterEach(cleanup);

const rows = "table.rows tr";

test("create, update every 10th, select, remove, swap and clear, each costing what it changes", async () => {
  const view = await render(Table);
  await view.click("#run");
  expect(view.getAll(rows)).toHaveLength(1000);
  expect(view.get(`${rows} .col-id`).text).toBe("1");

  await view.click("#update");
  const labels = view.getAll(`${rows} .lbl`);
  expect(labels[0].text).toMatch(/ !!!$/);
  expect(labels[1].text).not.toMatch(/ !!!$/);
  expect(view.lastPatch()).toHaveLength(100);
  expect(view.lastPatch().every((op) => op[0] === Op.SetText)).toBe(true);

  await view.click(labels[4]);
  expect(view.getAll(rows)[4].attr("class")).toBe("danger");
  expect(view.lastPatch()).toEqual([[Op.SetAttr, expect.any(Number), "class", "danger"]]);

  await view.click(`${rows}:nth-child(3) .remove`);
  expect(view.getAll(rows)).toHaveLength(999);
  expect(view.lastPatch()).toEqual([[Op.Remove, expect.any(Number)]]);

  const second = view.getAll(`${rows} .col-id`)[1].text;
  await view.click("#swaprows");
  expect(view.getAll(`${rows} .col-id`)[998].text).toBe(second);
  expect(view.lastPatch().every((op) => op[0] === Op.Move)).toBe(true);

  await view.click("#clear");
  expect(view.getAll(rows)).toHaveLength(0);
  expect(view.lastPatch()).toHaveLength(1);
});

test("a row's id cell is not clickable", async () => {
  const view = await render(Table);
  await view.click("#run");
  await expect(view.click(`${rows} .col-id`)).rejects.toThrow(".col-id has no click handler");
});
