/**
 * End to end: the /script console in headless Chromium with the real runtime. The server runs
 * the typed code in the tab with executeJs and shows #result (the value's JSON) or #error (the
 * error's name and message); #size uses getJsResult. Plus executeJs driven straight from the
 * test against the same tab: args as named values, the page's signal, both sides' timeouts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { JsExecutionError, JsExecutionTimeout, serve, type RunningServer } from "../../src/index.js";
import { Script } from "../../examples/script.js";
import { launchChromium } from "../support/browser.js";
import { scriptRuns, TimedScript } from "../support/js-components.js";
import { openTab, sessionOf, textIs, type Tab } from "../support/js-page.js";
import { outcome } from "../support/js-client.js";

let browser: Browser;
let server: RunningServer;
/** One /script tab shared by the tests (the console is made for run after run). */
let shared: Tab;
/** A tab a single test opened for itself. */
let own: Tab | undefined;

beforeAll(async () => {
  [browser, server] = await Promise.all([
    launchChromium(),
    serve({
      port: 0,
      host: "127.0.0.1",
      dev: true,
      routes: {
        "/script": { component: Script, title: "Script console" },
        "/script-timed": { component: TimedScript, title: "Script console (timed)" },
      },
    }),
  ]);
  shared = await openTab(browser, server.url + "/script");
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  expect(shared.pageErrors).toEqual([]);
  if (own) expect(own.pageErrors).toEqual([]);
  await own?.close();
  own = undefined;
});

/** The shared /script tab, or a fresh tab of its own for `path`. */
async function open(path?: string): Promise<Page> {
  if (path === undefined) return shared.page;
  own = await openTab(browser, server.url + path);
  return own.page;
}

/**
 * Types `code` (and a timeout) into the console and presses Run. The output of the previous
 * run is marked first, so that outcomeText waits for this run's own output.
 */
async function run(page: Page, code: string, timeout = 5000): Promise<void> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll("#result, #error")) el.setAttribute("data-stale", "");
  });
  await page.fill("#code", code);
  await page.fill("#timeout", String(timeout));
  await page.click("#run");
}

/** The text of #result or #error once this run has finished (#run enabled again, a fresh output shown). */
async function outcomeText(page: Page): Promise<{ result: string | null; error: string | null }> {
  await page.waitForFunction(() => {
    const button = document.querySelector<HTMLButtonElement>("#run");
    const fresh = document.querySelector("#result:not([data-stale]), #error:not([data-stale])");
    return button !== null && !button.disabled && fresh !== null && document.querySelector("[data-stale]") === null;
  }, undefined, { timeout: 10_000 });
  return page.evaluate(() => ({
    result: document.querySelector("#result")?.textContent ?? null,
    error: document.querySelector("#error")?.textContent ?? null,
  }));
}

describe("the console", () => {
  test("#result shows the JSON of each kind of value the code returns", async () => {
    const page = await open();
    const cases: Array<[string, unknown]> = [
      ["return null", null],
      ["return true", true],
      ["return 6 * 7", 42],
      ["return 'héllo'", "héllo"],
      ["return [1, 'two', [3]]", [1, "two", [3]]],
      ["return { a: { b: [null, false] }, c: -0.5 }", { a: { b: [null, false] }, c: -0.5 }],
      ["await new Promise((r) => setTimeout(r, 50)); return document.title", "Script console"],
    ];
    for (const [code, value] of cases) {
      await run(page, code);
      const { result, error } = await outcomeText(page);
      expect(error, code).toBeNull();
      expect(result, code).toBe(JSON.stringify(value, null, 2));
    }
  });

  test("code without a return value shows undefined", async () => {
    const page = await open();
    await run(page, "document.body.dataset.touched = 'yes';");
    expect((await outcomeText(page)).result).toBe("undefined");
    expect(await page.evaluate(() => document.body.dataset.touched)).toBe("yes");
    await page.evaluate(() => delete document.body.dataset.touched);
  });

  test("a thrown error shows its name and message", async () => {
    const page = await open();
    await run(page, "throw new TypeError('boom')");
    expect(await outcomeText(page)).toEqual({ result: null, error: "TypeError: boom" });
  });

  test("a rejected promise shows its error", async () => {
    const page = await open();
    await run(page, "return Promise.reject(new RangeError('nope'))");
    expect((await outcomeText(page)).error).toBe("RangeError: nope");
    await run(page, "await new Promise((_, reject) => setTimeout(() => reject(new SyntaxError('later')), 20))");
    expect((await outcomeText(page)).error).toBe("SyntaxError: later");
  });

  test("code that does not parse shows a SyntaxError", async () => {
    const page = await open();
    await run(page, "return (1 +");
    expect((await outcomeText(page)).error).toMatch(/^SyntaxError: /);
  });

  test("a DOM node cannot travel: SerializationError, not a silent null", async () => {
    const page = await open();
    await run(page, "return document.body");
    const { result, error } = await outcomeText(page);
    expect(result).toBeNull();
    expect(error).toMatch(/^SerializationError: the result is a HTMLBodyElement/);
  });

  test("a never-settling promise times out: #error starts with JsExecutionTimeout, and the server's wait ended within timeout + 1 s", async () => {
    const page = await open("/script-timed");
    const before = scriptRuns.length;
    await run(page, "await new Promise(() => {})", 300);
    const { error } = await outcomeText(page);
    expect(error).toMatch(/^JsExecutionTimeout/);
    expect(error).toContain("300 ms");
    expect(scriptRuns.length).toBe(before + 1);
    const elapsed = scriptRuns[before];
    // A correctness bound (it settles), not a performance figure.
    expect(elapsed).toBeGreaterThanOrEqual(295);
    expect(elapsed).toBeLessThan(300 + 1000);
    // The console works again afterwards.
    await run(page, "return 1");
    expect((await outcomeText(page)).result).toBe("1");
  });

  test("#size shows the window's inner width and height", async () => {
    const page = await open();
    await page.setViewportSize({ width: 900, height: 640 });
    await page.click("#size");
    await textIs(page, "#viewport", "900 × 640");
    await page.setViewportSize({ width: 1111, height: 555 });
    await page.click("#size");
    await textIs(page, "#viewport", "1111 × 555");
    const { w, h } = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
    expect(`${w} × ${h}`).toBe("1111 × 555");
  });
});

