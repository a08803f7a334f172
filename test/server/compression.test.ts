/**
 * Compression over a real socket (TetherSocket.send in src/server/socket.ts, deflating.ts and
 * the options): small messages go as text, a message over the threshold as one deflate-raw
 * binary frame, a long one deflated off the event loop with what follows it kept in order; the
 * permessage-deflate extension is negotiated only when asked for.
 */
import { openPage } from "../support/page-token.js";
import { inflateRawSync } from "node:zlib";
import WebSocket from "ws";
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { Msg, PROTOCOL_VERSION } from "../../src/protocol/wire.js";
import { COMPRESS_OFF_LOOP_FROM } from "../../src/server/deflating.js";
import { waitFor } from "../support/page.js";
import { withServerSocket } from "../support/server-socket.js";

class Big extends Component<{ query: Record<string, string> }> {
  render() {
    const rows = Number(this.props.query.rows ?? 0);
    return html`<ul>${Array.from({ length: rows }, (_, i) => html`<li key=${i}>row ${i}</li>`)}</ul>`;
  }
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Joins `path` and returns the first frame the server sent, as it came off the socket. */
async function firstFrame(options: Partial<ServeOptions>, path: string, clientDeflate: boolean) {
  server = await serve({ routes: { "/big": Big }, port: 0, host: "127.0.0.1", ...options });
  const page = await openPage(server.url, path);
  const ws = new WebSocket(server.url.replace("http", "ws") + "/_tether/ws", { perMessageDeflate: clientDeflate });
  await new Promise((resolve) => ws.once("open", resolve));
  const frame = new Promise<{ data: Buffer; binary: boolean }>((resolve) => ws.once("message", (data: Buffer, binary) => resolve({ data, binary })));
  ws.send(JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, sid: page.sid, path, t: page.token }));
  const result = { ...(await frame), extensions: ws.extensions };
  ws.close();
  return result;
}

describe("compression of server messages", () => {
  test("a small mount travels as text", async () => {
    const { data, binary } = await firstFrame({}, "/big?rows=1", true);
    expect(binary).toBe(false);
    expect(JSON.parse(data.toString()).k).toBe(Msg.Mount);
  });

  test("a mount over the threshold travels as one deflate-raw binary frame, much smaller", async () => {
    const { data, binary } = await firstFrame({}, "/big?rows=500", false);
    expect(binary).toBe(true);
    const text = inflateRawSync(data).toString();
    const mount = JSON.parse(text);
    expect(mount.k).toBe(Msg.Mount);
    expect(data.length).toBeLessThan(text.length / 4);
  });

  test("compressionThreshold: false sends everything as text", async () => {
    const { binary } = await firstFrame({ compressionThreshold: false }, "/big?rows=500", false);
    expect(binary).toBe(false);
  });

  test("permessage-deflate is negotiated only with perMessageDeflate: true", async () => {
    expect((await firstFrame({}, "/big?rows=1", true)).extensions).toBe("");
    expect((await firstFrame({ perMessageDeflate: true }, "/big?rows=1", true)).extensions).toContain("permessage-deflate");
  });

  test(`a message from ${COMPRESS_OFF_LOOP_FROM} characters is deflated off the event loop; what the socket sends meanwhile follows it, in order`, async () => {
    server = await serve({ routes: { "/big": Big }, port: 0, host: "127.0.0.1" });
    const { ws, socket } = await withServerSocket(async () => {
      const ws = new WebSocket(server!.url.replace("http", "ws") + "/_tether/ws");
      await new Promise((resolve) => ws.once("open", resolve));
      return { ws };
    });
    const frames: Array<{ data: Buffer; binary: boolean }> = [];
    ws.on("message", (data: Buffer, binary: boolean) => frames.push({ data, binary }));
    const large = JSON.stringify({ k: Msg.Emit, s: 1, ev: "x", p: "y".repeat(COMPRESS_OFF_LOOP_FROM) });
    const medium = JSON.stringify({ k: Msg.Emit, s: 2, ev: "x", p: "z".repeat(2_000) });
    const small = '{"k":24}';
    socket.send(large);
    socket.send(medium);
    socket.send(small);
    // Nothing of it was compressed while send ran: all three wait for the pool's answer.
    expect(socket.host.deflating.bytesWaiting(socket)).toBe(medium.length + small.length);
    expect(frames).toEqual([]);
    await waitFor(() => frames.length === 3, 5_000, "the three messages");
    expect(frames.map((f) => f.binary)).toEqual([true, true, false]);
    expect(inflateRawSync(frames[0].data).toString()).toBe(large);
    expect(inflateRawSync(frames[1].data).toString()).toBe(medium);
    expect(frames[2].data.toString()).toBe(small);
    expect(socket.host.deflating.bytesWaiting(socket)).toBe(0);
    ws.close();
  });

  test("a socket that closes while its message is deflated drops it, and what waited behind it", async () => {
    server = await serve({ routes: { "/big": Big }, port: 0, host: "127.0.0.1" });
    const { ws, socket } = await withServerSocket(async () => {
      const ws = new WebSocket(server!.url.replace("http", "ws") + "/_tether/ws");
      await new Promise((resolve) => ws.once("open", resolve));
      return { ws };
    });
    let received = 0;
    ws.on("message", () => received++);
    socket.send("x".repeat(COMPRESS_OFF_LOOP_FROM));
    socket.send('{"k":24}');
    socket.terminate();
    await new Promise((resolve) => ws.once("close", resolve));
    await waitFor(() => socket.host.deflating.bytesWaiting(socket) === 0, 5_000, "the deflation to end");
    expect(received).toBe(0);
  });
});
