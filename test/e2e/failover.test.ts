/**
 * End to end in headless Chromium: a session survives its process. Two gallery processes
 * (examples/server.ts with REDIS_URL, as `npm start` runs it; a key prefix of this run's own,
 * its keys deleted after) behind HAProxy, sticky by a cookie. A counter at 7 is killed with
 * its process (SIGKILL: no word to anyone); two clicks made the moment the tab sees its
 * connection gone wait in the page; the tab reconnects through the balancer to the other
 * process, which restores the session from its snapshot and applies the two clicks once: 9.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, test } from "vitest";
import { AppProcess } from "../support/app-process.js";
import { connected, sessionOf, textIs, usePages } from "../support/connection-page.js";
import { HaProxy } from "../support/haproxy.js";
import { REDIS_URL, useRedisPrefix } from "../support/redis.js";

const PREFIX = useRedisPrefix();
const { open } = usePages();
const apps: Record<string, AppProcess> = {};
let proxy: HaProxy | null = null;
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  const env = { PORT: "0", REDIS_URL, REDIS_PREFIX: PREFIX, TETHER_SECRET: "a secret every process of the app shares, 32+ bytes" };
  const args = ["--conditions=tether-source", "--import", "tsx", "examples/server.ts"];
  [apps.a, apps.b] = await Promise.all([AppProcess.start("node", args, env), AppProcess.start("node", args, env)]);
  proxy = await HaProxy.start({ a: apps.a.port, b: apps.b.port }, "/gallery.css");
});

afterAll(async () => {
  proxy?.stop();
  for (const app of Object.values(apps)) app.kill();
  await redis.quit();
});

test("a counter at 7 keeps 7 after its process is killed, on the other process, through the balancer, and the clicks made meanwhile count once", async () => {
  const { page, context, problems } = await open(`${proxy!.url}/counter`);
  for (let i = 1; i <= 7; i++) {
    await page.click("#inc");
    await textIs(page, "#count", String(i));
  }
  const sid = await sessionOf(page);
  const node = (await context.cookies()).find((c) => c.name === "TETHER_NODE")?.value;
  expect(["a", "b"]).toContain(node);
  // The snapshot follows the change within a fraction of a second: wait until it has 7.
  const deadline = Date.now() + 10_000;
  while (!((await redis.get(`${PREFIX}:session:${sid}`)) ?? "").includes('"count":7')) {
    if (Date.now() > deadline) throw new Error("no snapshot with the count 7");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }

  // Two clicks the moment the page sees the connection gone, before any reconnect (that waits a
  // backoff): they wait in the page, addressed to the dead process's tree.
  const clickedWhileAway = page.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener("tether:status", (event) => {
          if ((event as CustomEvent<{ status: string }>).detail.status !== "reconnecting") return;
          document.querySelector<HTMLButtonElement>("#inc")!.click();
          document.querySelector<HTMLButtonElement>("#inc")!.click();
          resolve(document.documentElement.className);
        }),
      ),
  );
  apps[node!].child.kill("SIGKILL");
  expect(await clickedWhileAway).toContain("tether-reconnecting");
  await connected(page);
  await textIs(page, "#count", "9");
  await page.click("#inc");
  await textIs(page, "#count", "10");
  expect(await sessionOf(page)).toBe(sid);
  expect(problems).toEqual([]);
});
