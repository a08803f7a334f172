/**
 * The shipped runtime (dist/tether.min.js, minified by esbuild then terser), the live navigation
 * script every page loads deferred, and the long-poll script the runtime loads on demand, end to
 * end: the other browser suites run the development builds.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import type { RunningServer } from "../../src/index.js";
import { launchChromium } from "../support/browser.js";
import { serveExamples } from "../support/examples.js";

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), serveExamples({ dev: false })]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the production bundle", () => {
  for (const transport of ["websocket", "longpoll"]) {
    test(`serves /counter over ${transport}`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const scripts: string[] = [];
      page.on("request", (r) => r.resourceType() === "script" && scripts.push(new URL(r.url()).pathname));
      await page.goto(`${server.url}/counter${transport === "longpoll" ? "?transport=longpoll" : ""}`);
      await page.waitForFunction(() => document.documentElement.classList.contains("tether-connected"));
      for (let i = 0; i < 3; i++) await page.click("#inc");
      await page.waitForFunction(() => document.querySelector("#count")?.textContent === "3");
      expect(errors).toEqual([]);
      expect(scripts).toEqual(transport === "longpoll" ? ["/_tether/tether.js", "/_tether/tether-nav.js", "/_tether/tether-longpoll.js"] : ["/_tether/tether.js", "/_tether/tether-nav.js"]);
      expect(await page.evaluate(() => window.tether!.transport)).toBe(transport);
      await page.close();
    });
  }

  test("navigates live with the minified navigation script", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/profile`);
    await page.waitForFunction(() => document.documentElement.classList.contains("tether-connected") && document.readyState === "complete");
    await page.evaluate(() => ((window as unknown as { mark: number }).mark = 1));
    await page.click('a[href="/profile/3"]');
    await page.waitForFunction(() => location.pathname === "/profile/3" && document.querySelector("#person-name") !== null);
    expect(await page.evaluate(() => (window as unknown as { mark?: number }).mark)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
