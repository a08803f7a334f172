/**
 * Pages in headless Chromium whose connection a test watches (test/e2e/reconnect*.test.ts):
 * the runtime's status and resume events, every request and WebSocket the page made, and what
 * it logged. `usePages()` launches one browser for a test file and closes each test's pages.
 */
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./browser.js";

/** Records the runtime's DOM events, from before the runtime loads. */
const RECORD_EVENTS = `(() => {
  const log = { statuses: [], resumed: 0, ended: 0 };
  window.__tetherLog = log;
  document.addEventListener("tether:status", (e) => log.statuses.push(e.detail.status));
  document.addEventListener("tether:resumed", () => log.resumed++);
  document.addEventListener("tether:session-ended", () => log.ended++);
})();`;

/** What the runtime announced so far: every status it went through, resumes, ended sessions. */
export interface TetherLog {
  statuses: string[];
  resumed: number;
  ended: number;
}

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions, and runtime warnings about messages out of order. */
  problems: string[];
  /** Messages the page logged with console.error. */
  errors: string[];
  /** URLs of every request the page made. */
  requests: string[];
  /** URLs of every WebSocket the page opened (or tried to). */
  sockets: string[];
  /** URLs of the WebSockets that closed, whichever side closed them. */
  closedSockets: string[];
}

export interface OpenOptions {
  /** A script to run in the page before its own (after the event recorder). */
  initScript?: string;
  /** Runs before the page is loaded: to route its requests, say. */
  beforeLoad?: (page: Page) => Promise<unknown>;
}

/** Launches Chromium for this test file; `open` loads a page in a fresh context, closed after the test. */
export function usePages(): { open(url: string, options?: OpenOptions): Promise<OpenPage> } {
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  async function open(url: string, options: OpenOptions = {}): Promise<OpenPage> {
    const context = await browser.newContext();
    contexts.push(context);
    await context.addInitScript(RECORD_EVENTS);
    if (options.initScript !== undefined) await context.addInitScript(options.initScript);
    const page = await context.newPage();
    const opened: OpenPage = { page, context, problems: [], errors: [], requests: [], sockets: [], closedSockets: [] };
    page.on("pageerror", (error) => opened.problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.text().includes("arrived after")) opened.problems.push(message.text());
      if (message.type() === "error") opened.errors.push(message.text());
    });
    page.on("request", (request) => opened.requests.push(`${request.method()} ${request.url()}`));
    page.on("websocket", (ws) => {
      opened.sockets.push(ws.url());
      ws.on("close", () => opened.closedSockets.push(ws.url()));
    });
    await options.beforeLoad?.(page);
    await page.goto(url);
    await connected(page);
    return opened;
  }

  return { open };
}

/** Resolves once <html> has tether-connected (the runtime applied a Mount or a Resume). */
export const connected = (page: Page) => page.waitForSelector("html.tether-connected", { state: "attached", timeout: 15_000 });

export const log = (page: Page): Promise<TetherLog> => page.evaluate(() => (window as unknown as { __tetherLog: TetherLog }).__tetherLog);

/** Waits until the element's text is exactly `text`. */
export const textIs = (page: Page, selector: string, text: string, timeout = 15_000) =>
  page.waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, text] as const, { timeout });

/** The id of the session the page's root was rendered for. */
export const sessionOf = (page: Page): Promise<string> => page.evaluate(() => document.querySelector("[data-tether-root]")!.getAttribute("data-tether-session")!);
