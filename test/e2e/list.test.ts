/**
 * End to end: the keyed list example in headless Chromium. Reorders on the server become
 * Move ops in the browser, so a row's DOM node, and the text typed into its input, go with it.
 */
import { describe, expect, test } from "vitest";
import type { JSHandle, Page } from "playwright-core";
import { useExamples } from "../support/browser-suite.js";
import { afterAnswer, type LivePage } from "../support/live-page.js";

const examples = useExamples();
let live: LivePage;

async function openList(): Promise<Page> {
  live = await examples.open("/list");
  return live.page;
}

const keys = (page: Page) => page.$$eval("ul#items > li", (lis) => lis.map((li) => li.getAttribute("data-key")));

/** Clicks a button the way a script does (element.click()): focus stays where it is. */
const clickInPage = (page: Page, selector: string) => afterAnswer(page, () => page.evaluate((s) => document.querySelector<HTMLElement>(s)!.click(), selector));

/** Holds the current rows' <li> nodes in the page, by key, to check their identity later. */
const holdRows = (page: Page) =>
  page.evaluateHandle(() => new Map(Array.from(document.querySelectorAll<HTMLLIElement>("ul#items > li"), (li) => [li.dataset.key!, li])));

/** For each held row still on the page: [key, same node, typed value]; plus rows not held. */
function compareRows(page: Page, held: JSHandle<Map<string, HTMLLIElement>>) {
  return page.evaluate((held) => {
    const rows = Array.from(document.querySelectorAll<HTMLLIElement>("ul#items > li"));
    return rows.map((li) => {
      const key = li.dataset.key!;
      return { key, same: held.get(key) === li, value: li.querySelector("input")!.value };
    });
  }, held);
}

describe("keyed list", () => {
  test("renders ul#items > li[data-key] rows, each with a label and an input", async () => {
    const page = await openList();
    const rows = await page.$$eval("ul#items > li", (lis) =>
      lis.map((li) => ({ key: li.getAttribute("data-key"), label: li.querySelector(".label")?.textContent, inputs: li.querySelectorAll("input").length })),
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows).toEqual([1, 2, 3, 4, 5].map((k) => ({ key: String(k), label: `Item ${k}`, inputs: 1 })));
    expect(live.problems).toEqual([]);
  });

  test("#add appends a row and #remove-first removes the first; the other rows keep their nodes", async () => {
    const page = await openList();
    const held = await holdRows(page);

    await afterAnswer(page, () => page.click("#add"));
    expect(await keys(page)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(await page.textContent('li[data-key="6"] .label')).toBe("Item 6");
    expect(await page.locator('li[data-key="6"] input').count()).toBe(1);

    await afterAnswer(page, () => page.click("#remove-first"));
    await afterAnswer(page, () => page.click("#remove-first"));
    expect(await keys(page)).toEqual(["3", "4", "5", "6"]);

    const rows = await compareRows(page, held);
    expect(rows.map((r) => [r.key, r.same])).toEqual([["3", true], ["4", true], ["5", true], ["6", false]]);
    // The removed rows are gone from the document, not hidden.
    expect(await page.evaluate((held) => [held.get("1")!.isConnected, held.get("2")!.isConnected], held)).toEqual([false, false]);
    expect(live.problems).toEqual([]);
  });

  test("typed text stays with its row, and the row node is the same, through reverse and shuffles", async () => {
    const page = await openList();
    for (const key of ["1", "2", "3", "4", "5"]) await page.fill(`li[data-key="${key}"] input`, `typed in ${key}`);
    // Nothing is focused while the list reorders: this test is about nodes and values.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const held = await holdRows(page);

    await afterAnswer(page, () => page.click("#reverse"));
    expect(await keys(page)).toEqual(["5", "4", "3", "2", "1"]);
    let rows = await compareRows(page, held);
    expect(rows).toEqual(["5", "4", "3", "2", "1"].map((key) => ({ key, same: true, value: `typed in ${key}` })));

    const orders = new Set<string>();
    for (let i = 0; i < 6; i++) {
      await afterAnswer(page, () => page.click("#shuffle"));
      const order = await keys(page);
      orders.add(order.join());
      expect([...order].sort()).toEqual(["1", "2", "3", "4", "5"]);
      rows = await compareRows(page, held);
      expect(rows).toEqual(order.map((key) => ({ key, same: true, value: `typed in ${key}` })));
    }
    // The shuffles did reorder (6 shuffles of 5 rows all giving one order: p < 1e-10).
    expect(orders.size).toBeGreaterThan(1);

    // A row added after the reorders starts empty, and the old ones still keep their text.
    await afterAnswer(page, () => page.click("#add"));
    rows = await compareRows(page, held);
    expect(rows.at(-1)).toEqual({ key: "6", same: false, value: "" });
    expect(rows.slice(0, -1).every((r) => r.same && r.value === `typed in ${r.key}`)).toBe(true);
    expect(live.problems).toEqual([]);
  });

  test("a focused input keeps focus, caret and text while other rows are added and removed", async () => {
    const page = await openList();
    await page.click('li[data-key="3"] input');
    await page.keyboard.type("hello");
    await page.evaluate(() => document.querySelector<HTMLInputElement>('li[data-key="3"] input')!.setSelectionRange(2, 4));
    const input = await page.evaluateHandle(() => document.querySelector<HTMLInputElement>('li[data-key="3"] input')!);

    await clickInPage(page, "#add");
    await clickInPage(page, "#remove-first");
    await clickInPage(page, "#remove-first");
    expect(await keys(page)).toEqual(["3", "4", "5", "6"]);

    const state = await page.evaluate(
      (input) => ({ focused: document.activeElement === input, value: input.value, start: input.selectionStart, end: input.selectionEnd, connected: input.isConnected }),
      input,
    );
    expect(state).toEqual({ focused: true, value: "hello", start: 2, end: 4, connected: true });

    // The user goes on typing where the caret is.
    await page.keyboard.type("X");
    expect(await page.evaluate((input) => input.value, input)).toBe("heXo");
    expect(live.problems).toEqual([]);
  });
});
