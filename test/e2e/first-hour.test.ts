/**
 * End to end, in headless Chromium: what a newcomer's first hour runs into, each fixed.
 * connected() runs page requests once the tab is live, while one made in the root's mount()
 * fails at once and the page is served without waiting; an event emitted in mount() reaches a
 * page script that subscribes 500 ms later; a handler's failure reaches page code
 * (tether.on("error"), the tether:error event), and so does a protocol error; a template layout
 * escapes the title.
 */
import { describe, expect, test } from "vitest";
import { Component, html, NotConnectedError, serve, type Layout } from "../../src/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { textIs } from "../support/js-page.js";

/** What the root's mount() got from executeJs, by session id. */
const earlyOutcomes = new Map<string, unknown>();

class Lifecycle extends Component<Record<string, never>, { title: string }> {
  state = { title: "" };

  async mount() {
    try {
      await this.session.executeJs("document.title = 'from mount'");
      earlyOutcomes.set(this.session.id, "ran");
    } catch (error) {
      earlyOutcomes.set(this.session.id, error);
    }
    this.session.emit("hello", { n: 1 });
    this.session.emit("hello", { n: 2 });
  }

  async connected() {
    const title = await this.session.executeJs("document.title = 'from connected'; return document.title", { waitForResult: true });
    this.setState({ title: String(title) });
  }

  fail() {
    throw new TypeError("the handler broke");
  }

  render() {
    return html`<main><output id="title">${this.state.title}</output><button id="fail" onClick=${this.fail}>fail</button></main>`;
  }
}

/** Subscribes 500 ms after the page loaded, and records every error page code is told of. */
const PAGE_SCRIPT = `<script>
  window.__hello = [];
  window.__errors = [];
  window.__domErrors = [];
  setTimeout(() => tether.on("hello", (p) => window.__hello.push(p.n)), 500);
  tether.on("error", (e) => window.__errors.push(e));
  document.addEventListener("tether:error", (e) => window.__domErrors.push(e.detail));
</script>`;

const templateLayout: Layout = (page) =>
  html`<html lang="en"><head><title>${page.title}</title>${page.script}${page.head}</head><body><h1 id="heading">${page.title}</h1>${page.root}</body></html>`;

const HOSTILE_TITLE = "<script>window.__pwned = true</script>";

const suite = useBrowserSuite(() =>
  serve({
    port: 0,
    host: "127.0.0.1",
    dev: true,
    quiet: true,
    // Long: a page that waited for mount()'s executeJs would miss the test's own timeout.
    jsTimeout: 120_000,
    onError: () => {},
    layout: templateLayout,
    routes: { "/lifecycle": { component: Lifecycle, title: HOSTILE_TITLE, head: PAGE_SCRIPT } },
  }),
);

describe("the first hour", () => {
  test("executeJs in connected() runs in the page; in the root's mount() it fails at once with NotConnectedError, and the page is served", async () => {
    const { page, problems } = await suite.open("/lifecycle");
    await textIs(page, "#title", "from connected");
    expect(await page.title()).toBe("from connected");
    expect(problems).toEqual([]);
    const sid = await page.evaluate(() => (window as unknown as { tether: { sessionId: string } }).tether.sessionId);
    const early = earlyOutcomes.get(sid);
    expect(early).toBeInstanceOf(NotConnectedError);
    expect((early as Error).message).toContain("connected()");
  });

  test("events emitted in mount() reach a subscriber registered 500 ms later, in order and once", async () => {
    const { page, problems } = await suite.open("/lifecycle");
    await page.waitForFunction(() => (window as unknown as { __hello: number[] }).__hello.length === 2);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(await page.evaluate(() => (window as unknown as { __hello: number[] }).__hello)).toEqual([1, 2]);
    expect(problems).toEqual([]);
  });

  test("a throwing handler reaches page code: tether.on('error') and a tether:error event with its code and message", async () => {
    const { page, problems } = await suite.open("/lifecycle");
    await textIs(page, "#title", "from connected");
    await page.click("#fail");
    await page.waitForFunction(() => (window as unknown as { __domErrors: unknown[] }).__domErrors.length === 1);
    expect(problems).toEqual([expect.stringMatching(/^error: \[tether\] handler_failed: /)]); // the console still says it
    const { errors, domErrors } = await page.evaluate(() => ({
      errors: (window as unknown as { __errors: unknown[] }).__errors,
      domErrors: (window as unknown as { __domErrors: unknown[] }).__domErrors,
    }));
    expect(errors).toEqual(domErrors);
    expect(domErrors).toEqual([{ code: "handler_failed", message: expect.stringContaining("TypeError: the handler broke") }]);
  });

  test("a protocol error reaches page code the same way: a message of no kind the server knows is answered bad_message", async () => {
    const { page, problems } = await suite.open("/lifecycle", {
      // The page's socket, kept where the test can write to it as a broken client would.
      beforeLoad: (page) => page.addInitScript(`window.WebSocket = class extends WebSocket { constructor(...args) { super(...args); window.__socket = this; } };`),
    });
    await textIs(page, "#title", "from connected");
    await page.evaluate(() => (window as unknown as { __socket: WebSocket }).__socket.send(JSON.stringify({ k: 999 })));
    await page.waitForFunction(() => (window as unknown as { __domErrors: unknown[] }).__domErrors.length === 1);
    const { errors, domErrors } = await page.evaluate(() => ({
      errors: (window as unknown as { __errors: unknown[] }).__errors,
      domErrors: (window as unknown as { __domErrors: unknown[] }).__domErrors,
    }));
    expect(errors).toEqual(domErrors);
    expect(domErrors).toEqual([{ code: "bad_message", message: expect.any(String) }]);
    expect(problems).toEqual([expect.stringMatching(/^error: \[tether\] bad_message: /)]);
  });

  test("a template layout escapes the title: a title of <script> is text, in <title> and in the page", async () => {
    const { page, problems } = await suite.open("/lifecycle");
    expect(await page.textContent("#heading")).toBe(HOSTILE_TITLE);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    const source = await (await fetch(suite.server.url + "/lifecycle")).text();
    expect(source).toContain("<title>&lt;script&gt;window.__pwned = true&lt;/script&gt;</title>");
  });
});
