/**
 * The transport conformance suite over WebSockets (the default transport), then what only
 * the WebSocket transport has: the server's heartbeat, which finds a half-open connection
 * (issue 4, item 3).
 */
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
