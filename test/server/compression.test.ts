/**
 * Compression over a real socket (TetherSocket.send in src/server/socket.ts and the options): small
 * messages go as text, a message over the threshold as one deflate-raw binary frame; the
 * permessage-deflate extension is negotiated only when asked for.
 */
import { openPage } from "../support/page-token.js";
import { inflateRawSync } from "node:zlib";
import WebSocket from "ws";
import { afterEach, describe, expect, test } from "vitest";
import { Component, html, serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { Msg, PROTOCOL_VERSION } from "../../src/protocol/wire.js";

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
});
