/**
 * End to end: the /bridge example in headless Chromium with the real runtime. Page script
 * calls bound server methods (tether.api.*, tether.call, window.auroraview) and sends events;
 * the server emits events and calls functions the page exposed. Invariant 6 with a real tab:
 * 1,000 concurrent requests, a dropped connection and a closed tab all settle.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { JsExecutionError, serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { Bridge, BRIDGE_FILES, BRIDGE_SCRIPT } from "../../examples/bridge.js";
import { staticFiles } from "../../examples/files.js";
import { launchChromium } from "../support/browser.js";
import { Probe } from "../support/js-components.js";
import { openTab, sessionOf, textIs, type SocketsWindow, type Tab } from "../support/js-page.js";
import { outcome } from "../support/js-client.js";

/** Runs in the page's <head> right after the runtime: before the page has joined its session. */
const EARLY_SCRIPT = `<script>
  window.__earlyStatus = tether.status;
  window.__early = tether.api.add({ a: 40, b: 2 });
  window.__earlyAlias = auroraview.call("api.echo", { x: 1 });
  tether.sendEvent("ping");
</script>`;

const routes: ServeOptions["routes"] = {
  "/bridge": { component: Bridge, title: "Bridge", scripts: [BRIDGE_SCRIPT], auroraview: true },
  "/bridge-early": { component: Bridge, title: "Bridge", head: EARLY_SCRIPT, scripts: [BRIDGE_SCRIPT], auroraview: true },
  "/probe": { component: Probe, title: "Probe" },
};

let browser: Browser;
let server: RunningServer;
/** A second server whose sessions outlive their tab by 300 ms only. */
let shortLived: RunningServer;
const serverErrors: string[] = [];
let tab: Tab | undefined;

