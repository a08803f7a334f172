/**
 * End to end: the js-framework-benchmark operations of the table example in headless
 * Chromium. Besides the results, these pin what the browser does: new rows arrive as a shape
 * and their values and are built as clones whose nodes later patches reach, the table has no <tbody>
 * (invariant 1), kept rows keep their DOM nodes, and an update costs DOM mutations only where
 * something changed (MutationObserver counts).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { JSHandle, Page } from "playwright-core";
import { serve, type RunningServer } from "../../src/index.js";
import { Table } from "../../examples/table.js";
import { useExamples } from "../support/browser-suite.js";
import { afterAnswer, type LivePage } from "../support/live-page.js";
import { inflateRawSync } from "node:zlib";
import { Msg, Op, TreeKind } from "../../src/protocol/wire.js";

const examples = useExamples();
let live: LivePage;

async function openTable(url = examples.server.url + "/table"): Promise<Page> {
  live = await examples.open(url);
  return live.page;
}

/** Clicks a button and waits until the server's answer has been applied. */
const press = (page: Page, selector: string) => afterAnswer(page, () => page.click(selector));

/** The ids in td.col-id, row by row. */
const rowIds = (page: Page) => page.$$eval("table.rows tr", (trs) => trs.map((tr) => Number(tr.querySelector("td.col-id")!.textContent)));

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** What the table's structure is: tbody count, rows, and rows that are not direct children. */
const shape = (page: Page) =>
  page.evaluate(() => {
    const table = document.querySelector("table.rows")!;
    return {
      tbodies: table.querySelectorAll("tbody").length,
      directTbodies: document.querySelectorAll("table.rows > tbody").length,
      rows: table.querySelectorAll("tr").length,
      directRows: document.querySelectorAll("table.rows > tr").length,
      cellsPerRow: Array.from(new Set(Array.from(table.querySelectorAll("tr"), (tr) => tr.children.length))),
    };
  });

/** Holds the current <tr> nodes in the page, in order. */
const holdRows = (page: Page) => page.evaluateHandle(() => Array.from(document.querySelectorAll("table.rows tr")));

/** Starts recording every mutation below the table. */
const observeTable = (page: Page) =>
  page.evaluateHandle(() => {
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((list) => records.push(...list));
    observer.observe(document.querySelector("table.rows")!, { subtree: true, childList: true, characterData: true, attributes: true });
    return { records, stop: () => (records.push(...observer.takeRecords()), observer.disconnect(), records) };
  });

type Recorder = JSHandle<{ records: MutationRecord[]; stop: () => MutationRecord[] }>;

