/**
 * writeTextFrame (src/server/text-frame.ts) over real sockets: the frames it writes are read
 * by a ws client as the texts sent, at every header size, and it steps aside (returns false)
 * whenever ws has something in flight or an extension is negotiated, so order is kept.
 */
import { once } from "node:events";
import { afterEach, describe, expect, test } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { writeTextFrame } from "../../src/server/text-frame.js";

let server: WebSocketServer | undefined;
let client: WebSocket | undefined;
afterEach(async () => {
  client?.terminate();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = client = undefined;
});

/** A server-side socket and the client connected to it; the client collects what it receives. */
async function pair(perMessageDeflate = false) {
  server = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate });
  await once(server, "listening");
  const accepted = once(server, "connection");
  client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`, { perMessageDeflate });
  const received: Array<{ text: string; binary: boolean }> = [];
  client.on("message", (data: Buffer, binary) => received.push({ text: data.toString(), binary }));
  const [socket] = (await accepted) as [WebSocket];
  await once(client, "open");
  /** Waits until the client has received `n` messages in all. */
  const arrived = async (n: number) => {
    while (received.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
    return received;
  };
  return { socket, received, arrived };
}

describe("writeTextFrame", () => {
  test("the client reads each frame as the text written, at every header size", async () => {
    const { socket, arrived } = await pair();
    const texts = [
      "",
      '{"k":3,"s":1,"o":[[4,7,"1"]]}',
      "a".repeat(125), // the largest 7-bit length
      "a".repeat(126), // the smallest 16-bit length
      "é".repeat(100), // 100 characters, 200 bytes: the header follows the bytes
      "🙂 mixed ✓ text",
      "x".repeat(0xffff), // the largest payload written here
    ];
    for (const text of texts) expect(writeTextFrame(socket, text)).toBe(true);
    const received = await arrived(texts.length);
    expect(received.map((m) => m.text)).toEqual(texts);
    expect(received.every((m) => !m.binary)).toBe(true);
    expect(client!.readyState).toBe(WebSocket.OPEN); // no framing error closed it
  });

  test("leaves a payload over 65,535 bytes to ws, also when its characters are fewer", async () => {
    const { socket } = await pair();
    expect(writeTextFrame(socket, "x".repeat(0x10000))).toBe(false);
    expect(writeTextFrame(socket, "é".repeat(40_000))).toBe(false); // 40,000 characters, 80,000 bytes
  });

  test("steps aside while ws has a message in flight, so messages keep their order", async () => {
    const { socket, arrived } = await pair();
    socket.send(new Blob(["first"])); // ws reads a Blob asynchronously: its sender is busy meanwhile
    expect(writeTextFrame(socket, "second")).toBe(false);
    socket.send("second"); // what TetherSocket.send does then: ws queues it behind the Blob
    await arrived(2);
    expect(writeTextFrame(socket, "third")).toBe(true); // idle again
    const received = await arrived(3);
    expect(received.map((m) => m.text)).toEqual(["first", "second", "third"]);
  });

  test("steps aside when an extension is negotiated (permessage-deflate)", async () => {
    const { socket } = await pair(true);
    expect(socket.extensions).toContain("permessage-deflate");
    expect(writeTextFrame(socket, "hello")).toBe(false);
  });

  test("steps aside for a socket without ws 8's internals", () => {
    expect(writeTextFrame({ extensions: "" } as unknown as WebSocket, "hello")).toBe(false);
  });
});
