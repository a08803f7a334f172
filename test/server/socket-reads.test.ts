/**
 * A tab's reads as the server's sockets take them (TetherSocket's readFrames, over real
 * sockets): a read that is one whole text frame is handled without ws's receiver; frames in
 * pieces or several to a read go through it as before; either way every message is answered,
 * in order, and a frame ws would refuse is refused as ws does.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Duplex } from "node:stream";
import { serve, type RunningServer } from "../../src/index.js";
import { Msg, PROTOCOL_VERSION, type MountMessage } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";
import { ProtocolClient } from "../support/client.js";
import { withServerSocket } from "../support/server-socket.js";
import { findId, sleep } from "../support/page.js";
import { maskedFrame } from "../support/frames.js";

let server: RunningServer | null = null;
let clients: ProtocolClient[] = [];

afterEach(async () => {
  for (const c of clients) c.ws.terminate();
  clients = [];
  await server?.close();
  server = null;
});

/** A joined counter tab, its TCP socket (to write frames as reads bring them), and how many reads its server side's ws receiver was given. */
async function tab() {
  server ??= await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/counter": Counter } });
  const url = server.url;
  const { c, socket } = await withServerSocket(async () => ({ c: await ProtocolClient.connect(url) }));
  clients.push(c);
  const mount = (await c.join("/counter")) as MountMessage;
  expect(mount.k).toBe(Msg.Mount);
  const receiver = (socket as unknown as { _receiver: { write(chunk: Buffer): boolean } })._receiver;
  const toReceiver = vi.spyOn(receiver, "write");
  const tcp = (c.ws as unknown as { _socket: Duplex })._socket;
  let e = 0;
  const click = () => JSON.stringify({ k: Msg.Event, e: ++e, n: findId(mount, "inc"), t: "click", d: {} });
  return { c, tcp, click, toReceiver };
}

async function patches(c: ProtocolClient, n: number): Promise<void> {
  while (c.received.filter((m) => m.k === Msg.Patch).length < n) await sleep(2);
}

describe("a tab's reads", () => {
  it("one whole frame to a read: handled without ws's receiver, each answered", async () => {
    const { c, tcp, click, toReceiver } = await tab();
    for (let i = 1; i <= 20; i++) {
      tcp.write(maskedFrame(click()));
      await patches(c, i);
    }
    expect(toReceiver).not.toHaveBeenCalled();
    expect(c.received.filter((m) => m.k === Msg.Error)).toEqual([]);
  });

  it("frames in pieces, and several to a read, go through ws's receiver and are answered in order", async () => {
    const { c, tcp, click, toReceiver } = await tab();
    const frame = maskedFrame(click());
    tcp.write(frame.subarray(0, 3));
    await sleep(20);
    tcp.write(frame.subarray(3));
    await patches(c, 1);
    tcp.write(Buffer.concat([maskedFrame(click()), maskedFrame(click()), maskedFrame(click())]));
    await patches(c, 4);
    expect(toReceiver).toHaveBeenCalledTimes(3);
    // Each Patch answers the next event, in the order sent.
    expect(c.received.filter((m) => m.k === Msg.Patch).map((m) => (m as { a?: number }).a)).toEqual([1, 2, 3, 4]);
    // And a whole frame after them is read on its own again.
    tcp.write(maskedFrame(click()));
    await patches(c, 5);
    expect(toReceiver).toHaveBeenCalledTimes(3);
  });

  it("a text frame that is not UTF-8 closes its socket with 1007, as ws does; other tabs are served", async () => {
    const bad = await tab();
    const good = await tab();
    bad.tcp.write(maskedFrame(Buffer.from([0x7b, 0xc3, 0x28, 0x7d])));
    expect((await bad.c.closed).code).toBe(1007);
    good.tcp.write(maskedFrame(good.click()));
    await patches(good.c, 1);
  });

  it("a ping is answered with its pong, and a second join refused, whichever way they come", async () => {
    const { c, tcp } = await tab();
    const pong = new Promise<Buffer>((resolve) => c.ws.once("pong", resolve));
    tcp.write(maskedFrame("still there?", 0x89));
    expect((await pong).toString()).toBe("still there?");
    const answer = c.next();
    tcp.write(maskedFrame(JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, path: "/counter" })));
    expect((await answer).k).toBe(Msg.Error); // already joined
  });
});
