/**
 * TetherSocket's limits (socket.ts), over real sockets (issue 15, items 4 and 5): the rate
 * limit reads a socket more slowly (pauseReading) rather than refusing what it sends, and the
 * heartbeat leaves a socket it paused alone.
 */
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { Msg, Op } from "../../src/protocol/wire.js";
import { heartbeat, socketClock } from "../../src/server/socket.js";
import { Counter } from "../../examples/counter.js";
import { answerTo, findId, sleep } from "../support/page.js";
import { withServerSocket } from "../support/server-socket.js";
import { useSessionServer } from "../support/session-server.js";

const harness = useSessionServer({ routes: { "/counter": Counter } });

const joinedSocket = () => withServerSocket(() => harness.open("/counter"));

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
