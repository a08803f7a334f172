/**
 * Scenario: navigation between two pages in Chromium, the gallery's Profile (the list at
 * /profile, a person's page at /profile/2), Tether's live navigation against a full page load
 * of the same page. Each sample is a click on the same link:
 *
 * - live (`t-nav`): `performance.now()` just before the click, then a MutationObserver waits
 *   for `#person-name` to show the person, then the next animation frame (painted). The page
 *   goes back to the list live (not measured).
 * - full load: the same link with `t-nav` taken off the page, so the browser loads the
 *   document. Measured in the new document from its navigation start (`performance.timeOrigin`,
 *   the click's navigation): its first contentful paint, and the moment the runtime is live
 *   again (`tether-connected`: its socket joined); the page goes back to the list by a load.
 *
 * Live and full-load samples alternate, so noise hits them alike; the first rounds warm up.
 */
import { chromium, type Browser, type Page } from "playwright-core";
import { chromiumPath } from "../browser.js";
import { median } from "../stats.js";

export interface NavigationResult {
  chromium: string;
  /** Median click → new content painted, live navigation, ms. */
  liveMs: number;
  /** Median navigation start → first contentful paint of the full load, ms. */
  loadPaintMs: number;
  /** Median navigation start → the page live again after the full load (its socket joined), ms. */
  loadLiveMs: number;
  samples: number;
}

// In the new document of a full load: when the runtime is live (before its scripts run).
const RECORD_CONNECTED = `document.addEventListener("tether:status", (e) => { if (e.detail.status === "connected" && !window.__connectedAt) window.__connectedAt = performance.now(); });`;

// In the page: clicks the link to /profile/2, resolves with click → painted, ms.
const LIVE_CLICK = `new Promise((resolve, reject) => {
  const link = document.querySelector('a[href="/profile/2"]');
  const shown = () => document.querySelector("#person-name") !== null;
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error("live navigation: no #person-name within 20 s")); }, 20000);
  const observer = new MutationObserver(() => {
    if (!shown()) return;
    observer.disconnect();
    clearTimeout(timer);
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const t0 = performance.now();
  link.click();
})`;

async function openList(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/profile`);
  await page.waitForFunction(() => document.documentElement.classList.contains("tether-connected") && document.readyState === "complete", undefined, { timeout: 20_000 });
}

/** Measures `rounds` live navigations and `rounds` full loads (after `warmUp` of each) on the server at `base`. */
export async function measureNavigation(base: string, rounds = 15, warmUp = 3): Promise<NavigationResult> {
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const context = await browser.newContext();
    await context.addInitScript(RECORD_CONNECTED);
    const page = await context.newPage();
    const live: number[] = [];
    const paint: number[] = [];
    const connected: number[] = [];
    await openList(page, base);
    for (let round = 0; round < warmUp + rounds; round++) {
      const ms = (await page.evaluate(LIVE_CLICK)) as number;
      await page.click("#back");
      await page.waitForSelector("#people");
      await page.evaluate(() => document.querySelector("main")!.removeAttribute("t-nav"));
      await Promise.all([page.waitForURL("**/profile/2"), page.click('a[href="/profile/2"]')]);
      await page.waitForFunction(() => (window as unknown as { __connectedAt?: number }).__connectedAt !== undefined && performance.getEntriesByName("first-contentful-paint").length > 0, undefined, { timeout: 20_000 });
      const [fcp, live2] = await page.evaluate(() => [performance.getEntriesByName("first-contentful-paint")[0].startTime, (window as unknown as { __connectedAt: number }).__connectedAt]);
      await openList(page, base);
      if (round < warmUp) continue;
      live.push(ms);
      paint.push(fcp);
      connected.push(live2);
    }
    return { chromium: browser.version(), liveMs: median(live), loadPaintMs: median(paint), loadLiveMs: median(connected), samples: live.length };
  } finally {
    await browser?.close();
  }
}
