/**
 * Browser pages for the executeJs / bridge end-to-end tests: a tab whose WebSockets the test
 * can reach (to cut the connection the way a network drop would), and the live session the
 * server holds for it.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { LiveSession, RunningServer } from "../../src/index.js";
import { waitConnected } from "./live-page.js";

export interface Tab {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Every WebSocket the page opens is kept in `window.__sockets`, in order. */
const CAPTURE_SOCKETS = `(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__sockets.push(this);
    }
  };
})();`;

export type SocketsWindow = Window & { __sockets: WebSocket[] };

/** Opens `url` in a fresh context (with `beforeLoad` run before any page script) and waits until it joined. */
export async function openTab(browser: Browser, url: string, options: { beforeLoad?: string; waitJoined?: boolean } = {}): Promise<Tab> {
  const context = await browser.newContext();
  await context.addInitScript(CAPTURE_SOCKETS + (options.beforeLoad ?? ""));
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(url);
  if (options.waitJoined !== false) await waitConnected(page);
  return { page, context, pageErrors, close: () => context.close() };
}

/** The server's session for the tab (the id the runtime joined with). */
export async function sessionOf(server: RunningServer, page: Page): Promise<LiveSession> {
  const sid = await page.evaluate(() => (window as unknown as { tether: { sessionId: string | null } }).tether.sessionId);
  const session = sid === null ? undefined : server.tether.sessions.get(sid);
  if (session === undefined) throw new Error(`no live session ${String(sid)} on the server`);
  return session;
}

/** Waits until the text of `selector` is exactly `text`. */
export async function textIs(page: Page, selector: string, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(
    ([s, t]) => document.querySelector(s)?.textContent === t,
    [selector, text] as const,
    { timeout },
  );
}
