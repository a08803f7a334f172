/**
 * End to end: the devtools panel in Chromium, development only. It shows the last click's
 * patch and its bytes (the frame's own size), the connection, a pending `tether.call` with its
 * time left, the latency simulator's delay, and the server's component tree with each
 * component's state and each event's server time; the production runtime has none of it.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { textIs } from "../support/js-page.js";
import { waitUntil } from "../support/live-page.js";
import { serveExamples } from "../support/examples.js";
import { examples } from "../../examples/catalog.js";
import { Msg } from "../../src/protocol/wire.js";

class Slow extends Component {
  mount() {
    // Never answers: the call stays pending until its own timeout.
    this.session.bindCall("slow", () => new Promise(() => {}));
  }

  render() {
    return html`<p>slow</p>`;
  }
}

const suite = useBrowserSuite(() => serve({ port: 0, host: "127.0.0.1", dev: true, quiet: true, routes: { "/counter": Counter, "/slow": Slow } }));

type DevWindow = Window & { tether: { devtools(): Promise<void>; latency(ms: number): void; call(m: string, p?: unknown, o?: { timeout: number }): Promise<unknown> } };

/** Text of a cell of the panel (in its open shadow root, which playwright's CSS selectors enter). */
const cell = (page: Page, selector: string) => page.textContent(`#tether-devtools ${selector}`);

/** Every Patch frame the page receives, by the event it answers (`a`), with its size in bytes. */
function patchFrames(page: Page): Map<number, number> {
  const frames = new Map<number, number>();
  page.on("websocket", (ws) => ws.on("framereceived", (frame) => {
    const text = typeof frame.payload === "string" ? frame.payload : frame.payload.toString();
    const message = JSON.parse(text) as { k: number; a?: number };
    if (message.k === 21 && message.a !== undefined) frames.set(message.a, Buffer.byteLength(text));
  }));
  return frames;
}

test("the panel shows the last click's patch: its ops and its bytes, the frame's own size; and the connection", async () => {
  let frames = new Map<number, number>();
  const { page, problems } = await suite.open("/counter", { beforeLoad: (p) => void (frames = patchFrames(p)) });
  await page.evaluate(() => (window as unknown as DevWindow).tether.devtools());
  await page.click("#inc");
  await textIs(page, "#count", "1");
  await page.click("#inc");
  await textIs(page, "#count", "2");
  await waitUntil(page, () => document.querySelector("#tether-devtools")?.shadowRoot?.querySelector('#events tr[data-e="2"] .bytes')?.textContent !== "…", null);
  expect(await cell(page, '#events tr[data-e="2"] .name')).toBe("click");
  expect(await cell(page, '#events tr[data-e="2"] .ops')).toBe("1");
  expect(await cell(page, '#events tr[data-e="2"] .bytes')).toBe(String(frames.get(2)));
  // The newest event is the first row.
  expect(await page.evaluate(() => document.querySelector("#tether-devtools")!.shadowRoot!.querySelector("#events tr[data-e]")!.getAttribute("data-e"))).toBe("2");
  expect(await cell(page, "#status")).toBe("connected");
  expect(await cell(page, "#transport")).toBe("websocket");
  expect(await cell(page, "#rtt")).toMatch(/^\d+ ms$/);
  expect(problems).toEqual([]);
});

test("latency: tether.latency(ms) delays each message both ways; the panel shows a round trip of at least twice that", async () => {
  const { page } = await suite.open("/counter");
  await page.evaluate(() => (window as unknown as DevWindow).tether.latency(250));
  await page.keyboard.press("Alt+Shift+KeyT"); // the shortcut opens the panel
  await page.waitForSelector("#tether-devtools #events, #tether-devtools .muted");
  await page.click("#inc");
  await textIs(page, "#count", "1");
  await waitUntil(page, () => /^\d+ ms$/.test(document.querySelector("#tether-devtools")?.shadowRoot?.querySelector("#rtt")?.textContent ?? ""), null);
  expect(Number.parseInt((await cell(page, "#rtt"))!, 10)).toBeGreaterThanOrEqual(500);
  expect(await cell(page, "#latency-now")).toBe("250 ms");
});

test("a pending tether.call is listed with its id and the time it has left", async () => {
  const { page } = await suite.open("/slow");
  await page.evaluate(() => {
    const t = (window as unknown as DevWindow).tether;
    void t.call("slow", undefined, { timeout: 20_000 }).catch(() => {});
    return t.devtools();
  });
  await page.waitForSelector("#tether-devtools #pending");
  const row = await page.evaluate(() => Array.from(document.querySelector("#tether-devtools")!.shadowRoot!.querySelectorAll("#pending tr:nth-child(2) td"), (td) => td.textContent));
  expect(row.slice(0, 3)).toEqual(["call", "1", "slow"]);
  const left = Number.parseInt(row[3]!, 10);
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThanOrEqual(20_000);
});

