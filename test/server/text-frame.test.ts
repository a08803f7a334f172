/**
 * writeTextFrame (src/server/text-frame.ts) over real sockets: the frames it writes are read
 * by a ws client as the texts sent, at every header size, and it steps aside (returns false)
 * whenever ws has something in flight or an extension is negotiated, so order is kept.
 */
import { once } from "node:events";
import { afterEach, describe, expect, test } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { readTextFrame, writeTextFrame } from "../../src/server/text-frame.js";
import { maskedFrame } from "../support/frames.js";

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

describe("readTextFrame", () => {
  test("gives the text of one whole masked text frame, at every header size and in any script, unmasked in place", async () => {
    const { socket } = await pair();
    for (const text of ['{"k":2,"e":1,"n":5,"t":"click","d":{}}', "", "a".repeat(125), "a".repeat(126), "é".repeat(100), "🙂 ✓", "x".repeat(0xffff)]) {
      const frame = maskedFrame(text);
      const read = readTextFrame(socket, frame);
      expect(read?.toString()).toBe(text);
      expect(read!.buffer).toBe(frame.buffer); // a view of the read, not a copy
    }
  });

  test("leaves everything else to ws's receiver, the read unchanged", async () => {
    const { socket } = await pair();
    const cases: Record<string, Buffer> = {
      "an unmasked frame": Buffer.concat([Buffer.from([0x81, 5]), Buffer.from("hello")]),
      "a binary frame": maskedFrame("hello", 0x82),
      "a compressed frame (RSV1)": maskedFrame("hello", 0xc1),
      "a first fragment (no FIN)": maskedFrame("hello", 0x01),
      "a ping": maskedFrame("hello", 0x89),
      "a close": maskedFrame(Buffer.from([0x03, 0xe8]), 0x88),
      "two frames in one read": Buffer.concat([maskedFrame("one"), maskedFrame("two")]),
      "a frame's first part": maskedFrame("hello").subarray(0, 8),
      "a 64-bit length": Buffer.concat([Buffer.from([0x81, 0xff, 0, 0, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4]), Buffer.from("hello")]),
      "invalid UTF-8": maskedFrame(Buffer.from([0x68, 0xc3, 0x28, 0x69])),
      "a lone surrogate's bytes": maskedFrame(Buffer.from([0xed, 0xa0, 0x80])),
    };
    for (const [what, read] of Object.entries(cases)) {
      const before = Buffer.from(read);
      expect(readTextFrame(socket, read), what).toBeNull();
      expect(read.equals(before), what).toBe(true);
    }
  });

  test("leaves a frame to ws while its receiver is within another, or past maxPayload", async () => {
    server = new WebSocketServer({ host: "127.0.0.1", port: 0, maxPayload: 10 });
    await once(server, "listening");
    const accepted = once(server, "connection");
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}`);
    const [socket] = (await accepted) as [WebSocket];
    await once(client, "open");
    expect(readTextFrame(socket, maskedFrame("0123456789"))?.toString()).toBe("0123456789");
    expect(readTextFrame(socket, maskedFrame("0123456789a"))).toBeNull();
    const receiver = (socket as unknown as { _receiver: { _bufferedBytes: number; _fragmented: number } })._receiver;
    receiver._fragmented = 1; // a fragmented message under way: a text frame now is a protocol error, ws's to report
    expect(readTextFrame(socket, maskedFrame("hello"))).toBeNull();
    receiver._fragmented = 0;
    receiver._bufferedBytes = 3; // part of a frame read before: this read continues it
    expect(readTextFrame(socket, maskedFrame("hello"))).toBeNull();
    receiver._bufferedBytes = 0;
  });

  test("reads nothing of a socket without ws 8's internals", () => {
    expect(readTextFrame({} as unknown as WebSocket, maskedFrame("hello"))).toBeNull();
  });
});
