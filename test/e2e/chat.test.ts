/**
 * End to end in headless Chromium: the chat across two processes, each `npm start` with
 * REDIS_URL (a key prefix of this run's own, its keys deleted after). A message typed in a
 * tab on process A and sent with Enter appears as a `.message` in a tab on process B, and
 * `#online` counts both tabs in both; when B's tab leaves, A's count drops.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { AppProcess } from "../support/app-process.js";
import { textIs, usePages } from "../support/connection-page.js";
import { REDIS_URL, useRedisPrefix } from "../support/redis.js";

const PREFIX = useRedisPrefix();
const { open } = usePages();
let apps: AppProcess[] = [];

beforeAll(async () => {
  const env = { PORT: "0", REDIS_URL, REDIS_PREFIX: PREFIX, TETHER_SECRET: "a secret both processes of the app share" };
  apps = await Promise.all([AppProcess.start("npm", ["start", "--ignore-scripts"], env), AppProcess.start("npm", ["start", "--ignore-scripts"], env)]);
});

afterAll(() => {
  for (const app of apps) app.kill();
});

test("a message from a tab on process A appears in a tab on process B; #online counts across both", async () => {
  const [a, b] = apps;
  expect(a.port).not.toBe(b.port);
  const ada = await open(`${a.url}/chat?name=ada`);
  const bob = await open(`${b.url}/chat?name=bob`);
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
