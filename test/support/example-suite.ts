import { afterAll, afterEach, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import type { RunningServer } from "../../src/index.js";
import { launchChromium } from "./browser.js";
import { serveExamples } from "./examples.js";
import { openLivePage, type LivePage } from "./live-page.js";

/** A browser suite over the examples: one Chromium and one server per file, a page per test. */
export interface ExampleSuite {
  readonly browser: Browser;
  readonly server: RunningServer;
  /** Opens a connected page at `path` (or a full URL); it is closed after the test. */
  open(path: string): Promise<LivePage>;
}

/** Registers the suite's hooks (call it at the top of a test file) and returns its handle. */
export function useExamples(): ExampleSuite {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const pages: LivePage[] = [];
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), serveExamples()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get server() {
      return server!;
    },
    async open(path: string) {
      const page = await openLivePage(browser!, path.startsWith("http") ? path : server!.url + path);
      pages.push(page);
      return page;
    },
  };
}
