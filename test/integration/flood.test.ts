/**
 * Clients that flood a server and never read (issue 15, item 4), over real sockets on one
 * server with the default limits. Two send an event the server applied already, again and
 * again, and pings (free of the rate limit, each answered with a Reply or a pong); two send
 * new events as fast as the server takes them. None reads a byte back. The first two are dropped once
 * `maxBufferedBytes` wait for them, their sessions kept for a resume; the other two are read
 * at the rate limit's pace, so what they send waits in the network; the server's buffers for
 * them never pass the limit; two bystanders' clicks are answered all along; and, when the
 * test process exposes `gc` (node --expose-gc), its heap after the flood is back near where
 * it was. The structural checks (the server's own bufferedAmount of each socket, the events it
 * applied) hold either way.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { serve, type RunningServer } from "../../src/index.js";
import { DEFAULT_RATE_LIMIT } from "../../src/session/rate-limit.js";
import type { TetherSocket } from "../../src/server/socket.js";
import { Msg, type MountMessage } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";
import { ProtocolClient } from "../support/client.js";
import { answerTo, findId, sleep } from "../support/page.js";
import { withServerSocket } from "../support/server-socket.js";

const MAX_BUFFERED = 1 << 20; // the default
const FLOOD_MS = 45_000;

let server: RunningServer;
const clients: ProtocolClient[] = [];

beforeAll(async () => {
  server = await serve({ port: 0, host: "127.0.0.1", dev: false, routes: { "/counter": Counter }, onError: () => {} });
});

afterAll(async () => {
  for (const c of clients) c.ws.terminate();
  await server?.close();
});

interface Tab {
  c: ProtocolClient;
  mount: MountMessage;
  socket: TetherSocket;
  inc: number;
}

async function tab(): Promise<Tab> {
  const { c, mount, socket } = await withServerSocket(async () => {
    const c = await ProtocolClient.connect(server.url);
    clients.push(c);
    return { c, mount: (await c.join("/counter")) as MountMessage };
  });
  return { c, mount, socket, inc: findId(mount, "inc") };
}

const countOf = (t: Tab): number => Number(/<output id="count">(\d+)<\/output>/.exec(server.tether.sessions.get(t.mount.sid)!.toHtml())![1]);

/**
 * Sends what `next` gives (and, with `ping`, a ping of 125 bytes after each) as fast as its
 * own buffer allows (256 KB: a flood that keeps its own memory), never reading, until `until()`.
 */
async function flood(t: Tab, next: () => string, until: () => boolean, ping = false): Promise<void> {
  t.c.ws.pause();
  const data = "p".repeat(125);
  while (!until() && t.c.ws.readyState === WebSocket.OPEN) {
    if (t.c.ws.bufferedAmount < 256 * 1024) {
      for (let i = 0; i < 500; i++) {
        t.c.ws.send(next());
        if (ping) t.c.ws.ping(data);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Clicks every 50 ms until `until()`, each click answered (within 5 s) before the next; how many. */
async function clickSteadily(t: Tab, until: () => boolean): Promise<number> {
  let clicks = 0;
  while (!until()) {
    await answerTo(t.c, t.c.event(t.inc, "click"), 5_000);
    clicks++;
    await sleep(50);
  }
  return clicks;
}

describe("four clients that flood and never read", () => {
  test("are dropped or slowed; the server's buffers stay within maxBufferedBytes; bystanders are answered all along", async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;

    const [repeaters, senders, bystanders] = [[await tab(), await tab()], [await tab(), await tab()], [await tab(), await tab()]];
    for (const r of repeaters) await answerTo(r.c, r.c.event(r.inc, "click")); // event 1, applied: the one they re-send
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const repeatersDropped = () => repeaters.every((r) => r.socket.readyState !== WebSocket.OPEN);
    const over = () => elapsed() > FLOOD_MS || (repeatersDropped() && elapsed() > 3_000);

    let largestBuffer = 0;
    const watching = (async () => {
      while (!over()) {
        for (const t of [...repeaters, ...senders]) largestBuffer = Math.max(largestBuffer, t.socket.bufferedAmount);
        await sleep(5);
      }
    })();
    const repeat = (r: Tab) => JSON.stringify({ k: Msg.Event, e: 1, n: r.inc, t: "click", d: {} });
    const newEvent = (s: Tab) => {
      let e = 0;
      return () => JSON.stringify({ k: Msg.Event, e: ++e, n: s.inc, t: "click", d: {} });
    };
    const [, , , , quiet] = await Promise.all([
      ...repeaters.map((r) => flood(r, () => repeat(r), over, true)),
      ...senders.map((s) => flood(s, newEvent(s), over)),
      Promise.all(bystanders.map((b) => clickSteadily(b, over))),
      watching,
    ]);
    const seconds = elapsed() / 1000;

    // The repeaters were dropped, within the limit; their sessions wait for a resume.
    expect(repeatersDropped()).toBe(true);
    expect(largestBuffer).toBeLessThanOrEqual(MAX_BUFFERED + 100);
    for (const r of repeaters) {
      const session = server.tether.sessions.get(r.mount.sid)!;
      expect(session.isEnded).toBe(false);
      expect(countOf(r)).toBe(1); // re-sent, never applied again
    }
    // The senders were read at the rate limit's pace: at most the burst, the rate, and one read (64 KB) beyond.
    for (const s of senders) {
      const { burst, perSecond } = DEFAULT_RATE_LIMIT;
      expect(countOf(s)).toBeLessThanOrEqual(burst + perSecond * seconds + 65_536 / 40);
      expect(countOf(s)).toBeGreaterThan(burst);
    }
    // The bystanders were answered all along: each click within answerTo's 5 s, and at least one
    // a second through the flood however loaded the machine (the flooding clients share this
    // process's one thread with the server; unloaded, a bystander makes about 18 a second), each
    // applied exactly once.
    bystanders.forEach((b, i) => {
      const clicks = (quiet as number[])[i]!;
      expect(clicks).toBeGreaterThanOrEqual(Math.floor(seconds));
      expect(countOf(b)).toBe(clicks);
    });

    if (gc !== undefined) {
      for (const t of [...repeaters, ...senders]) t.c.ws.terminate();
      await sleep(200);
      gc();
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 << 20);
    }
  }, 90_000);
});
