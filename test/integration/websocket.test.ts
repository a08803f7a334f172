/**
 * The transport conformance suite over WebSockets (the default transport), then what only
 * the WebSocket transport has: the server's heartbeat, which finds a half-open connection
 * (issue 4, item 3).
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { serve, type RunningServer } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";
import { Msg, type MountMessage } from "../../src/protocol/wire.js";
import { TcpProxy } from "../support/tcp-proxy.js";
import { nodeId, websocket, WebSocketTransport } from "../support/transports.js";
import { runTransportConformance } from "./transport.case.js";

runTransportConformance(websocket);

describe("websocket only", () => {
  let server: RunningServer;
  let proxy: TcpProxy;
  const open: WebSocketTransport[] = [];

  beforeAll(async () => {
    server = await serve({
      port: 0,
      host: "127.0.0.1",
      dev: true,
      routes: { "/counter": Counter },
      heartbeatInterval: 150,
      heartbeatTimeout: 150,
      onError: () => {},
    });
    proxy = await TcpProxy.forUrl(server.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });

  async function connect(url = server.url): Promise<WebSocketTransport> {
    const t = await WebSocketTransport.connect(url);
    open.push(t);
    return t;
  }

  test("an idle connection that answers the server's pings stays open past interval + timeout", async () => {
    const t = await connect();
    const mount = (await t.join("/counter")) as MountMessage;
    expect(mount.hb).toEqual([150, 150]);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(t.isClosed).toBe(false);
    const e = t.event(nodeId(mount, "inc"));
    expect(await t.next((m) => m.k === Msg.Patch)).toMatchObject({ a: e });
  });

  test("a server busy past the heartbeat's deadline reads the pongs that came meanwhile before it judges silence", async () => {
    // Two peers in a thread of their own, so they answer while this one (the server's) is
    // blocked: each waits for a ping, then one answers it during the block and one never does.
    const peers = new Worker(PEERS, { eval: true, workerData: { ws: createRequire(import.meta.url).resolve("ws"), url: server.url.replace(/^http/, "ws") + "/_tether/ws" } });
    try {
      const closed = new Map<string, number>();
      const pinged = new Set<string>();
      peers.on("message", (m: { peer: string; event: string; code?: number }) => {
        if (m.event === "ping") pinged.add(m.peer);
        if (m.event === "close") closed.set(m.peer, m.code!);
      });
      const end = Date.now() + 5_000;
      while (pinged.size < 2 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
      expect([...pinged].sort()).toEqual(["answers", "silent"]);
      peers.postMessage("answer in 50 ms");
      const until = Date.now() + 800; // well past interval + timeout (150 + 150) and a sweep period
      while (Date.now() < until); // the server's thread is busy: no timer, no read
      // The first sweep after the block drops the silent one; by then the other's pong was read.
      const dropped = Date.now() + 5_000;
      while (!closed.has("silent") && Date.now() < dropped) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(closed.get("silent")).toBe(1006); // terminated: it never answered
      expect(closed.has("answers")).toBe(false); // its pong came during the block and was read first
    } finally {
      await peers.terminate();
    }
  });

  test("a half-open connection (no data either way, no close) is terminated; the session waits for its tab", async () => {
    const t = await connect(proxy.url);
    const mount = (await t.join("/counter")) as MountMessage;
    const e = t.event(nodeId(mount, "inc"));
    await t.next((m) => m.k === Msg.Patch && m.a === e);
    const session = server.tether.sessions.get(mount.sid)!;
    proxy.stall();
    const end = Date.now() + 10_000;
    while (session.isConnected && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.isConnected).toBe(false);
    expect(session.isEnded).toBe(false);
    proxy.cutAll();
    // The tab comes back and resumes where it was.
    const back = await connect();
    expect(await back.join("/counter", mount.sid, { rt: mount.rt, s: 2 })).toMatchObject({ k: Msg.Resume, a: 1 });
  });
});

/**
 * The peers of the blocked-server test, run in a worker thread: two WebSockets that do not
 * answer pings on their own (autoPong off). Each reports its pings and its close; on "answer in
 * 50 ms" the one named "answers" sends its pong 50 ms later and answers every ping from then
 * on, the other never does.
 */
const PEERS = `
const { parentPort, workerData } = require("node:worker_threads");
const WebSocket = require(workerData.ws);
const peers = {};
let answering = false;
for (const peer of ["answers", "silent"]) {
  const ws = new WebSocket(workerData.url, { autoPong: false });
  ws.on("ping", () => {
    parentPort.postMessage({ peer, event: "ping" });
    if (peer === "answers" && answering) ws.pong();
  });
  ws.on("close", (code) => parentPort.postMessage({ peer, event: "close", code }));
  ws.on("error", () => {});
  peers[peer] = ws;
}
parentPort.on("message", () => setTimeout(() => {
  answering = true;
  peers.answers.pong();
}, 50));
`;
