/**
 * End to end: element hooks (`t-hook`) in Chromium. The lifecycle in order over mount, a
 * patch, a cut connection and its resume, and removal; `pushEvent` gets the server handler's
 * answer, `handleEvent` the server's emits while the element is on the page (and not after);
 * and the /hooks example, whose hook measures a box and pushes its size.
 */
import { afterEach, expect, test } from "vitest";
import { Component, html, serve } from "../../src/index.js";
import { Hooks, HOOKS_FILES, HOOKS_SCRIPT } from "../../examples/hooks.js";
import { staticFiles } from "../../examples/files.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { openTab, textIs, type SocketsWindow, type Tab } from "../support/js-page.js";
import { waitUntil } from "../support/live-page.js";

class Probe extends Component<Record<string, never>, { n: number; shown: boolean; pings: number }> {
  state = { n: 0, shown: true, pings: 0 };

  mount() {
    this.session.bindCall("double", (x: number) => x * 2);
  }

  inc() {
    this.setState({ n: this.state.n + 1 });
  }

  toggle() {
    this.setState({ shown: !this.state.shown });
  }

  ping() {
    // Emitted before the render's patch goes out: when #pinged shows the count, the page has the emit.
    this.session.emit("ping", { n: this.state.n });
    this.setState({ pings: this.state.pings + 1 });
  }

  render() {
    return html`<main>
      ${this.state.shown ? html`<div id="hooked" t-hook="Probe" data-n=${this.state.n}>n is ${this.state.n}</div>` : null}
      <button id="inc" onClick=${this.inc}>inc</button>
      <button id="toggle" onClick=${this.toggle}>toggle</button>
      <button id="ping" onClick=${this.ping}>ping</button>
      <output id="n">${this.state.n}</output>
      <output id="pinged">${this.state.pings}</output>
    </main>`;
  }
}

/** The hook, registered by an inline script in the head: each callback logs itself with what `this.el` shows. */
const PROBE_HOOK = `<script>
  window.__hookLog = [];
  window.__pings = [];
  tether.hooks.Probe = {
    mounted() {
      window.__hookLog.push("mounted:" + this.el.dataset.n);
      this.pushEvent("double", 21).then((v) => { window.__reply = v; });
      this.handleEvent("ping", (p) => window.__pings.push(p.n));
    },
    updated() { window.__hookLog.push("updated:" + this.el.dataset.n); },
    destroyed() { window.__hookLog.push("destroyed:" + this.el.isConnected); },
    disconnected() { window.__hookLog.push("disconnected"); },
    reconnected() { window.__hookLog.push("reconnected"); },
  };
</script>`;

const suite = useBrowserSuite(() => serve({
  port: 0, host: "127.0.0.1", dev: true, quiet: true,
  routes: { "/probe": { component: Probe, head: PROBE_HOOK }, "/hooks": { component: Hooks, scripts: [HOOKS_SCRIPT] } },
  fallback: staticFiles(HOOKS_FILES),
}));

let tab: Tab | undefined;
afterEach(async () => {
  if (tab) expect(tab.pageErrors).toEqual([]);
  await tab?.close();
  tab = undefined;
});

type HookWindow = SocketsWindow & { __hookLog: string[]; __pings: number[]; __reply?: number };
const hookLog = (t: Tab) => t.page.evaluate(() => (window as unknown as HookWindow).__hookLog);

test("lifecycle in order: mounted, updated on a patch, disconnected and reconnected over a cut connection, destroyed on removal", async () => {
  tab = await openTab(suite.browser, suite.server.url + "/probe");
  const { page } = tab;
  await waitUntil(page, () => (window as unknown as HookWindow).__hookLog.length === 1, null);
  expect(await hookLog(tab)).toEqual(["mounted:0"]);

  await page.click("#inc");
  await textIs(page, "#n", "1");
  await waitUntil(page, () => (window as unknown as HookWindow).__hookLog.length === 2, null);
  expect(await hookLog(tab)).toEqual(["mounted:0", "updated:1"]);

  // A patch elsewhere on the page is no update of the hook's element.
  await page.click("#ping");
  await waitUntil(page, () => (window as unknown as HookWindow).__pings.length === 1, null);

  await page.evaluate(() => (window as unknown as SocketsWindow).__sockets[0].close());
  await waitUntil(page, () => (window as unknown as HookWindow).__hookLog.includes("reconnected"), null);
  await page.click("#inc");
  await textIs(page, "#n", "2");
  await page.click("#toggle");
  await waitUntil(page, () => document.querySelector("#hooked") === null, null);
  await waitUntil(page, () => (window as unknown as HookWindow).__hookLog.some((s) => s.startsWith("destroyed")), null);
  expect(await hookLog(tab)).toEqual(["mounted:0", "updated:1", "disconnected", "reconnected", "updated:2", "destroyed:false"]);

  // Back: a new hook object, mounted again.
  await page.click("#toggle");
  await waitUntil(page, () => (window as unknown as HookWindow).__hookLog.length === 7, null);
  expect((await hookLog(tab))[6]).toBe("mounted:2");
});

test("pushEvent resolves to the server handler's answer; handleEvent gets emits while the element is on the page, none after", async () => {
  tab = await openTab(suite.browser, suite.server.url + "/probe");
  const { page } = tab;
  await waitUntil(page, () => (window as unknown as HookWindow).__reply === 42, null);
  await page.click("#ping");
  await waitUntil(page, () => (window as unknown as HookWindow).__pings.length === 1, null);
  await page.click("#toggle");
  await waitUntil(page, () => document.querySelector("#hooked") === null, null);
  await page.click("#ping");
  await textIs(page, "#pinged", "2");
  expect(await page.evaluate(() => (window as unknown as HookWindow).__pings)).toEqual([0]);
});

test("the /hooks example: the hook measures the box and pushes its size; the server shows it and answers the area", async () => {
  const { page, problems } = await suite.open("/hooks");
  await waitUntil(page, () => (document.querySelector("#size")?.textContent ?? "") !== "", null);
  await page.evaluate(() => {
    const box = document.querySelector<HTMLElement>("#measured")!;
    box.style.width = "300px";
    box.style.height = "100px";
    box.style.boxSizing = "border-box";
  });
  await textIs(page, "#size", "300 × 100");
  await textIs(page, "#area", "30000 px²");
  await page.click("#toggle-box");
  await waitUntil(page, () => (document.querySelector("#hook-log")?.textContent ?? "").endsWith("destroyed"), null);
  expect(await page.textContent("#hook-log")).toMatch(/^mounted( → updated)* → destroyed$/);
  expect(problems).toEqual([]);
});
