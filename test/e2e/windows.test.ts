/**
 * End to end in headless Chromium: linked windows with real popups, on the gallery's "Windows"
 * page (examples/windows.ts). The list opens two detail windows from clicks (`openWindow`, run by
 * the page's linked-windows script); edits in a child update the list live; "Refresh all"
 * reaches both; a closed popup leaves the list of open windows (its session ends after the
 * server's short `retention` here); a reloaded child keeps its link; page scripts talk with
 * `tether.emitToParent` / `onChildMessage` / `sendToChild`; an unrelated page addressing the
 * list's children is refused; the list's end reaches its children as `parent_closed`.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { serve, type RunningServer } from "../../src/index.js";
import { galleryOptions } from "../../examples/gallery.js";
import { Windows } from "../../examples/windows.js";
import { connected, textIs, usePages } from "../support/connection-page.js";

const { open } = usePages();
let server: RunningServer;
/** What the server reported: nothing but the refusal the last test provokes. */
const serverErrors: string[] = [];

beforeAll(async () => {
  // Sessions outlive their tab by 400 ms: a closed popup's session ends (child_closed) soon.
  const gallery = galleryOptions();
  // The same list on a route without `windows: true`: no linked-windows script, openWindow runs window.open by executeJs.
  const routes = { ...gallery.routes, "/windows-eval": { component: Windows } };
  server = await serve({ port: 0, host: "127.0.0.1", dev: true, quiet: true, retention: 400, ...gallery, routes, onError: (error, where) => void serverErrors.push(`${where}: ${String(error)}`) });
});

afterAll(async () => {
  await server?.close();
});

/** Clicks item `id`'s Open in the list and returns the popup it opened, joined. */
async function openItem(list: Page, id: number): Promise<Page> {
  const [popup] = await Promise.all([list.waitForEvent("popup"), list.click(`[data-open="${id}"]`)]);
  await popup.waitForURL(/\/windows\/item\?id=\d+&tether-window=/);
  await connected(popup);
  return popup;
}

type PageWindows = { tether: { windows(): Promise<{ id: string | null; children: Array<{ id: string; state: string }> }> } };
const childIds = (list: Page) => list.evaluate(async () => (await (window as unknown as PageWindows).tether.windows()).children.filter((c) => c.state === "open").map((c) => c.id));

test("two detail windows: edits come back, Refresh all reaches both, a closed one leaves, a reloaded one keeps its link", async () => {
  const { page: list, problems } = await open(`${server.url}/windows`);
  const one = await openItem(list, 1);
  const two = await openItem(list, 2);
  // Each child asked the list for its item: the list's truth fills the field.
  await expectValue(one, "Brush settings");
  await expectValue(two, "Layer stack");
  await textIs(list, "#open-count", "2");

  await one.fill("#title", "Brush settings (soft)");
  await textIs(list, '[data-item="1"]', "Brush settings (soft)");
  await two.fill("#title", "Layers");
  await textIs(list, '[data-item="2"]', "Layers");

  await list.click("#refresh-all");
  await textIs(one, "#refreshes", "1");
  await textIs(two, "#refreshes", "1");

  await two.close();
  await textIs(list, "#open-count", "1");
  expect(await list.locator("#open li").allTextContents()).toEqual(["/windows/item?id=1"]);

  // A reload is a new session for the same link: it asks for its item again and is heard.
  await one.reload();
  await connected(one);
  await expectValue(one, "Brush settings (soft)");
  await one.fill("#title", "Brushes");
  await textIs(list, '[data-item="1"]', "Brushes");
  await list.click("#refresh-all");
  await textIs(one, "#refreshes", "1");
  // The session the reload left behind ends (retention) without closing the child.
  await until(() => [...server.tether.sessions.values()].filter((s) => s.path.startsWith("/windows/item?id=1&")).length === 1);
  await list.click("#refresh-all");
  await textIs(one, "#refreshes", "2");
  expect(await childIds(list)).toHaveLength(1);
  expect(problems).toEqual([]);
});

test("on a route without the linked-windows script, openWindow opens the window by executeJs", async () => {
  const { page: list } = await open(`${server.url}/windows-eval`);
  expect(await list.evaluate(() => "openWindow" in (window as unknown as { tether: object }).tether)).toBe(false);
  const child = await openItem(list, 3);
  await expectValue(child, "Export presets");
  await child.fill("#title", "Presets");
  await textIs(list, '[data-item="3"]', "Presets");
});

test("page scripts: openWindow from a click, emitToParent, onChildMessage, sendToChild, onParentMessage", async () => {
  const { page: list } = await open(`${server.url}/windows`);
  await list.evaluate(() => {
    const w = window as unknown as { heard: unknown[]; tether: { onChildMessage(h: (c: { id: string }, e: string, d: unknown) => void): void; openWindow(path: string): Promise<string> } };
    w.heard = [];
    w.tether.onChildMessage((child, event, data) => w.heard.push([event, data]));
    // A user's click opens it: the page's own button, as an app's script would.
    const button = document.createElement("button");
    button.id = "page-open";
    button.onclick = () => void w.tether.openWindow("/windows/item?id=3");
    document.body.append(button);
  });
  const [child] = await Promise.all([list.waitForEvent("popup"), list.click("#page-open")]);
  await child.waitForURL(/tether-window=/);
  await connected(child);
  await expectValue(child, "Export presets");
  await child.evaluate(() => {
    const w = window as unknown as { got: unknown[]; tether: { onParentMessage(h: (e: string, d: unknown) => void): void; emitToParent(e: string, d: unknown): Promise<void> } };
    w.got = [];
    w.tether.onParentMessage((event, data) => w.got.push([event, data]));
    return w.tether.emitToParent("hello", { from: "child" });
  });
  await list.waitForFunction(() => JSON.stringify((window as unknown as { heard: unknown[] }).heard).includes('["hello",{"from":"child"}]'));
  const heard = await list.evaluate(() => (window as unknown as { heard: unknown[] }).heard);
  expect(heard.slice(0, 2)).toEqual([["child_opened", null], ["ready", null]]);
  const [id] = await childIds(list);
  await list.evaluate((childId) => (window as unknown as { tether: { sendToChild(id: string, e: string, d: unknown): Promise<void> } }).tether.sendToChild(childId, "note", { n: 1 }), id!);
  await child.waitForFunction(() => JSON.stringify((window as unknown as { got: unknown[] }).got).includes('["note",{"n":1}]'));
});

test("an unrelated page cannot address the list's children; the list's end reaches them as parent_closed", async () => {
  const { page: list } = await open(`${server.url}/windows`);
  const child = await openItem(list, 1);
  const [id] = await childIds(list);
  const { page: stranger } = await open(`${server.url}/windows`);
  const refused = await stranger.evaluate(
    (childId) => (window as unknown as { tether: { sendToChild(id: string, e: string, d: unknown): Promise<void> } }).tether.sendToChild(childId, "steal", null).then(() => "sent", (error: Error) => error.message),
    id!,
  );
  expect(refused).toMatch(/no child window of this session/);
  expect(serverErrors).toEqual([expect.stringMatching(/^the "tether:windows.sendToChild" call: Error: Tether: .* is no child window of this session/)]);
  expect(await child.locator("#orphan").count()).toBe(0);

  await list.close(); // its session ends after the retention: the child hears parent_closed
  await child.waitForSelector("#orphan", { timeout: 15_000 });
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function expectValue(page: Page, value: string): Promise<void> {
  await page.waitForFunction((v) => (document.querySelector("#title") as HTMLInputElement | null)?.value === v, value, { timeout: 15_000 });
}
