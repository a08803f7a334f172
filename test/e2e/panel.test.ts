/**
 * The tool panel (examples/panel/) in headless Chromium: in the gallery, its log follows this
 * process's output, a filter narrows it, a pause holds it and counts what came meanwhile, its
 * vitals update on their own, and its commands run in the page (a round trip with getJsResult,
 * a download made by executeJs). Attached to a service's own node:http server, it is served
 * beside the service's own answers, to this machine only or with the token.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningServer } from "../../src/index.js";
import { attachPanel } from "../../examples/panel/attach.js";
import { serveExamples } from "../support/examples.js";
import { connected, textIs, usePages } from "../support/connection-page.js";

const { open } = usePages();
let gallery: RunningServer;

beforeAll(async () => {
  gallery = await serveExamples();
});

afterAll(async () => {
  await gallery?.close();
});

const logHas = (page: import("playwright-core").Page, text: string) =>
  page.waitForFunction((t) => [...document.querySelectorAll("#log li")].some((li) => li.textContent!.includes(t)), text, { timeout: 15_000 });

test("the panel follows the log, filters, pauses, updates its vitals and runs commands in the page", async () => {
  const { page, problems } = await open(`${gallery.url}/panel`);
  process.stdout.write("panel test: a line before the filter\n");
  await logHas(page, "panel test: a line before the filter");
  await page.click("#write");
  await logHas(page, "[panel] a line written from the panel");

  // The vitals come again each second.
  const uptime = await page.textContent("#uptime");
  await page.waitForFunction((before) => document.querySelector("#uptime")!.textContent !== before, uptime, { timeout: 10_000 });
  expect(await page.textContent("#rss")).toMatch(/^\d+\.\d MiB$/);

  // A filter narrows what is shown.
  await page.fill("#filter", "before the filter");
  await page.waitForFunction(() => [...document.querySelectorAll("#log li")].every((li) => li.textContent!.includes("before the filter")), null, { timeout: 10_000 });

  // Paused: new lines are counted, not shown; resumed: they are there.
  await page.fill("#filter", "");
  await page.click("#pause");
  await textIs(page, "#pause", "Resume");
  process.stdout.write("panel test: a line while paused\n");
  await textIs(page, "#missed", "1 new while paused");
  expect(await page.$$eval("#log li", (lis) => lis.some((li) => li.textContent!.includes("while paused")))).toBe(false);
  await page.click("#pause");
  await logHas(page, "panel test: a line while paused");

  // Commands that run in the page.
  await page.click("#ping");
  await page.waitForFunction(() => /^round trip \d+ ms; the page's clock is \d+ ms (ahead|behind)$/.test(document.querySelector("#answer")!.textContent!), null, { timeout: 10_000 });
  const download = page.waitForEvent("download");
  await page.click("#save");
  expect((await download).suggestedFilename()).toBe("panel.log");
  await page.waitForFunction(() => /^saved \d+ lines as panel\.log$/.test(document.querySelector("#answer")!.textContent!), null, { timeout: 10_000 });
  expect(problems).toEqual([]);
});

test("attached to a service's own server: the service answers as before, the panel to this machine or with the token", async () => {
  const server: Server = createServer((_req, res) => res.end("the service"));
  const panel = attachPanel(server, { token: "a-token", trustProxy: true });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    expect(await (await fetch(`${url}/anything`)).text()).toBe("the service");
    const { page } = await open(`${url}/_panel`);
    await connected(page);
    await page.click("#write");
    await logHas(page, "[panel] a line written from the panel");
    // Another machine, as the proxy in front names it, is refused unless it brings the token.
    const headers = { "x-forwarded-for": "203.0.113.9" };
    expect((await fetch(`${url}/_panel`, { headers })).status).toBe(403);
    expect((await fetch(`${url}/_panel?token=another`, { headers })).status).toBe(403);
    expect((await fetch(`${url}/_panel?token=a-token`, { headers })).status).toBe(200);
    expect(await (await fetch(`${url}/anything`, { headers })).text()).toBe("the service");
  } finally {
    await panel.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
