/**
 * The keyed list example without a browser (its Chromium test is test/e2e/list.test.ts):
 * reorders are Move ops, so a row's node and what was typed into it go with it.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render, type View } from "tether-live/test";
import { Op } from "../../src/protocol/wire.js";
import { List } from "../../examples/list.js";

afterEach(cleanup);

const keys = (view: View) => view.getAll("#items > li").map((li) => li.attr("data-key"));

test("add and remove-first change one row each", async () => {
  const view = await render(List);
  expect(keys(view)).toEqual(["1", "2", "3", "4", "5"]);
  await view.click("#add");
  expect(keys(view)).toEqual(["1", "2", "3", "4", "5", "6"]);
  expect(view.lastPatch().map((op) => op[0])).toEqual([Op.Create]);
  await view.click("#remove-first");
  expect(keys(view)).toEqual(["2", "3", "4", "5", "6"]);
  expect(view.lastPatch()).toEqual([[Op.Remove, expect.any(Number)]]);
});

test("reverse moves the rows' nodes: an element found before is still in the page after", async () => {
  const view = await render(List);
  const input = view.get('li[data-key="2"] input');
  // The row inputs are the page's own (no handler): the harness refuses to type where nothing listens.
  await expect(view.input(input, "two")).rejects.toThrow("has no input handler");
  await view.click("#reverse");
  expect(keys(view)).toEqual(["5", "4", "3", "2", "1"]);
  expect(view.lastPatch().every((op) => op[0] === Op.Move)).toBe(true);
  expect(view.lastPatch().length).toBeLessThanOrEqual(4);
  expect(input.isConnected).toBe(true);
  expect(view.get('li[data-key="2"] .label').text).toBe("Item 2");
});

test("shuffle keeps every row", async () => {
  const view = await render(List);
  await view.click("#shuffle");
  expect(keys(view).sort()).toEqual(["1", "2", "3", "4", "5"]);
  expect(view.lastPatch().every((op) => op[0] === Op.Move)).toBe(true);
});
