/**
 * In Chromium: the time from a click to the DOM showing its result, for the `/table`
 * operations on Tether (create 1,000, update every 10th, swap, select, remove, clear, create
 * 10,000). Measured in the page: `performance.now()` just before `element.click()`, then a
 * MutationObserver checks after each batch of mutations whether the DOM shows the result
 * (e.g. 1,000 rows; row 990's label ends in " !!!"); "frame" adds the wait for the next
 * animation frame after that, when the browser has styled, laid out and painted it.
 *
 * Debian's chromium, launched as the tests launch it (test/support/browser.ts); it inherits
 * this process's core (the load client's), the server runs on the other.
 */
import { execFileSync } from "node:child_process";
import { chromium, type Browser } from "playwright-core";
import { median } from "./stats.js";

export const BROWSER_OPS = ["create 1,000", "update every 10th", "swap rows", "select", "remove one", "clear", "create 10,000", "clear 10,000"] as const;

export interface BrowserOpFigures {
  /** Median click → DOM updated, ms. */
  domMs: number;
  /** Median click → next frame after the update, ms. */
  frameMs: number;
  samples: number;
}

export interface BrowserResult {
  chromium: string;
  ops: Record<string, BrowserOpFigures>;
  rounds: number;
}

export function chromiumPath(): string {
  const path = execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], { encoding: "utf8" }).trim();
  if (!path) throw new Error("chromium is not installed (Debian's chromium package; never downloaded)");
  return path;
}

// Runs in the page: clicks, then resolves with [dom ms, frame ms] once `done()` holds.
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
    case "update every 10th": { const tr = r[990], before = label(tr); target = "#update"; done = () => label(tr) === before + " !!!"; break; }
    case "swap rows": { const a = id(r[1]), b = id(r[998]); target = "#swaprows"; done = () => { const n = rows(); return id(n[1]) === b && id(n[998]) === a; }; break; }
    case "select": target = r[5].querySelector("a.lbl"); done = () => r[5].classList.contains("danger"); break;
    case "remove one": { const gone = r[10]; target = gone.querySelector("a.remove"); done = () => !gone.isConnected && rows().length === r.length - 1; break; }
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

/** Opens `url` (Tether's /table) in Chromium and runs the operation sequence `warmUp + rounds` times. */
export async function measureBrowser(url: string, rounds = 5, warmUp = 2): Promise<BrowserResult> {
  const executablePath = chromiumPath();
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.documentElement.classList.contains("tether-connected"), undefined, { timeout: 20_000 });
    await page.evaluate(IN_PAGE);
    const dom = new Map<string, number[]>(BROWSER_OPS.map((op) => [op, []]));
    const frame = new Map<string, number[]>(BROWSER_OPS.map((op) => [op, []]));
    for (let round = 0; round < warmUp + rounds; round++) {
      for (const op of BROWSER_OPS) {
        const [d, f] = await page.evaluate((name) => (window as unknown as { __benchOp(op: string): Promise<[number, number]> }).__benchOp(name), op);
        if (round < warmUp) continue;
        dom.get(op)!.push(d);
        frame.get(op)!.push(f);
      }
    }
    const ops: BrowserResult["ops"] = {};
    for (const op of BROWSER_OPS) ops[op] = { domMs: median(dom.get(op)!), frameMs: median(frame.get(op)!), samples: dom.get(op)!.length };
    return { chromium: browser.version(), ops, rounds };
  } finally {
    await browser?.close();
  }
}
