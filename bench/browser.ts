/**
 * In Chromium: the time from a click to the DOM showing its result, for the `/table`
 * operations (create 1,000, update every 10th, swap, select, remove, clear, create 10,000,
 * clear 10,000), on Tether's /table and beside it on two baselines of the same table: plain
 * JavaScript in the page with no server (bench/pages/table-vanilla.ts) and a page that sets
 * its container's `innerHTML` to the whole-HTML server's answer (bench/pages/table-whole-html.ts).
 * Measured in the page: `performance.now()` just before `element.click()`, then a
 * MutationObserver checks after each batch of mutations whether the DOM shows the result
 * (e.g. 1,000 rows; row 990's label ends in " !!!"), always reading the rows afresh (the
 * whole-HTML page replaces every node); "frame" adds the wait for the next animation frame
 * after that, when the browser has styled, laid out and painted it.
 *
 * The pages are open side by side in one Chromium and take turns at every operation, the first
 * to go rotating with the round, so that noise hits them alike. Debian's chromium, launched as
 * the tests launch it (test/support/browser.ts); it inherits this process's core (the load
 * client's), the servers run on the other.
 */
import { execFileSync } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";
import { median } from "./stats.js";
import { TETHER, VANILLA_JS, WHOLE_HTML } from "./labels.js";

export const BROWSER_OPS = ["create 1,000", "update every 10th", "swap rows", "select", "remove one", "clear", "create 10,000", "clear 10,000"] as const;

export interface BrowserOpFigures {
  /** Median click → DOM updated, ms. */
  domMs: number;
  /** Median click → next frame after the update, ms. */
  frameMs: number;
  samples: number;
}

/** A page of the table to measure: what the report calls it, where it is, and when it is ready. */
export interface BrowserTarget {
  label: string;
  url: string;
  /** The class the page's `<html>` gets once it answers clicks (Tether's: tether-connected, once joined). */
  readyClass: string;
}

export interface BrowserResult {
  chromium: string;
  /** Tether's /table, by operation. */
  ops: Record<string, BrowserOpFigures>;
  /** The baselines measured beside it in the same rounds, by label (vanilla JS, whole HTML), then by operation. */
  baselines: Record<string, Record<string, BrowserOpFigures>>;
  /**
   * Tether's /counter in the same Chromium: median click → the count shown, ms, one click after
   * every operation's turns, as the table pages' clicks come: after the same pauses, on a server
   * and a browser that did other work in between. The round trip any click on a server-driven
   * page pays in this bench (absent when no counter was given).
   */
  counterRttMs?: number;
  /** The same, the clicks back to back (warm: each right after the last answer). */
  counterBackToBackMs?: number;
  counterSamples?: number;
  rounds: number;
}

/** Tether's /table page on the bench server at `serverUrl`. */
export const tetherTable = (serverUrl: string): BrowserTarget => ({ label: TETHER, url: `${serverUrl}/table`, readyClass: "tether-connected" });

/** The baselines: the pages of bench/servers/pages.ts at `pagesUrl`, the whole-HTML one talking to the server at `wholeHtmlUrl`. */
export function baselineTables(pagesUrl: string, wholeHtmlUrl: string): BrowserTarget[] {
  return [
    { label: VANILLA_JS, url: `${pagesUrl}/table-vanilla`, readyClass: "bench-ready" },
    { label: WHOLE_HTML, url: `${pagesUrl}/table-whole-html?ws=${new URL(wholeHtmlUrl).port}`, readyClass: "bench-ready" },
  ];
}

export function chromiumPath(): string {
  const path = execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).trim();
  if (!path) throw new Error("chromium is not installed (Debian's chromium package; never downloaded)");
  return path;
}

