import { afterAll, afterEach, beforeAll } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { RunningServer } from "../../src/index.js";
import { launchChromium } from "./browser.js";
import { serveExamples } from "./examples.js";
import { openLivePage, type LivePage } from "./live-page.js";

/** A browser suite: one Chromium and one server per file, a page per test. */
export interface BrowserSuite {
  readonly browser: Browser;
  readonly server: RunningServer;
  /** Opens a connected page at `path` (or a full URL); it is closed after the test. */
  open(path: string, options?: { beforeLoad?: (page: Page) => unknown }): Promise<LivePage>;
}

/**
 * Registers the suite's hooks (call it at the top of a test file) and returns its handle;
 * `start` makes the file's server.
 */
export function useBrowserSuite(start: () => Promise<RunningServer>): BrowserSuite {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  const pages: LivePage[] = [];
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), start()]);
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
    async open(path, options) {
      const page = await openLivePage(browser!, path.startsWith("http") ? path : server!.url + path, options);
      pages.push(page);
      return page;
    },
  };
}

/** The suite over the examples, as `npm start` serves them. */
export function useExamples(): BrowserSuite {
  return useBrowserSuite(serveExamples);
}