test("the production runtime has no devtools code, and a production page neither loads nor offers them", async () => {
  const min = readFileSync(new URL("../../dist/tether.min.js", import.meta.url), "utf8");
  const dev = readFileSync(new URL("../../dist/tether.dev.js", import.meta.url), "utf8");
  for (const name of ["tether-devtools", "__tetherDevtools", "callTimeouts", "latency"]) {
    expect(dev, `the development runtime has ${name}`).toContain(name);
    expect(min, `the production runtime has ${name}`).not.toContain(name);
  }
  const production = await serve({ port: 0, host: "127.0.0.1", dev: false, quiet: true, routes: { "/counter": Counter } });
  try {
    const { page } = await suite.open(production.url + "/counter");
    expect(await page.evaluate(() => [typeof (window as unknown as { tether: Record<string, unknown> }).tether.devtools, typeof (window as unknown as { tether: Record<string, unknown> }).tether.latency])).toEqual(["undefined", "undefined"]);
    expect((await (await fetch(production.url + "/_tether/tether-devtools.js")).status)).toBe(404);
  } finally {
    await production.close();
  }
});

test("on a gallery page: the component tree shows the counter's count after a click, the event its server time; the tree is collapsible, and Close stops the reports", async () => {
  const gallery = await serveExamples();
  try {
    const reports: number[] = [];
    const { page, problems } = await suite.open(gallery.url + "/counter", {
      beforeLoad: (p) => p.on("websocket", (ws) => ws.on("framereceived", (frame) => {
        const message = JSON.parse(String(frame.payload)) as { k: number };
        if (message.k === Msg.DevReport) reports.push(message.k);
      })),
    });
    await page.evaluate(() => (window as unknown as DevWindow).tether.devtools());
    const count = '#components [data-component="<Counter>"] .state [data-key="count"] .value';
    await waitUntil(page, (selector) => document.querySelector("#tether-devtools")?.shadowRoot?.querySelector(selector)?.textContent === "0", count);
    await page.click("#inc");
    await textIs(page, "#count", "1");
    await waitUntil(page, (selector) => document.querySelector("#tether-devtools")?.shadowRoot?.querySelector(selector)?.textContent === "1", count);
    await waitUntil(page, () => document.querySelector("#tether-devtools")?.shadowRoot?.querySelector('#events tr[data-e="1"] .server')?.textContent !== "–", null);
    expect(await cell(page, '#events tr[data-e="1"] .server')).toMatch(/^\d+(\.\d+)? ms$/);

    // Collapsed by a click on its summary, the component stays so when the next event refreshes the tree.
    await page.click('#tether-devtools [data-component="<Counter>"] > summary');
    const isOpen = () => page.evaluate(() => (document.querySelector("#tether-devtools")!.shadowRoot!.querySelector('[data-component="<Counter>"]') as HTMLDetailsElement).open);
    expect(await isOpen()).toBe(false);
    await page.click("#inc");
    await waitUntil(page, (selector) => document.querySelector("#tether-devtools")?.shadowRoot?.querySelector(selector)?.textContent === "2", count);
    expect(await isOpen()).toBe(false);

    // Closed, the panel is hidden and the session sends no more reports.
    await page.click("#tether-devtools #close");
    expect(await page.isVisible("#tether-devtools .panel")).toBe(false);
    const before = reports.length;
    expect(before).toBeGreaterThanOrEqual(3); // the first tree, and one after each click
    await page.click("#inc");
    await textIs(page, "#count", "3");
    await page.evaluate(() => (window as unknown as DevWindow).tether.call("no-such-method").catch(() => {})); // a round trip after the click's answer
    expect(reports.length).toBe(before);
    expect(problems).toEqual([]);
  } finally {
    await gallery.close();
  }
});

test("the panel opens on every example of the gallery, and shows its connection and its components", async () => {
  const gallery = await serveExamples();
  try {
    for (const { path } of examples) {
      const { page, problems } = await suite.open(gallery.url + path);
      await page.evaluate(() => (window as unknown as DevWindow).tether.devtools());
      await waitUntil(page, () => document.querySelector("#tether-devtools")?.shadowRoot?.querySelector("#status")?.textContent === "connected", null);
      // Every example's components and their state reach the panel (whatever they hold).
      await waitUntil(page, () => (document.querySelector("#tether-devtools")?.shadowRoot?.querySelectorAll("#components .component").length ?? 0) > 0, null);
      expect(problems, path).toEqual([]);
      await page.close();
    }
  } finally {
    await gallery.close();
  }
}, 240_000);