// Runs in the page: clicks, then resolves with [dom ms, frame ms] once `done()` holds. Every
// check reads the rows again: the whole-HTML page replaces them all at every answer.
const IN_PAGE = `
window.__benchOp = (op) => new Promise((resolve, reject) => {
  const rows = () => document.querySelectorAll("table.rows tr");
  const label = (tr) => tr.querySelector("a.lbl").textContent;
  const id = (tr) => tr.querySelector("td").textContent;
  let target, done;
  const r = rows();
  switch (op) {
    case "create 1,000": target = "#run"; done = () => rows().length === 1000; break;
    case "create 10,000": target = "#runlots"; done = () => rows().length === 10000; break;
    case "clear": case "clear 10,000": target = "#clear"; done = () => rows().length === 0; break;
    case "update every 10th": { const before = label(r[990]); target = "#update"; done = () => label(rows()[990]) === before + " !!!"; break; }
    case "swap rows": { const a = id(r[1]), b = id(r[998]); target = "#swaprows"; done = () => { const n = rows(); return id(n[1]) === b && id(n[998]) === a; }; break; }
    case "select": target = r[5].querySelector("a.lbl"); done = () => rows()[5].classList.contains("danger"); break;
    case "remove one": { const gone = id(r[10]), count = r.length; target = r[10].querySelector("a.remove"); done = () => { const n = rows(); return n.length === count - 1 && id(n[10]) !== gone; }; break; }
    default: reject(new Error("unknown op " + op)); return;
  }
  const element = typeof target === "string" ? document.querySelector(target) : target;
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error(op + ": the DOM did not show the result within 20 s")); }, 20000);
  const observer = new MutationObserver(() => {
    if (!done()) return;
    const dom = performance.now() - t0;
    observer.disconnect();
    clearTimeout(timer);
    requestAnimationFrame(() => setTimeout(() => resolve([dom, performance.now() - t0]), 0));
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  const t0 = performance.now();
  element.click();
});`;

type BenchWindow = { __benchOp(op: string): Promise<[number, number]> };

/**
 * Opens `tether` (Tether's /table) and each of `baselines` in one Chromium and runs the
 * operation sequence `warmUp + rounds` times on each, the pages taking turns at every operation.
 */
export async function measureBrowser(tether: BrowserTarget, baselines: BrowserTarget[] = [], rounds = 5, warmUp = 2, counterUrl?: string): Promise<BrowserResult> {
  const executablePath = chromiumPath();
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const targets = [tether, ...baselines];
    const pages = [];
    for (const target of targets) {
      const page = await browser.newPage();
      await page.goto(target.url);
      await page.waitForFunction((ready) => document.documentElement.classList.contains(ready), target.readyClass, { timeout: 20_000 });
      await page.evaluate(IN_PAGE);
      pages.push(page);
    }
    const counter = counterUrl === undefined ? null : await openCounter(browser, counterUrl);
    const counterInTurn: number[] = [];
    const dom = targets.map(() => new Map<string, number[]>(BROWSER_OPS.map((op) => [op, []])));
    const frame = targets.map(() => new Map<string, number[]>(BROWSER_OPS.map((op) => [op, []])));
    for (let round = 0; round < warmUp + rounds; round++) {
      for (const op of BROWSER_OPS) {
        for (let turn = 0; turn < targets.length; turn++) {
          const t = (turn + round) % targets.length;
          const [d, f] = await pages[t].evaluate((name) => (window as unknown as BenchWindow).__benchOp(name), op);
          if (round < warmUp) continue;
          dom[t].get(op)!.push(d);
          frame[t].get(op)!.push(f);
        }
        if (counter === null) continue;
        const ms = await clickCounter(counter);
        if (round >= warmUp) counterInTurn.push(ms);
      }
    }
    const figures = (t: number) => {
      const ops: Record<string, BrowserOpFigures> = {};
      for (const op of BROWSER_OPS) ops[op] = { domMs: median(dom[t].get(op)!), frameMs: median(frame[t].get(op)!), samples: dom[t].get(op)!.length };
      return ops;
    };
    const counterBackToBackMs = counter === null ? undefined : await counterBackToBack(counter);
    const counterRttMs = counter === null ? undefined : median(counterInTurn);
    return {
      chromium: browser.version(),
      ops: figures(0),
      baselines: Object.fromEntries(baselines.map((b, i) => [b.label, figures(i + 1)])),
      counterRttMs,
      counterBackToBackMs,
      counterSamples: counterInTurn.length,
      rounds,
    };
  } finally {
    await browser?.close();
  }
}

/** Tether's /counter, open and joined. */
async function openCounter(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.classList.contains("tether-connected"), undefined, { timeout: 20_000 });
  return page;
}

/** One click on the counter page: click → the new count shown, ms. */
function clickCounter(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const count = document.querySelector("#count")!;
        const before = count.textContent;
        const observer = new MutationObserver(() => {
          if (count.textContent === before) return;
          observer.disconnect();
          resolve(performance.now() - t0);
        });
        observer.observe(count, { childList: true, subtree: true, characterData: true });
        const t0 = performance.now();
        (document.querySelector("#inc") as HTMLElement).click();
      }),
  );
}

/** Median click → the new count, ms, over 40 clicks back to back after 20 of warm-up. */
async function counterBackToBack(page: Page): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 60; i++) {
    const ms = await clickCounter(page);
    if (i >= 20) samples.push(ms);
  }
  return median(samples);
}