describe("table", () => {
  test("#run creates 1,000 rows, straight in the <table>, with no <tbody>", async () => {
    const page = await openTable();
    expect(await shape(page)).toEqual({ tbodies: 0, directTbodies: 0, rows: 0, directRows: 0, cellsPerRow: [] });

    await press(page, "#run");
    expect(await shape(page)).toEqual({ tbodies: 0, directTbodies: 0, rows: 1000, directRows: 1000, cellsPerRow: [4] });
    expect(await rowIds(page)).toEqual(range(1, 1000));
    const labels = await page.$$eval("table.rows a.lbl", (as) => as.map((a) => a.textContent!));
    expect(labels.every((l) => /^\w+ \w+ \w+$/.test(l))).toBe(true);

    // Running again replaces every row; ids continue.
    await press(page, "#run");
    expect(await rowIds(page)).toEqual(range(1001, 1000));
    expect((await shape(page)).tbodies).toBe(0);
    expect(live.problems).toEqual([]);
  });

  test("new rows come as a shape and their values, each row built as a clone; later patches reach their cells", async () => {
    const frames: Buffer[] = [];
    live = await examples.open(examples.server.url + "/table", {
      beforeLoad: (page) => page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => void frames.push(typeof payload === "string" ? Buffer.from(payload) : payload))),
    });
    const page = live.page;
    expect(await page.evaluate(() => typeof (window as { __tetherShapes?: unknown }).__tetherShapes)).toBe("function");
    frames.length = 0;
    await press(page, "#run");
    // The create's patch: a large one travels deflated (a binary frame).
    const texts = frames.map((f) => (f[0] === 0x7b ? f.toString() : inflateRawSync(f).toString()));
    const patch = texts.map((t) => JSON.parse(t) as { k: number; o?: unknown[][] }).find((m) => m.k === Msg.Patch && m.o?.some((op) => op[0] === Op.Create))!;
    const [, , , , trees] = patch.o!.find((op) => op[0] === Op.Create) as [number, number, number, number, unknown[][]];
    expect(trees).toHaveLength(1);
    expect(trees[0]![0]).toBe(TreeKind.TemplateDef);
    expect(JSON.stringify(patch).length).toBeLessThan(60_000); // 1,000 rows' values, not their markup
    expect(await rowIds(page)).toEqual(range(1, 1000));
    // Patches address the clones' nodes by id: a select, an update of every 10th label, a removal.
    await afterAnswer(page, () => page.click("table.rows tr:nth-child(6) a.lbl"));
    expect(await page.$$eval("table.rows tr.danger td.col-id", (tds) => tds.map((td) => td.textContent))).toEqual(["6"]);
    await press(page, "#update");
    expect(await page.$eval("table.rows tr:nth-child(991) a.lbl", (a) => a.textContent)).toMatch(/ !!!$/);
    await afterAnswer(page, () => page.click("table.rows tr:nth-child(3) a.remove"));
    expect((await rowIds(page)).slice(0, 3)).toEqual([1, 2, 4]);
    expect(live.problems).toEqual([]);
  });

  test("#runlots creates 10,000 rows and #add appends 1,000 with ids that continue", async () => {
    const page = await openTable();
    await press(page, "#runlots");
    expect(await shape(page)).toEqual({ tbodies: 0, directTbodies: 0, rows: 10000, directRows: 10000, cellsPerRow: [4] });
    expect(await rowIds(page)).toEqual(range(1, 10000));

    await press(page, "#run");
    const held = await holdRows(page);
    await press(page, "#add");
    expect(await rowIds(page)).toEqual(range(10001, 2000));
    expect((await shape(page)).tbodies).toBe(0);
    // Appending leaves the first 1,000 rows where they were, as the same nodes.
    expect(await page.evaluate((held) => held.every((tr, i) => document.querySelectorAll("table.rows tr")[i] === tr), held)).toBe(true);
    expect(live.problems).toEqual([]);
  });

  test('#update appends " !!!" to every 10th label with 100 text mutations and nothing else', async () => {
    const page = await openTable();
    await press(page, "#run");
    const before = await page.$$eval("table.rows a.lbl", (as) => as.map((a) => a.textContent!));
    const held = await holdRows(page);
    const labelTexts = await page.evaluateHandle(() => Array.from(document.querySelectorAll("table.rows a.lbl"), (a) => a.firstChild!));
    const recorder: Recorder = await observeTable(page);

    await press(page, "#update");
    const mutations = await page.evaluate((r) => {
      const records = r.stop();
      const inLabel = (n: Node) => (n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement)?.closest("a.lbl") != null;
      return {
        total: records.length,
        labelText: records.filter((m) => m.type === "characterData" && inLabel(m.target)).length,
        labelTargets: new Set(records.filter((m) => inLabel(m.target)).map((m) => m.target)).size,
        childList: records.filter((m) => m.type === "childList").length,
        attributes: records.filter((m) => m.type === "attributes").length,
      };
    }, recorder);
    expect(mutations).toEqual({ total: 100, labelText: 100, labelTargets: 100, childList: 0, attributes: 0 });

    const after = await page.$$eval("table.rows a.lbl", (as) => as.map((a) => a.textContent!));
    expect(after).toEqual(before.map((label, i) => (i % 10 === 0 ? label + " !!!" : label)));
    expect(await rowIds(page)).toEqual(range(1, 1000));

    // Every row, and every label's text node, is the same object as before.
    const same = await page.evaluate(
      ({ held, labelTexts }) => {
        const trs = document.querySelectorAll("table.rows tr");
        const as = document.querySelectorAll("table.rows a.lbl");
        return { rows: held.every((tr, i) => trs[i] === tr), texts: labelTexts.every((t, i) => as[i].firstChild === t) };
      },
      { held, labelTexts },
    );
    expect(same).toEqual({ rows: true, texts: true });

    // Updating again appends again, to the same rows.
    await press(page, "#update");
    expect(await page.textContent("table.rows tr:nth-child(11) a.lbl")).toBe(before[10] + " !!! !!!");
    expect(await page.textContent("table.rows tr:nth-child(12) a.lbl")).toBe(before[11]);
    expect(live.problems).toEqual([]);
  });

  test("#swaprows swaps rows 2 and 999 by moving exactly those two <tr> nodes", async () => {
    const page = await openTable();
    await press(page, "#run");
    const held = await holdRows(page);
    const recorder: Recorder = await observeTable(page);

    await press(page, "#swaprows");
    const expected = range(1, 1000);
    [expected[1], expected[998]] = [expected[998], expected[1]];
    expect(await rowIds(page)).toEqual(expected);

    const mutations = await page.evaluate((r) => {
      const records = r.stop();
      const added = new Set<Node>();
      const removed = new Set<Node>();
      for (const m of records) {
        if (m.type !== "childList") continue;
        m.addedNodes.forEach((n) => added.add(n));
        m.removedNodes.forEach((n) => removed.add(n));
      }
      const ids = (nodes: Set<Node>) => Array.from(nodes, (n) => Number((n as Element).querySelector("td.col-id")?.textContent)).sort((a, b) => a - b);
      return {
        other: records.filter((m) => m.type !== "childList").length,
        added: ids(added),
        removed: ids(removed),
        allRows: [...added, ...removed].every((n) => n.nodeName === "TR"),
        // A move is a removal and an addition of the same node: nothing was created or dropped.
        sameNodes: added.size === removed.size && [...added].every((n) => removed.has(n) && n.isConnected),
      };
    }, recorder);
    expect(mutations).toEqual({ other: 0, added: [2, 999], removed: [2, 999], allRows: true, sameNodes: true });

    // The rows are the same set of nodes; only the two swapped changed places.
    const identity = await page.evaluate((held) => {
      const trs = Array.from(document.querySelectorAll("table.rows tr"));
      const heldSet = new Set(held);
      return {
        sameSet: trs.length === held.length && trs.every((tr) => heldSet.has(tr)),
        samePlace: trs.filter((tr, i) => held[i] === tr).length,
        swapped: trs[1] === held[998] && trs[998] === held[1],
      };
    }, held);
    expect(identity).toEqual({ sameSet: true, samePlace: 998, swapped: true });

    // Swapping back restores the order.
    await press(page, "#swaprows");
    expect(await rowIds(page)).toEqual(range(1, 1000));
    expect(live.problems).toEqual([]);
  });

  test('clicking a.lbl marks that row, and only that one, "danger"', async () => {
    const page = await openTable();
    await press(page, "#run");
    const dangerIds = () => page.$$eval("table.rows tr.danger td.col-id", (tds) => tds.map((td) => Number(td.textContent)));
    expect(await dangerIds()).toEqual([]);

    await afterAnswer(page, () => page.click("table.rows tr:nth-child(5) a.lbl"));
    expect(await dangerIds()).toEqual([5]);

    await afterAnswer(page, () => page.click("table.rows tr:nth-child(900) a.lbl"));
    expect(await dangerIds()).toEqual([900]);
    expect(await page.getAttribute("table.rows tr:nth-child(5)", "class")).not.toContain("danger");

    // Selecting the selected row again changes nothing.
    await afterAnswer(page, () => page.click("table.rows tr:nth-child(900) a.lbl"));
    expect(await dangerIds()).toEqual([900]);
    // a.lbl has no href: clicking it must not navigate.
    expect(new URL(page.url()).pathname).toBe("/table");
    expect(live.problems).toEqual([]);
  });

  test("clicking a.remove removes that row and keeps the others' nodes", async () => {
    const page = await openTable();
    await press(page, "#run");
    const held = await holdRows(page);

    await afterAnswer(page, () => page.click("table.rows tr:nth-child(3) a.remove"));
    expect(await rowIds(page)).toEqual(range(1, 1000).filter((id) => id !== 3));
    await afterAnswer(page, () => page.click("table.rows tr:nth-child(1) a.remove"));
    await afterAnswer(page, () => page.click("table.rows tr:last-child a.remove"));
    expect(await rowIds(page)).toEqual(range(1, 1000).filter((id) => id !== 1 && id !== 3 && id !== 1000));

    const identity = await page.evaluate((held) => {
      const trs = Array.from(document.querySelectorAll("table.rows tr"));
      const kept = held.filter((tr) => tr.isConnected);
      return { kept: kept.length, inOrder: kept.every((tr, i) => trs[i] === tr) };
    }, held);
    expect(identity).toEqual({ kept: 997, inOrder: true });
    expect(live.problems).toEqual([]);
  });

  test("#clear empties the table, and rows can be created again", async () => {
    const page = await openTable();
    await press(page, "#run");
    await press(page, "#clear");
    expect(await shape(page)).toEqual({ tbodies: 0, directTbodies: 0, rows: 0, directRows: 0, cellsPerRow: [] });
    expect(await page.evaluate(() => document.querySelector("table.rows")!.childNodes.length)).toBe(0);

    await press(page, "#run");
    expect(await rowIds(page)).toEqual(range(1001, 1000));
    await press(page, "#clear");
    expect((await shape(page)).rows).toBe(0);
    expect(live.problems).toEqual([]);
  });
});

