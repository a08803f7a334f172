/**
 * End to end in headless Chromium: linked windows across processes. Two gallery processes
 * (examples/server.ts with REDIS_URL, as `npm start` runs it, one secret, a key prefix of this
 * file's own) share nothing but Redis: the list's session is held by one, its detail window's
 * by the other (opened from a link the list gave, `tether.windowLink`). The child asks the list
 * for its item and gets it, its edits reach the list, "Refresh all" reaches it, and the list
 * refuses a stranger on the child's process that addresses it.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { AppProcess } from "../support/app-process.js";
import { connected, textIs, usePages } from "../support/connection-page.js";
import { REDIS_URL, useRedisPrefix } from "../support/redis.js";

const PREFIX = useRedisPrefix();
const { open } = usePages();
const apps: AppProcess[] = [];

beforeAll(async () => {
  const env = { PORT: "0", REDIS_URL, REDIS_PREFIX: PREFIX, TETHER_SECRET: "a secret every process of the app shares, 32+ bytes" };
  const args = ["--conditions=tether-source", "--import", "tsx", "examples/server.ts"];
  apps.push(...(await Promise.all([AppProcess.start("node", args, env), AppProcess.start("node", args, env)])));
});

afterAll(() => {
  for (const app of apps) app.kill();
});

type Windows = { tether: { windowLink(path: string): Promise<{ id: string; url: string }>; sendToChild(id: string, event: string, data: unknown): Promise<void> } };

test("a list on one process and its detail window on another talk through Redis", async () => {
  const [a, b] = apps.map((app) => `http://127.0.0.1:${app.port}`);
  const { page: list, problems } = await open(`${a}/windows`);
  const link = await list.evaluate(() => (window as unknown as Windows).tether.windowLink("/windows/item?id=2"));
  expect(link.url).toMatch(/^\/windows\/item\?id=2&tether-window=/);

  const { page: child } = await open(b + link.url);
  await connected(child);
  // B → A ("ready"), then A → B (its item): the list's title fills the child's field.
  await child.waitForFunction(() => (document.querySelector("#title") as HTMLInputElement | null)?.value === "Layer stack", null, { timeout: 15_000 });
  await textIs(list, "#open-count", "1");

  await child.fill("#title", "Layers, from the other process");
  await textIs(list, '[data-item="2"]', "Layers, from the other process");
  await list.click("#refresh-all");
  await textIs(child, "#refreshes", "1");

  // A session of process B that is not the list addresses the list's child: refused.
  const { page: stranger } = await open(`${b}/windows`);
  const refused = await stranger.evaluate((id) => (window as unknown as Windows).tether.sendToChild(id, "steal", null).then(() => "sent", (error: Error) => error.message), link.id);
  expect(refused).toMatch(/no child window of this session/);
  expect(problems).toEqual([]);
});
