/**
 * End to end under a strict Content-Security-Policy (the `csp` option): scripts run only with
 * the page's nonce, nothing is evaluated from strings. In Chromium: the page is live (events,
 * patches, the long-poll transport loaded on demand), a page script with the nonce runs and
 * `callClient` reaches it, and `executeJs` fails with a JsExecutionError that names the CSP.
 */
import { describe, expect, test } from "vitest";
import { serve } from "../../src/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";
import { Csp, CSP_PAGE_SCRIPT } from "../../examples/csp.js";
import { Counter } from "../../examples/counter.js";

const suite = useBrowserSuite(() =>
  serve({
    port: 0,
    host: "127.0.0.1",
    dev: true,
    routes: { "/csp": { component: Csp, title: "Strict CSP", head: CSP_PAGE_SCRIPT, csp: true }, "/counter": { component: Counter, csp: true } },
  }),
);

/** Problems other than the browser's own report of the eval it refused. */
const unexpected = (problems: string[]) => problems.filter((p) => !/unsafe-eval|Content Security Policy/i.test(p));

describe("a page under a strict CSP", () => {
  test("is served with script-src 'nonce-…' and no unsafe-inline or unsafe-eval; its script tags carry the nonce", async () => {
    const res = await fetch(suite.server.url + "/csp");
    const policy = res.headers.get("content-security-policy")!;
    expect(policy).toMatch(/^script-src 'nonce-[\w-]+' 'strict-dynamic'; object-src 'none'; base-uri 'none'$/);
    expect(policy).not.toMatch(/unsafe/);
    const nonce = /'nonce-([\w-]+)'/.exec(policy)![1];
    const html = await res.text();
    const scripts = html.match(/<script[^>]*>/g)!;
    expect(scripts.length).toBe(3); // the runtime, live navigation's (deferred) and the page's own
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A new nonce for every page.
    expect((await fetch(suite.server.url + "/csp")).headers.get("content-security-policy")).not.toBe(policy);
  });

  test("is live: clicks reach the server and patches reach the page", async () => {
    const live = await suite.open("/csp");
    await live.page.click("#inc");
    await live.page.click("#inc");
    await waitUntil(live.page, () => document.querySelector("#count")?.textContent === "2", null);
    expect(live.problems).toEqual([]);
  });

  test("runs the page's nonce'd script, so callClient reaches the function it exposed", async () => {
    const live = await suite.open("/csp");
    await live.page.click("#ask");
    await waitUntil(live.page, () => document.querySelector("#title")?.textContent === "Strict CSP", null);
    expect(live.problems).toEqual([]);
  });

  test("refuses executeJs in the browser; the server's JsExecutionError names the CSP", async () => {
    const live = await suite.open("/csp");
    await live.page.click("#eval");
    await waitUntil(live.page, () => (document.querySelector("#refusal")?.textContent ?? "") !== "", null);
    const refusal = await live.page.textContent("#refusal");
    expect(refusal).toMatch(/^the page's Content-Security-Policy does not allow executeJs or getJsResult/);
    expect(refusal).toMatch(/EvalError/);
    expect(unexpected(live.problems)).toEqual([]);
    // The page goes on.
    await live.page.click("#inc");
    await waitUntil(live.page, () => document.querySelector("#count")?.textContent === "1", null);
  });

  test("loads the long-poll transport on demand and stays live over it", async () => {
    const live = await suite.open("/counter?transport=longpoll");
    expect(await live.page.evaluate(() => window.tether!.transport)).toBe("longpoll");
    await live.page.click("#inc");
    await waitUntil(live.page, () => document.querySelector("#count")?.textContent === "1", null);
    expect(live.problems).toEqual([]);
  });
});
