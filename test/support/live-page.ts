import type { Browser, BrowserContext, Page } from "playwright-core";
import { Msg } from "../../src/protocol/wire.js";

/** A page of a running Tether app, joined to its live session, with what went wrong in it. */
export interface LivePage {
  page: Page;
  /** Uncaught exceptions, console errors, runtime warnings (`[tether] …`) and failed requests seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Opens `url` in a fresh context and waits until the runtime has joined and applied the
 * Mount (it sets `tether-connected` on <html> right after it mounts). `beforeLoad`
 * can attach listeners (e.g. to the WebSocket) before the page starts loading.
 */
export async function openLivePage(browser: Browser, url: string, options: { beforeLoad?: (page: Page) => unknown } = {}): Promise<LivePage> {
  const context: BrowserContext = await browser.newContext();
  await context.addInitScript(FOLLOW_EVENTS);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    const type = message.type();
    const text = message.text();
    // Failed requests are reported below, with their URL (the browser's own favicon request is no problem).
    if (text.startsWith("Failed to load resource")) return;
    if (type === "error" || (type === "warning" && text.startsWith("[tether]"))) problems.push(`${type}: ${text}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400 && !response.url().endsWith("/favicon.ico")) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await options.beforeLoad?.(page);
  await page.goto(url);
  await waitConnected(page);
  return { page, problems, close: () => context.close() };
}

/** Resolves once the runtime has applied a Mount. */
export async function waitConnected(page: Page): Promise<void> {
  await page.waitForSelector("html.tether-connected", { state: "attached", timeout: 10_000 });
}

/** Waits until `predicate` holds in the page (checked every animation frame). */
export async function waitUntil<A>(page: Page, predicate: (arg: A) => boolean, arg: A, timeout = 10_000): Promise<void> {
  // Arguments are plain JSON here; the cast spares TypeScript playwright's recursive Unboxed<A>.
  await page.waitForFunction(predicate as (arg: unknown) => boolean, arg as unknown, { timeout });
}

/**
 * Follows events and their answers in the page: `__tetherSent` is the sequence number of the
 * last event sent, `__tetherAnswered` the highest one the server has answered (Patch or Reply
 * `a`, Error `e`), set in a task after the runtime has handled the answer. Answers are seen
 * where the runtime parses them (JSON.parse), so compressed frames and long-poll work alike;
 * sequence numbers, not message counts, so a replay after a resume is no false answer.
 */
const FOLLOW_EVENTS = `(() => {
  window.__tetherSent = 0;
  window.__tetherAnswered = 0;
  const parse = JSON.parse;
  JSON.parse = function (text, reviver) {
    const m = parse.call(this, text, reviver);
    if (m !== null && typeof m === "object") {
      const a = m.k === ${Msg.Patch} || m.k === ${Msg.Reply} ? m.a : m.k === ${Msg.Error} ? m.e : undefined;
      if (typeof a === "number") setTimeout(() => (window.__tetherAnswered = Math.max(window.__tetherAnswered, a)));
    }
    return m;
  };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    send(data) {
      // Binary frames (an upload's chunks) are no Tether message.
      const m = typeof data === "string" ? parse(data) : null;
      if (m?.k === ${Msg.Event}) window.__tetherSent = Math.max(window.__tetherSent, m.e);
      return super.send(data);
    }
  };
})();`;

type Followed = Window & { __tetherSent: number; __tetherAnswered: number };

/**
 * Runs `action`, which must make the page send at least one event, and waits until the server
 * has answered every event sent so far and the runtime has applied the answers.
 */
export async function afterAnswer(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await page.evaluate(() => (window as unknown as Followed).__tetherSent);
  await action();
  await page.waitForFunction(
    (before) => {
      const w = window as unknown as Followed;
      return w.__tetherSent > before && w.__tetherAnswered >= w.__tetherSent;
    },
    before,
    { timeout: 10_000 },
  );
}