beforeAll(async () => {
  const options = { port: 0, host: "127.0.0.1", dev: true, quiet: true, routes, fallback: staticFiles(BRIDGE_FILES), onError: (e: unknown, where: string) => void serverErrors.push(`${where}: ${String(e)}`) };
  [browser, server, shortLived] = await Promise.all([launchChromium(), serve(options), serve({ ...options, retention: 300 })]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await shortLived?.close();
});

afterEach(async () => {
  if (tab) expect(tab.pageErrors).toEqual([]);
  await tab?.close();
  tab = undefined;
});

async function open(path = "/bridge", on = server): Promise<Page> {
  tab = await openTab(browser, on.url + path);
  return tab.page;
}

/** The page's globals as these tests use them (untyped on purpose: it is page script). */
type PageWindow = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a page-side promise settled with: `{ ok, value }` or `{ ok: false, name, message }`. */
function settle(page: Page, script: string): Promise<{ ok: boolean; value?: unknown; name?: string; message?: string }> {
  return page.evaluate(
    (code) =>
      (new Function(`return (${code})`)() as Promise<unknown>).then(
        (value) => ({ ok: true, value }),
        (error: Error) => ({ ok: false, name: error.name, message: error.message }),
      ),
    script,
  );
}

describe("page → server calls", () => {
  test("tether.api.add({ a: 2, b: 3 }) resolves with 5", async () => {
    const page = await open();
    expect(await page.evaluate(() => (window as unknown as PageWindow).tether.api.add({ a: 2, b: 3 }))).toBe(5);
    await page.click("#add");
    await textIs(page, "#sum", "5");
  });

  test("api.echo returns each JSON type as sent (an array param spreads, so an array travels wrapped)", async () => {
    const page = await open();
    const values = [null, true, false, 0, -1.25, "", "héllo ✓", { a: { b: [1, null, "x"] } }, {}];
    const echoed = await page.evaluate((vs) => Promise.all(vs.map((v) => (window as unknown as PageWindow).tether.api.echo(v))), values);
    expect(echoed).toEqual(values);
    expect(await page.evaluate(() => (window as unknown as PageWindow).tether.api.echo([[1, [2, 3]]]))).toEqual([1, [2, 3]]);
  });

  test("api.fail() rejects with the server error's name and message", async () => {
    const page = await open();
    expect(await settle(page, "tether.api.fail()")).toEqual({ ok: false, name: "ValueError", message: "this method always fails" });
  });

  test("tether.call of an unknown method rejects with NotFoundError; tether.call reaches bound methods by name", async () => {
    const page = await open();
    const missing = await settle(page, 'tether.call("nope")');
    expect(missing).toMatchObject({ ok: false, name: "NotFoundError" });
    expect(missing.message).toContain("nope");
    expect(await settle(page, 'tether.call("api.add", { a: 1, b: 1 })')).toEqual({ ok: true, value: 2 });
  });

  test("a call with { timeout: 200 } to a method that never answers rejects with TimeoutError", async () => {
    const page = await open("/probe");
    const result = await page.evaluate(async () => {
      const started = performance.now();
      try {
        await (window as unknown as PageWindow).tether.call("hang", undefined, { timeout: 200 });
        return { ok: true, elapsed: performance.now() - started };
      } catch (error) {
        return { ok: false, name: (error as Error).name, message: (error as Error).message, elapsed: performance.now() - started };
      }
    });
    expect(result).toMatchObject({ ok: false, name: "TimeoutError" });
    expect(result.message).toContain("200 ms");
    expect(result.elapsed).toBeGreaterThanOrEqual(195);
    expect(result.elapsed).toBeLessThan(200 + 1000);
  });

  test("calls and events made before the page joined are queued, then delivered", async () => {
    tab = await openTab(browser, server.url + "/bridge-early");
    const { page } = tab;
    expect(await page.evaluate(() => (window as unknown as PageWindow).__earlyStatus)).toBe("connecting");
    expect(await page.evaluate(() => (window as unknown as PageWindow).__early)).toBe(42);
    expect(await page.evaluate(() => (window as unknown as PageWindow).__earlyAlias)).toEqual({ x: 1 });
    await textIs(page, "#pings", "1");
  });
});

describe("events both ways", () => {
  test("tether.sendEvent('ping') increments #pings on the server, once per event", async () => {
    const page = await open();
    await page.evaluate(() => {
      for (let i = 0; i < 3; i++) (window as unknown as PageWindow).tether.sendEvent("ping");
    });
    await textIs(page, "#pings", "3");
    await page.click("#ping");
    await textIs(page, "#pings", "4");
    await page.waitForTimeout(200);
    expect(await page.textContent("#pings")).toBe("4");
  });

  test("the page module (the route's scripts) gets the event mount() emitted, though it subscribed after an await", async () => {
    const page = await open();
    expect(await page.$eval(`script[src="${BRIDGE_SCRIPT}"]`, (s) => (s as HTMLScriptElement).type)).toBe("module");
    await textIs(page, "#welcome", "emitted by mount(), kept until the page subscribed");
  });

  test("#notify makes the session emit 'notice'; the page's handler shows n in #notice", async () => {
    const page = await open();
    await page.click("#notify");
    await textIs(page, "#notice", "1");
    await page.click("#notify");
    await textIs(page, "#notice", "2");
  });

  test("window.auroraview: call, send_event, on and off reach the bridge; trigger stays in the page", async () => {
    const page = await open();
    const local = await page.evaluate(async () => {
      const av = (window as unknown as PageWindow).auroraview;
      const seen: unknown[] = [];
      const handler = (d: unknown) => seen.push(d);
      av.on("local", handler);
      av.trigger("local", { n: 1 });
      av.off("local", handler);
      av.trigger("local", { n: 2 });
      const sum = await av.call("api.add", { a: 20, b: 22 });
      const viaApi = await av.api.add({ a: 1, b: 2 });
      av.send_event("ping");
      return { seen, sum, viaApi };
    });
    expect(local).toEqual({ seen: [{ n: 1 }], sum: 42, viaApi: 3 });
    // The ping sent after the triggers has been handled; nothing named "local" reached the server.
    await textIs(page, "#pings", "1");
    expect(serverErrors.filter((e) => e.includes("local"))).toEqual([]);

    // on/off for server events through the alias.
    await page.evaluate(() => {
      const av = (window as unknown as PageWindow).auroraview;
      (window as unknown as PageWindow).__notices = [];
      const h = (d: { n: number }) => (window as unknown as PageWindow).__notices.push(d.n);
      (window as unknown as PageWindow).__offNotice = () => av.off("notice", h);
      av.on("notice", h);
    });
    await page.click("#notify");
    await textIs(page, "#notice", "1");
    await page.evaluate(() => (window as unknown as PageWindow).__offNotice());
    await page.click("#notify");
    await textIs(page, "#notice", "2");
    expect(await page.evaluate(() => (window as unknown as PageWindow).__notices)).toEqual([1]);
  });
});

describe("server → page", () => {
  test("tether.expose + session.callClient: sync and async functions; an unknown name is a NotFoundError", async () => {
    const page = await open();
    await page.evaluate(() => {
      const t = (window as unknown as PageWindow).tether;
      t.expose("mul", (a: number, b: number) => a * b);
      t.expose("later", async (s: string) => s.toUpperCase());
      t.expose("bad", () => {
        throw new RangeError("out of range");
      });
    });
    const session = await sessionOf(server, page);
    await expect(session.callClient("mul", [6, 7])).resolves.toBe(42);
    await expect(session.callClient("later", "abc")).resolves.toBe("ABC");
    const missing = await outcome(session.callClient("nope"));
    expect(missing.value).toBeInstanceOf(JsExecutionError);
    expect((missing.value as JsExecutionError).jsName).toBe("NotFoundError");
    const bad = await outcome(session.callClient("bad"));
    expect((bad.value as JsExecutionError).jsName).toBe("RangeError");
    expect((bad.value as JsExecutionError).jsMessage).toBe("out of range");
  });

  test("1,000 concurrent executeJs on one tab each settle with their own result", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    const n = 1000;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => session.executeJs("await null; return i", { args: { i }, waitForResult: true, timeout: 20_000 })),
    );
    expect(results).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  test("a connection dropped during a pending executeJs comes back, and the request resolves (the code ran once)", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    const p = session.executeJs(
      "window.__runs = (window.__runs ?? 0) + 1; await new Promise((r) => setTimeout(r, 1500)); return 7",
      { waitForResult: true, timeout: 10_000 },
    );
    await page.waitForFunction(() => (window as unknown as PageWindow).__runs === 1);
    await page.evaluate(() => (window as unknown as SocketsWindow).__sockets[0].close());
    await page.waitForFunction(() => (window as unknown as SocketsWindow).__sockets.length >= 2, undefined, { timeout: 5000 });
    await expect(p).resolves.toBe(7);
    expect(await page.evaluate(() => (window as unknown as PageWindow).__runs)).toBe(1);
    expect(await sessionOf(server, page)).toBe(session);
    // The session goes on working over the new socket.
    await expect(session.executeJs("return 8", { waitForResult: true })).resolves.toBe(8);
  });

  test("an answer ready while the tab is offline is delivered after it reconnects", async () => {
    const page = await open();
    const session = await sessionOf(server, page);
    const p = session.executeJs("window.__started = true; await new Promise((r) => setTimeout(r, 50)); return 'kept'", { waitForResult: true, timeout: 10_000 });
    await page.waitForFunction(() => (window as unknown as PageWindow).__started === true);
    await page.evaluate(() => (window as unknown as SocketsWindow).__sockets[0].close());
    await expect(p).resolves.toBe("kept");
  });

  test("closing the tab during a pending executeJs rejects it with JsExecutionError when the session ends", async () => {
    tab = await openTab(browser, shortLived.url + "/bridge");
    const session = await sessionOf(shortLived, tab.page);
    const p = outcome(session.executeJs("await new Promise(() => {})", { waitForResult: true, timeout: 60_000 }));
    await tab.page.waitForTimeout(100);
    const closed = performance.now();
    await tab.close();
    tab = undefined;
    const { ok, value } = await p;
    expect(ok).toBe(false);
    expect(value).toBeInstanceOf(JsExecutionError);
    expect((value as Error).name).toBe("JsExecutionError");
    expect(performance.now() - closed).toBeLessThan(300 + 2000);
    expect(session.isEnded).toBe(true);
  });
});
