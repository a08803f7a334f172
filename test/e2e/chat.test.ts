/**
 * End to end in headless Chromium: the chat across two processes, each `npm start` with
 * REDIS_URL (a key prefix of this run's own, its keys deleted after), behind HAProxy (sticky by
 * its cookie), as a deployment runs it. A message typed in a tab held by process A and sent with
 * Enter appears as a `.message` in a tab held by process B, and `#online` counts both tabs in
 * both; when B's tab leaves, A's count drops.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { AppProcess } from "../support/app-process.js";
import { textIs, usePages, type OpenPage } from "../support/connection-page.js";
import { HaProxy } from "../support/haproxy.js";
import { REDIS_URL, useRedisPrefix } from "../support/redis.js";

const PREFIX = useRedisPrefix();
const { open } = usePages();
let apps: AppProcess[] = [];
let proxy: HaProxy | null = null;

beforeAll(async () => {
  const env = { PORT: "0", REDIS_URL, REDIS_PREFIX: PREFIX, TETHER_SECRET: "a secret both processes of the app share" };
  apps = await Promise.all([AppProcess.start("npm", ["start", "--ignore-scripts"], env), AppProcess.start("npm", ["start", "--ignore-scripts"], env)]);
  proxy = await HaProxy.start({ a: apps[0].port, b: apps[1].port }, "/gallery.css");
}, 60_000);

afterAll(() => {
  proxy?.stop();
  for (const app of apps) app.kill();
});

/** The process HAProxy made a tab's browser stick to (its cookie). */
async function processOf(tab: OpenPage): Promise<string | undefined> {
  return (await tab.context.cookies()).find((c) => c.name === "TETHER_NODE")?.value;
}

/** A chat tab through the balancer, held by another process than `other`'s (new tabs until one is). */
async function tabAwayFrom(name: string, other: OpenPage): Promise<OpenPage> {
  const taken = await processOf(other);
  for (let i = 0; i < 6; i++) {
    const tab = await open(`${proxy!.url}/chat?name=${name}`);
    if ((await processOf(tab)) !== taken) return tab;
    await tab.page.close();
  }
  throw new Error(`HAProxy sent every new tab to process ${taken}`);
}

test("a message from a tab on process A appears in a tab on process B; #online counts across both", async () => {
  const ada = await open(`${proxy!.url}/chat?name=ada`);
  const bob = await tabAwayFrom("bob", ada);
  expect(new Set([await processOf(ada), await processOf(bob)])).toEqual(new Set(["a", "b"]));
  await textIs(ada.page, "#online", "2");
  await textIs(bob.page, "#online", "2");

  await ada.page.fill('input[name="message"]', "hello from process A");
  await ada.page.press('input[name="message"]', "Enter");
  await textIs(bob.page, ".message", "ada hello from process A");
  await textIs(ada.page, ".message", "ada hello from process A");
  expect(await ada.page.inputValue('input[name="message"]')).toBe("");

  await bob.page.fill('input[name="message"]', "and back from B");
  await bob.page.press('input[name="message"]', "Enter");
  await textIs(ada.page, ".message:nth-child(2)", "bob and back from B");

  await bob.page.close();
  await textIs(ada.page, "#online", "1");
  expect(ada.problems).toEqual([]);
  expect(bob.problems).toEqual([]);
});
