/**
 * The Chromium phase's baseline pages (bench/pages/server.ts), in headless Chromium: the
 * vanilla-JS table does each /table operation to the DOM Tether's table has (rows straight in
 * the <table>, the same cells, classes and data-id) with the DOM work of a keyed implementation
 * (MutationObserver counts: 100 text changes for an update of every 10th row, two moves for a
 * swap, kept rows keep their nodes); the whole-HTML page shows the whole-HTML server's answers,
 * with the same row markup.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { servePages, type PageServer } from "../../../bench/pages/server.js";
import { ServerProcess } from "../../../bench/processes.js";
import { launchChromium } from "../../support/browser.js";

let browser: Browser;
let pages: PageServer;

beforeAll(async () => {
  [browser, pages] = await Promise.all([launchChromium(), servePages()]);
});
afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pages.url + path);
  await page.waitForSelector("html.bench-ready", { state: "attached" });
  expect(errors).toEqual([]);
  return page;
}

/** Each row's id cell, label and whether it is selected. */
const rows = (page: Page) =>
  page.$$eval("table.rows tr", (trs) => trs.map((tr) => ({ id: Number(tr.querySelector("td.col-id")!.textContent), label: tr.querySelector("a.lbl")!.textContent!, danger: tr.className === "danger" })));

/** The table's first row with its label and ids replaced, and how the rows sit in the table. */
const shape = (page: Page) =>
  page.evaluate(() => {
    const table = document.querySelector("table.rows")!;
    const first = table.querySelector("tr");
    return {
      tbodies: table.querySelectorAll("tbody").length,
      directRows: document.querySelectorAll("table.rows > tr").length,
      firstRow: first?.outerHTML.replace(/>[a-z]+ [a-z]+ [a-z]+</, ">LABEL<").replace(/\d+/g, "N"),
    };
  });

const ROW_MARKUP = '<tr class=""><td class="col-id">N</td><td class="col-label"><a class="lbl" data-id="N">LABEL</a></td><td class="col-remove"><a class="remove" data-id="N">×</a></td><td class="col-spacer"></td></tr>';

/** Clicks `selector` (a vanilla page does the work in the click) and returns the mutations it made below the table. */
const clickCounting = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const observer = new MutationObserver(() => {});
    observer.observe(document.querySelector("div.table-wrap")!, { subtree: true, childList: true, characterData: true, attributes: true });
    (document.querySelector(s) as HTMLElement).click();
    const records = observer.takeRecords();
    observer.disconnect();
    return {
      text: records.filter((r) => r.type === "characterData").length,
      attributes: records.filter((r) => r.type === "attributes").length,
      added: records.reduce((n, r) => n + r.addedNodes.length, 0),
      removed: records.reduce((n, r) => n + r.removedNodes.length, 0),
    };
  }, selector);

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe("the vanilla JS table", () => {
  test("creates 1,000 rows of Tether's markup, straight in the <table>, and 10,000 with ids that continue", async () => {
    const page = await open("/table-vanilla");
    expect(await shape(page)).toEqual({ tbodies: 0, directRows: 0, firstRow: undefined });
    await page.click("#run");
    expect(await shape(page)).toEqual({ tbodies: 0, directRows: 1000, firstRow: ROW_MARKUP });
    const created = await rows(page);
    expect(created.map((r) => r.id)).toEqual(range(1, 1000));
    expect(created.every((r) => /^\w+ \w+ \w+$/.test(r.label) && !r.danger)).toBe(true);

    await page.click("#runlots");
    expect((await rows(page)).map((r) => r.id)).toEqual(range(1001, 10000));
    await page.click("#add");
    expect((await rows(page)).map((r) => r.id)).toEqual(range(1001, 11000));
    await page.click("#clear");
    expect(await shape(page)).toEqual({ tbodies: 0, directRows: 0, firstRow: undefined });
    await page.close();
  });

  test("updates every 10th row, swaps, selects and removes touching only those rows' nodes", async () => {
    const page = await open("/table-vanilla");
    await page.click("#run");
    const before = await rows(page);
    const held = await page.evaluateHandle(() => Array.from(document.querySelectorAll("table.rows tr")));

    expect(await clickCounting(page, "#update")).toEqual({ text: 100, attributes: 0, added: 0, removed: 0 });
    const updated = await rows(page);
    expect(updated.map((r) => r.label)).toEqual(before.map((r, i) => (i % 10 === 0 ? r.label + " !!!" : r.label)));

    // Two moves: each a removal and an insertion of the same node.
    expect(await clickCounting(page, "#swaprows")).toEqual({ text: 0, attributes: 0, added: 2, removed: 2 });
    const swapped = await rows(page);
    expect([swapped[1].id, swapped[998].id]).toEqual([before[998].id, before[1].id]);
    expect(await page.evaluate((trs) => {
      const now = document.querySelectorAll("table.rows tr");
      return trs.every((tr, i) => now[i === 1 ? 998 : i === 998 ? 1 : i] === tr);
    }, held)).toBe(true);

    expect(await clickCounting(page, "table.rows tr:nth-child(6) a.lbl")).toEqual({ text: 0, attributes: 1, added: 0, removed: 0 });
    expect(await clickCounting(page, "table.rows tr:nth-child(7) a.lbl")).toEqual({ text: 0, attributes: 2, added: 0, removed: 0 });
    expect((await rows(page)).flatMap((r, i) => (r.danger ? [i] : []))).toEqual([6]);

    expect(await clickCounting(page, "table.rows tr:nth-child(11) a.remove")).toEqual({ text: 0, attributes: 0, added: 0, removed: 1 });
    expect((await rows(page)).map((r) => r.id)).toEqual(swapped.map((r) => r.id).filter((_, i) => i !== 10));
    await page.close();
  });
});

describe("the whole-HTML table", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await ServerProcess.start("whole HTML", "html.ts");
  });
  afterAll(() => server?.stop());

  /** Clicks `selector`, then waits for the server's answer (it replaces the whole <main>). */
  async function clickAndWait(page: Page, selector: string): Promise<void> {
    const main = await page.$("main");
    await page.click(selector);
    await page.waitForFunction((old) => document.querySelector("main") !== old, main);
  }

  test("shows the server's answer to each click, in the same row markup", async () => {
    const page = await open(`/table-whole-html?ws=${server.port}`);
    expect(await rows(page)).toEqual([]);
    await clickAndWait(page, "#run");
    expect((await shape(page)).firstRow).toBe(ROW_MARKUP);
    const created = await rows(page);
    expect(created.map((r) => r.id)).toEqual(range(1, 1000));

    await clickAndWait(page, "#update");
    expect((await rows(page)).map((r) => r.label)).toEqual(created.map((r, i) => (i % 10 === 0 ? r.label + " !!!" : r.label)));
    await clickAndWait(page, "table.rows tr:nth-child(6) a.lbl");
    expect((await rows(page)).flatMap((r, i) => (r.danger ? [i] : []))).toEqual([5]);
    await clickAndWait(page, "table.rows tr:nth-child(11) a.remove");
    expect((await rows(page)).map((r) => r.id)).toEqual(range(1, 1000).filter((id) => id !== 11));
    await clickAndWait(page, "#clear");
    expect(await rows(page)).toEqual([]);
    await page.close();
  });
});
