/**
 * TetherSocket's limits (socket.ts), over real sockets (issue 15, items 4 and 5): every message
 * counts toward the socket's buffer, so a peer that sends and does not read is dropped once
 * more than maxBufferedBytes wait for it (its session waits for a resume); the rate limit
 * reads a socket more slowly (pauseReading) rather than refusing what it sends, and the
 * heartbeat leaves a socket it paused alone.
 */
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Msg, Op } from "../../src/protocol/wire.js";
import { heartbeat, socketClock, type TetherSocket } from "../../src/server/socket.js";
import { Counter } from "../../examples/counter.js";
import type { ProtocolClient } from "../support/client.js";
import { answerTo, findId, resume, sleep } from "../support/page.js";
import { withServerSocket } from "../support/server-socket.js";
import { useSessionServer } from "../support/session-server.js";

const harness = useSessionServer({ routes: { "/counter": Counter } });

const joinedSocket = () => withServerSocket(() => harness.open("/counter"));

const MAX_BUFFERED = 64 * 1024;

/**
 * Has `c` send what `message` gives, as fast as the server reads it, without reading anything
 * (its socket paused), until the server drops `socket` or 30 s pass; the largest
 * bufferedAmount seen on the server's side. The client keeps its own buffer small, as a
 * flood that does not want to fill its own memory would.
 */
async function floodWithoutReading(c: ProtocolClient, socket: TetherSocket, message: () => void): Promise<number> {
  c.ws.pause();
  let largest = 0;
  const end = Date.now() + 30_000;
  while (socket.readyState === WebSocket.OPEN && Date.now() < end) {
    if (c.ws.readyState !== WebSocket.OPEN) break;
    if (c.ws.bufferedAmount < 256 * 1024) for (let i = 0; i < 200; i++) message();
    largest = Math.max(largest, socket.bufferedAmount);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return largest;
}

describe("the buffer of a peer that does not read", () => {
  it("every reply counts: a peer re-sending an event (free of the rate limit) and not reading is dropped past maxBufferedBytes; its session waits for a resume", async () => {
    await harness.start({ maxBufferedBytes: MAX_BUFFERED });
    const { c, mount, socket } = await joinedSocket();
    const e = c.event(findId(mount, "inc"), "click");
    await answerTo(c, e);
    const repeat = JSON.stringify({ k: Msg.Event, e, n: findId(mount, "inc"), t: "click", d: {} });
    const largest = await floodWithoutReading(c, socket, () => c.sendRaw(repeat));
    expect(socket.readyState).not.toBe(WebSocket.OPEN);
    expect(largest).toBeLessThanOrEqual(MAX_BUFFERED + 100); // at most one reply past the limit
    const session = harness.server.tether.sessions.get(mount.sid)!;
    await sleep(50);
    expect(session.isConnected).toBe(false);
    expect(session.isEnded).toBe(false);
    expect(harness.server.tether.expiring).toBe(1);
    // The tab comes back, resumes where it was, and its event was applied once.
    const back = await harness.connect();
    expect(await resume(back, "/counter", mount, mount.s + 1)).toMatchObject({ k: Msg.Resume, a: e });
    expect(session.toHtml()).toContain('<output id="count">1</output>');
  }, 45_000); // the peer's and the server's kernel buffers (several MB) fill first: 5 s alone, longer on a busy machine

  it("every pong counts too: a peer that pings and does not read is dropped past maxBufferedBytes", async () => {
    await harness.start({ maxBufferedBytes: MAX_BUFFERED });
    const { c, socket } = await joinedSocket();
    const largest = await floodWithoutReading(c, socket, () => c.ws.ping("p".repeat(100)));
    expect(socket.readyState).not.toBe(WebSocket.OPEN);
    expect(largest).toBeLessThanOrEqual(MAX_BUFFERED + 200);
  });
});

describe("reading more slowly", () => {
  it("pauseReading(ms) reads nothing more from the tab for ms, then reads what waited, in order", async () => {
    await harness.start();
    const { c, mount, socket } = await joinedSocket();
    const inc = findId(mount, "inc");
    socket.pauseReading(300);
    expect(socket.isPaused).toBe(true);
    const t0 = performance.now();
    const sent = [c.event(inc, "click"), c.event(inc, "click")];
    await sleep(150);
    expect(c.received.filter((m) => m.k === Msg.Patch)).toEqual([]);
    expect(await answerTo(c, sent[1], 2_000)).toMatchObject({ k: Msg.Patch, a: sent[1], o: [[Op.SetText, findId(mount, "count") + 1, "2"]] });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
    expect(socket.isPaused).toBe(false);
  });

  it("the rate limit pauses a socket past its bucket, and its resume waits while more is owed", async () => {
    await harness.start({ rateLimit: { burst: 1, perSecond: 4 } });
    const { c, mount, socket } = await joinedSocket();
    const inc = findId(mount, "inc");
    const first = c.event(inc, "click");
    await answerTo(c, first); // the burst: nothing owed
    // Each sent once the one before is answered: each owes a token, so each waits for the refill.
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) expect(await answerTo(c, c.event(inc, "click"), 3_000)).toMatchObject({ k: Msg.Patch });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450); // 3 owed at 4 per second, the first read at once
    expect(c.received.filter((m) => m.k === Msg.Error)).toEqual([]);
    await sleep(800);
    expect(socket.isPaused).toBe(false);
  });

  it("the heartbeat leaves a paused socket alone, however long it has been silent", async () => {
    await harness.start();
    const { socket } = await joinedSocket();
    socket.pauseReading(60_000);
    heartbeat(socket.host.sockets, socketClock() + 1_000_000, 10, 10);
    await sleep(20);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.resume();
    heartbeat(socket.host.sockets, socketClock() + 1_000_000, 10, 10);
    expect(socket.readyState).not.toBe(WebSocket.OPEN); // terminated: silent for far too long
  });
});
