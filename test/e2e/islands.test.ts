/**
 * End to end: islands in Chromium, on the gallery's /islands page (examples/islands.ts and the
 * modules of examples/islands/, bundled by the server). New props from the server reach the
 * island without a remount (its own count kept); the island calls the server and gets its
 * pushes; patches around it never touch its DOM; the chart keeps its zoom while points stream;
 * it survives a cut connection and its resume. Pages without islands load neither script.
 */
import { afterEach, expect, test } from "vitest";
import { useExamples } from "../support/browser-suite.js";
import { openTab, textIs, type SocketsWindow, type Tab } from "../support/js-page.js";
import { waitUntil } from "../support/live-page.js";

const suite = useExamples();

let tab: Tab | undefined;
afterEach(async () => {
  if (tab) expect(tab.pageErrors).toEqual([]);
  await tab?.close();
  tab = undefined;
});

type Marked = HTMLElement & { __marker?: number };

test("the first paint shows the placeholder, and loads tether-client and the islands bundle; a page without islands loads neither", async () => {
  const page = await (await fetch(suite.server.url + "/islands")).text();
  expect(page).toMatch(/<div t-island="counter" t-props="{&quot;value&quot;:0}" t-ignore class="island-box" id="counter-island"><p class="toolbar">Loading the island…<\/p><\/div>/);
  expect(page).toContain('<script src="/_tether/tether-client.dev.js"></script><script src="/_tether/islands.js"></script>');
  const counter = await (await fetch(suite.server.url + "/counter")).text();
  expect(counter).not.toContain("tether-client");
  expect(counter).not.toContain("islands.js");
  const bundle = await fetch(suite.server.url + "/_tether/islands.js");
  expect(bundle.status).toBe(200);
  expect(bundle.headers.get("content-type")).toContain("javascript");
  const code = await bundle.text();
  expect(code).toContain('window.tether.islands["counter"]');
  expect(code).toContain('window.tether.islands["chart"]');
});

test("server props reach the island without a remount: its own count and its DOM are kept", async () => {
  const { page, problems } = await suite.open("/islands");
  await page.click("#island-inc");
  await page.click("#island-inc");
  await textIs(page, "#island-count", "2");
  await page.evaluate(() => ((document.querySelector("#island-inc") as Marked).__marker = 1));
  await page.click("#server-tick");
  await textIs(page, "#island-prop", "1");
  await page.click("#server-tick");
  await textIs(page, "#island-prop", "2");
  expect(await page.textContent("#island-count")).toBe("2");
  expect(await page.evaluate(() => (document.querySelector("#island-inc") as Marked).__marker)).toBe(1);
  expect(problems).toEqual([]);
});

test("the island calls the server and the server pushes to it", async () => {
  const { page } = await suite.open("/islands");
  await page.click("#island-inc");
  await page.click("#island-inc");
  await page.click("#island-inc");
  await page.click("#island-call");
  await textIs(page, "#island-answer", "6");
  await page.click("#server-tick");
  await page.click("#server-note");
  await textIs(page, "#island-pushed", "note 1");
});

test("patches of the page around an island never touch its DOM, and the chart keeps its zoom while points stream", async () => {
  const { page } = await suite.open("/islands");
  await textIs(page, "#chart-zoom", "30 points");
  // A node only the page knows of, inside each island's region.
  await page.evaluate(() => {
    for (const id of ["counter-island", "chart-island"]) document.getElementById(id)!.append(Object.assign(document.createElement("i"), { className: "foreign" }));
  });
  await page.click("#chart-zoom-in");
  await textIs(page, "#chart-zoom", "25 points");
  const count = Number(await page.textContent("#chart-count"));
  await page.click("#server-tick");
  await textIs(page, "#server-ticks", "1");
  // Two streamed points later (a patch of the chart's props each).
  await waitUntil(page, (n) => Number(document.querySelector("#chart-count")?.textContent) >= n + 2, count);
  expect(await page.textContent("#chart-zoom")).toBe("25 points");
  expect(await page.evaluate(() => document.querySelectorAll(".foreign").length)).toBe(2);
  expect(await page.getAttribute("#counter-island", "t-props")).toBe('{"value":1}');
});

test("an island survives a cut connection and its resume: its state kept, props still arriving", async () => {
  tab = await openTab(suite.browser, suite.server.url + "/islands");
  const { page } = tab;
  await page.click("#island-inc");
  await textIs(page, "#island-count", "1");
  await page.evaluate(() => ((document.querySelector("#island-inc") as Marked).__marker = 1));
  await page.evaluate(() => (window as unknown as SocketsWindow).__sockets[0].close());
  await waitUntil(page, () => (window as unknown as SocketsWindow).__sockets.length >= 2 && document.documentElement.classList.contains("tether-connected"), null);
  await page.click("#server-tick");
  await textIs(page, "#island-prop", "1");
  expect(await page.textContent("#island-count")).toBe("1");
  expect(await page.evaluate(() => (document.querySelector("#island-inc") as Marked).__marker)).toBe(1);
});