describe("executeJs from the server into the same tab", () => {
  test("args reach the code as named values: a hostile string is data, never code", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    const hostile = "'); window.__pwned = true; ('";
    const value = await session.executeJs("return [text, n * 2, list.length, obj.k]", {
      waitForResult: true,
      args: { text: hostile, n: 21, list: [1, 2, 3], obj: { k: null } },
    });
    expect(value).toEqual([hostile, 42, 3, null]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  });

  test("without waitForResult it resolves once the code ran, with undefined", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    await expect(session.executeJs("window.__ran = 'sync part'; await new Promise(() => {})")).resolves.toBeUndefined();
    expect(await page.evaluate(() => (window as unknown as { __ran?: string }).__ran)).toBe("sync part");
  });

  test("getJsResult reads a variable the code declared", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    await expect(session.getJsResult("let answer = { at: location.pathname };", "answer")).resolves.toEqual({ at: "/script" });
    await expect(session.getJsResult("", "document.title")).resolves.toBe("Script console");
  });

  test("aborting on the server aborts the code's signal in the page with an AbortError", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    const controller = new AbortController();
    const p = outcome(session.executeJs(
      "window.__started = true; await new Promise((_, reject) => signal.addEventListener('abort', () => { window.__aborted = signal.reason.name; reject(signal.reason); }))",
      { waitForResult: true, signal: controller.signal },
    ));
    await page.waitForFunction(() => (window as unknown as { __started?: boolean }).__started === true);
    controller.abort(new Error("stop"));
    expect(((await p).value as Error).message).toBe("stop");
    await page.waitForFunction(() => (window as unknown as { __aborted?: string }).__aborted === "AbortError", undefined, { timeout: 5000 });
  });

  test("a timeout rejects on the server and aborts the signal in the page", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    const started = performance.now();
    const { value } = await outcome(session.executeJs(
      "signal.addEventListener('abort', () => (window.__timedOut = signal.reason.name)); await new Promise(() => {})",
      { waitForResult: true, timeout: 200 },
    ));
    expect(value).toBeInstanceOf(JsExecutionTimeout);
    expect((value as JsExecutionTimeout).timeout).toBe(200);
    expect(performance.now() - started).toBeLessThan(200 + 1000);
    await page.waitForFunction(() => (window as unknown as { __timedOut?: string }).__timedOut === "JsExecutionTimeout", undefined, { timeout: 5000 });
  });

  test("a page error keeps the browser's name, message and stack", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    const { value } = await outcome(session.executeJs("function inner() { null.x; } inner();", { waitForResult: true }));
    expect(value).toBeInstanceOf(JsExecutionError);
    const error = value as JsExecutionError;
    expect(error.jsName).toBe("TypeError");
    expect(error.jsMessage).toMatch(/null/);
    expect(error.jsStack).toContain("inner");
  });
});
