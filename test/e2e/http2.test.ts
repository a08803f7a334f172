/**
 * End to end in headless Chromium: the README's HTTP/2 recipe (examples/recipes/http2.ts, run
 * as its user runs it). The page comes over HTTP/2, the WebSocket over an HTTP/1.1 connection
 * of its own (which `allowHTTP1` lets in), and a click is answered; the long-poll fallback
 * works over HTTP/2 as well (its requests name the host in `:authority`, which the origin
 * check reads). On SIGTERM it stops although the browser keeps its HTTP/2 session open.
 * Chromium trusts the test certificate only by `--ignore-certificate-errors`, in this suite alone.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser.js";
import { AppProcess } from "../support/app-process.js";
import { openLivePage, type LivePage } from "../support/live-page.js";
import { TLS_FILES } from "../support/tls.js";

let browser: Browser;
let app: AppProcess;
const pages: LivePage[] = [];

beforeAll(async () => {
  [browser, app] = await Promise.all([
    launchChromium(["--ignore-certificate-errors"]),
    AppProcess.start("node", ["--conditions=tether-source", "--import", "tsx", "examples/recipes/http2.ts"], { PORT: "0", ...TLS_FILES }),
  ]);
});

afterAll(async () => {
  for (const page of pages) await page.close();
  await browser?.close();
  app?.kill();
});

/** How the page's own document came, and which transport the runtime uses. */
function protocols(live: LivePage): Promise<{ page: string; transport: string }> {
  return live.page.evaluate(() => ({
    page: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).nextHopProtocol,
    transport: (window as unknown as { tether: { transport: string } }).tether.transport,
  }));
}

async function clickTwice(live: LivePage): Promise<void> {
  await live.page.click("#inc");
  await live.page.click("#inc");
  await live.page.waitForFunction(() => document.querySelector("#count")?.textContent === "2");
}

test("pages over HTTP/2, the WebSocket over HTTP/1.1: a click is answered", async () => {
  const live = await openLivePage(browser, `${new URL(app.url).origin}/counter`);
  pages.push(live);
  expect(await protocols(live)).toEqual({ page: "h2", transport: "websocket" });
  await clickTwice(live);
  expect(live.problems).toEqual([]);
});

test("the long-poll fallback over HTTP/2: a click is answered", async () => {
  const live = await openLivePage(browser, `${new URL(app.url).origin}/counter?transport=longpoll`);
  pages.push(live);
  expect(await protocols(live)).toEqual({ page: "h2", transport: "longpoll" });
  await clickTwice(live);
  expect(live.problems).toEqual([]);
});

test("stops on SIGTERM while Chromium holds its HTTP/2 session: the tab is told to reconnect, the process ends", async () => {
  const live = await openLivePage(browser, `${new URL(app.url).origin}/counter`);
  pages.push(live);
  app.signal("SIGTERM");
  await live.page.waitForSelector("html.tether-reconnecting", { state: "attached" });
  // The recipe closes the browser's HTTP/2 session too, without which close() would wait for it.
  expect(await app.exited).toEqual({ code: 0, signal: null });
});
