/**
 * The limits per client and in total, over real sockets on serve() (issue 15, item 4): page
 * GETs that no tab joins never keep more sessions than the pending caps allow.
 */
import { afterEach, describe, expect, test } from "vitest";
import { serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";

let server: RunningServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  server = await serve({ port: 0, host: "127.0.0.1", dev: false, routes: { "/counter": Counter }, onError: () => {}, ...options });
  return server;
}

/** GETs `url` `count` times, `parallel` at a time; the statuses, and the most sessions the server held after any of them. */
async function getMany(url: string, count: number, parallel: number): Promise<{ statuses: Map<number, number>; most: number }> {
  const statuses = new Map<number, number>();
  let most = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next++;
        const res = await fetch(url);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        most = Math.max(most, server!.tether.sessions.size);
      }
    }),
  );
  return { statuses, most };
}

describe("pending sessions", () => {
  test("10,000 GETs that no tab joins keep no more than maxPendingPerClient sessions: each client's oldest gives way", async () => {
    await start(); // defaults: 64 per client, 10,000 in all
    const { statuses, most } = await getMany(server!.url + "/counter", 10_000, 16);
    expect(statuses).toEqual(new Map([[200, 10_000]]));
    expect(most).toBeLessThanOrEqual(64);
    expect(server!.tether.sessions.size).toBe(64);
    expect(server!.tether.expiring).toBe(64);
  }, 120_000);

  test("past maxPendingSessions in all, GETs are answered 503 with Retry-After and make no session", async () => {
    await start({ maxPendingSessions: 100, maxPendingPerClient: 1_000_000 });
    const { statuses, most } = await getMany(server!.url + "/counter", 2_000, 16);
    expect(statuses).toEqual(new Map([[200, 100], [503, 1_900]]));
    expect(most).toBe(100);
    const busy = await fetch(server!.url + "/counter");
    expect([busy.status, busy.headers.get("retry-after")]).toEqual([503, "5"]);
  });
});