/** The table example with rows from the start, so that the first paint has rows in it. */
class FilledTable extends Table {
  mount() {
    this.run();
  }
}

describe("table rendered with rows in the first paint", () => {
  let filled: RunningServer;

  beforeAll(async () => {
    filled = await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/table": FilledTable } });
  });

  afterAll(async () => {
    await filled?.close();
  });

  test("the parser's <tbody> is gone after connecting, and patches land on the final rows", async () => {
    const context = await examples.browser.newContext();
    try {
      // Without the runtime, the page shows what the HTML parser made of the server's HTML.
      const still = await context.newPage();
      await still.route("**/_tether/*", (route) => route.abort());
      await still.goto(filled.url + "/table");
      expect(await still.evaluate(() => document.querySelectorAll("table.rows > tbody > tr").length)).toBe(1000);
      await still.close();
    } finally {
      await context.close();
    }

    const page = await openTable(filled.url + "/table");
    expect(await shape(page)).toEqual({ tbodies: 0, directTbodies: 0, rows: 1000, directRows: 1000, cellsPerRow: [4] });
    expect(await rowIds(page)).toEqual(range(1, 1000));

    // Ids point at the rows in the table now, not at nodes left in a detached <tbody>.
    await afterAnswer(page, () => page.click("table.rows tr:nth-child(7) a.lbl"));
    expect(await page.$$eval("table.rows tr.danger td.col-id", (tds) => tds.map((td) => Number(td.textContent)))).toEqual([7]);
    await press(page, "#swaprows");
    const expected = range(1, 1000);
    [expected[1], expected[998]] = [expected[998], expected[1]];
    expect(await rowIds(page)).toEqual(expected);
    await press(page, "#update");
    expect(await page.textContent("table.rows tr:nth-child(11) a.lbl")).toMatch(/ !!!$/);
    expect((await shape(page)).tbodies).toBe(0);
    expect(live.problems).toEqual([]);
  });
});
