/**
 * The shipped runtime (dist/tether.min.js, minified by esbuild then terser) and the long-poll
 * script it loads on demand, end to end: the other browser suites run the development build.
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
      expect(scripts).toEqual(transport === "longpoll" ? ["/_tether/tether.js", "/_tether/tether-longpoll.js"] : ["/_tether/tether.js"]);
      expect(await page.evaluate(() => window.tether!.transport)).toBe(transport);
      await page.close();
    });
  }
});
