/**
 * LongPollTransport (long-poll.ts) on its own, its GETs answered over a real HTTP server: it
 * queues what the session sends until a GET takes it, holds a GET up to pollTimeout, carries
 * the close to the next GET, and hands the lines of a POST to its connection.
 */
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import { Msg, PROTOCOL_VERSION, type ServerMessage } from "../../src/protocol/wire.js";
import { LongPollTransport } from "../../src/server/long-poll.js";
import { listen, type TestServer } from "../support/http.js";
import { serverParts } from "../support/server-parts.js";
import type { TetherOptions } from "../../src/server/options.js";
import { SessionClose } from "../../src/session/channel.js";
import { COMPRESS_OFF_LOOP_FROM } from "../../src/server/deflating.js";

const POLL_TIMEOUT = 200;
const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

interface Answer {
  m: ServerMessage[];
  close?: [number, string];
}

/** A transport whose GETs come to `…/get` (gzip above 100 bytes for `…/get?gzip`). */
async function start(options: Partial<TetherOptions> = {}) {
  const parts = serverParts(options);
  const forgotten: LongPollTransport[] = [];
  const transport = new LongPollTransport(parts.host, POLL_TIMEOUT, (t) => forgotten.push(t), parts.host.clients.open("127.0.0.1"));
  const http: TestServer = await listen((req, res) => {
    transport.poll(res, req.url === "/get?gzip" ? 100 : Infinity);
    return true;
  });
  cleanups.push(() => http.close(), () => transport.close(1001, "test over"), () => parts.registry.close("test over"));
  const get = async (gzip = false): Promise<Answer & { encoding: string | null; ms: number }> => {
    const started = Date.now();
    // fetch inflates a gzipped body itself; the header says whether it was.
    const res = await fetch(`${http.url}/get${gzip ? "?gzip" : ""}`);
    const answer = (await res.json()) as Answer;
    return { ...answer, encoding: res.headers.get("content-encoding"), ms: Date.now() - started };
  };
  return { ...parts, transport, forgotten, get };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("LongPollTransport", () => {
  test("queues what is sent until a GET takes it all, counting the bytes as bufferedAmount", async () => {
    const { transport, get } = await start();
    transport.send('{"k":24}');
    transport.send('{"k":22,"a":1}');
    expect(transport.bufferedAmount).toBe(22);
    expect(await get()).toMatchObject({ m: [{ k: Msg.Pong }, { k: Msg.Reply, a: 1 }] });
    expect(transport.bufferedAmount).toBe(0);
  });

  test("holds a GET until something is sent, or answers it with nothing after pollTimeout", async () => {
    const { transport, get } = await start();
    const waiting = get();
    await sleep(50);
    transport.send('{"k":24}');
    const answered = await waiting;
    expect(answered.m).toEqual([{ k: Msg.Pong }]);
    const empty = await get();
    expect(empty.m).toEqual([]);
    expect(empty.ms).toBeGreaterThanOrEqual(POLL_TIMEOUT - 20);
  });

  test("a newer GET answers the older one with nothing", async () => {
    const { transport, get } = await start();
    const older = get();
    await sleep(30);
    const newer = get();
    expect((await older).m).toEqual([]);
    transport.send('{"k":24}');
    expect((await newer).m).toEqual([{ k: Msg.Pong }]);
  });

  test("gzips an answer at least as long as the threshold the GET was given", async () => {
    const { transport, get } = await start();
    transport.send(JSON.stringify({ k: Msg.Emit, ev: "x", d: "y".repeat(200) }));
    const zipped = await get(true);
    expect(zipped.encoding).toBe("gzip");
    expect(zipped.m[0]).toMatchObject({ k: Msg.Emit });
    transport.send('{"k":24}');
    expect((await get(true)).encoding).toBeNull();
  });

  test(`gzips a large answer (from ${COMPRESS_OFF_LOOP_FROM} characters) off the event loop`, async () => {
    const { transport, get } = await start();
    const large = JSON.stringify({ k: Msg.Emit, ev: "x", d: "y".repeat(COMPRESS_OFF_LOOP_FROM) });
    transport.send(large);
    const zipped = await get(true);
    expect(zipped.encoding).toBe("gzip");
    expect(zipped.m).toEqual([JSON.parse(large)]);
  });

  test("hands each line of a POST to its connection, with the request, and joins", async () => {
    const { transport, policy, get, page } = await start();
    const post = { method: "POST", headers: {} } as unknown as IncomingMessage;
    const { session, token } = await page();
    transport.receive(`\n${JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, sid: session.id, path: "/counter", t: token })}\n`, post);
    await sleep(10);
    expect(policy.asked.map((a) => a.request)).toEqual([post]);
    expect((await get()).m[0]).toMatchObject({ k: Msg.Mount });
    transport.receive(`${JSON.stringify({ k: Msg.Ping })}\n{oops`, post);
    expect((await get()).m).toMatchObject([{ k: Msg.Pong }, { k: Msg.Error }]);
  });

  test("a close goes to the waiting GET with what was queued, then the transport is forgotten", async () => {
    const { transport, forgotten, get } = await start();
    const waiting = get();
    await sleep(30);
    transport.send('{"k":24}'); // answers the waiting GET
    await waiting;
    transport.send('{"k":22,"a":1}');
    transport.close(4000, "replaced");
    transport.send('{"k":24}'); // after the close: dropped
    expect(transport.connection.open).toBe(false);
    expect(forgotten).toEqual([]);
    expect(await get()).toMatchObject({ m: [{ k: Msg.Reply, a: 1 }], close: [4000, "replaced"] });
    expect(forgotten).toEqual([transport]);
    expect(transport.isClosed).toBe(true);
  });

  test("every message counts toward its queue: one that finds more than maxBufferedBytes queued closes it with 4008 instead", async () => {
    const { transport, get } = await start({ maxBufferedBytes: 100 });
    const pong = '{"k":24}'; // 8 bytes
    let sent = 0;
    while (!transport.isClosed && sent < 1_000) {
      transport.send(pong);
      sent++;
    }
    expect(sent).toBe(Math.ceil(101 / pong.length) + 1); // queued up to just past the limit, then the close
    expect(transport.bufferedAmount).toBeLessThanOrEqual(100 + pong.length);
    expect(transport.connection.open).toBe(false); // its session, if it had one, waits for a resume
    const answer = await get();
    expect(answer.close).toEqual([SessionClose.TooFarBehind, "too much waiting for a tab that does not poll"]);
    expect(answer.m).toHaveLength(sent - 1);
  });

  test("a close with no GET to take it is forgotten after pollTimeout", async () => {
    const { transport, forgotten } = await start();
    transport.close(1001, "gone");
    await sleep(POLL_TIMEOUT + 50);
    expect(forgotten).toEqual([transport]);
  });

  test("is alive while a GET waits, or within the timeout since the last GET or POST", async () => {
    const { transport, get } = await start();
    const post = { headers: {} } as unknown as IncomingMessage;
    const seen = Date.now();
    transport.receive("", post);
    expect(transport.isAlive(seen + 1_000, 1_000)).toBe(true);
    expect(transport.isAlive(Date.now() + 1_001, 1_000)).toBe(false);
    const waiting = get();
    await sleep(30);
    expect(transport.isAlive(Date.now() + 1_000_000, 1_000)).toBe(true);
    await waiting;
  });
});
