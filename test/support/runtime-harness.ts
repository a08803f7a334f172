import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Harness } from "../runtime/harness-entry.js";
import { launchChromium } from "./browser.js";

const ENTRY = fileURLToPath(new URL("../runtime/harness-entry.ts", import.meta.url));

/** The window of a harness page, for `page.evaluate` callbacks. */
export type HarnessWindow = Window & { __harness: Harness };

let bundle: Promise<string> | null = null;

/** test/runtime/harness-entry.ts and the runtime's DOM layer, bundled in memory (once per file). */
export function harnessBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: "iife",
    target: ["es2020"],
    define: { DEV: "true" },
    logLevel: "silent",
  }).then((result) => result.outputFiles[0].text);
  return bundle;
}

/** A blank page with `<div id=root>` and `window.__harness` ready; collects page errors. */
export async function openHarness(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.setContent("<!doctype html><html><head><meta charset=utf-8></head><body><div id=root></div></body></html>");
  await page.addScriptTag({ content: await harnessBundle() });
  return { page, errors };
}

/** A file's harness page: one Chromium and one page for the whole file. */
export interface HarnessSuite {
  readonly page: Page;
  /** Uncaught errors the page has thrown so far. */
  readonly errors: string[];
}

/**
 * Registers the file's hooks (call it at the top of a test file) and returns its handle. The
 * page exists only once beforeAll has run, so the handle reads it through getters.
 */
export function useHarness(): HarnessSuite {
  let browser: Browser | undefined;
  let opened: { page: Page; errors: string[] } | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    opened = await openHarness(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get page() {
      return opened!.page;
    },
    get errors() {
      return opened!.errors;
    },
  };
}
