/**
 * The limits per client and in total, over real sockets on serve() (issue 15, item 4): page
 * GETs that no tab joins never keep more sessions than the pending caps allow; a client's
 * connections are capped, WebSocket and long-poll together; and an upgrade that nothing
 * serves is answered 400 and closed rather than left open.
 */
import { createServer, type IncomingMessage } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createTether, serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { Msg } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";
import { longpoll, websocket, type ProtocolTransport } from "../support/transports.js";

let server: RunningServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  server = await serve({ port: 0, host: "127.0.0.1", dev: false, routes: { "/counter": Counter }, onError: () => {}, ...options });
  return server;
}

/** GETs `url` `count` times, `parallel` at a time; the statuses, and the most sessions the server held after any of them. */
async function getMany(url: string, count: number, parallel: number): Promise<{ statuses: Map<number, number>; most: number }> {
  const statuses = new Map<number, number>();
  let most = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next++;
        const res = await fetch(url);
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        most = Math.max(most, server!.tether.sessions.size);
      }
    }),
  );
  return { statuses, most };
}

describe("pending sessions", () => {
  test("10,000 GETs that no tab joins keep no more than maxPendingPerClient sessions: each client's oldest gives way", async () => {
    await start(); // defaults: 64 per client, 10,000 in all
    const { statuses, most } = await getMany(server!.url + "/counter", 10_000, 16);
    expect(statuses).toEqual(new Map([[200, 10_000]]));
    expect(most).toBeLessThanOrEqual(64);
    expect(server!.tether.sessions.size).toBe(64);
    expect(server!.tether.expiring).toBe(64);
  }, 120_000);

  test("past maxPendingSessions in all, GETs are answered 503 with Retry-After and make no session", async () => {
    await start({ maxPendingSessions: 100, maxPendingPerClient: 1_000_000 });
    const { statuses, most } = await getMany(server!.url + "/counter", 2_000, 16);
    expect(statuses).toEqual(new Map([[200, 100], [503, 1_900]]));
    expect(most).toBe(100);
    const busy = await fetch(server!.url + "/counter");
    expect([busy.status, busy.headers.get("retry-after")]).toEqual([503, "5"]);
  });
});

describe("connections per client", () => {
  test("past maxConnectionsPerClient, WebSocket and long-poll together, one more is refused with 429 until one closes", async () => {
    await start({ maxConnectionsPerClient: 3 });
    const open: ProtocolTransport[] = [];
    for (const transport of [websocket, longpoll, websocket]) {
      const t = await transport.connect(server!.url);
      open.push(t);
      expect((await t.join("/counter")).k).toBe(Msg.Mount);
    }
    const refused = new WebSocket(server!.url.replace("http", "ws") + "/_tether/ws");
    const status = await new Promise<number>((resolve) => refused.once("unexpected-response", (_req, res: IncomingMessage) => resolve(res.statusCode!)));
    expect(status).toBe(429);
    const poll = await fetch(server!.url + "/_tether/poll", { method: "POST", body: "" });
    expect(poll.status).toBe(429);
    await open[0].close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const again = await websocket.connect(server!.url);
    expect((await again.join("/counter")).k).toBe(Msg.Mount);
    for (const t of [...open, again]) await t.close();
  });
});

/** Sends an upgrade request for `path` on a raw TCP connection; what comes back, and whether the server closed it. */
async function rawUpgrade(port: number, path: string): Promise<{ response: string; closed: boolean }> {
  const socket = connect(port, "127.0.0.1");
  let response = "";
  socket.on("data", (chunk: Buffer) => (response += chunk.toString()));
  const closed = new Promise<boolean>((resolve) => socket.once("close", () => resolve(true)));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  const result = await Promise.race([closed, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000))]);
  socket.destroy();
  return { response, closed: result };
}

describe("upgrades of paths Tether does not serve", () => {
  test("under serve() nothing else can take them: answered 400 and closed", async () => {
    await start();
    const port = Number(new URL(server!.url).port);
    for (const path of ["/chat", "/_tether/wsx", "/counter"]) {
      const { response, closed } = await rawUpgrade(port, path);
      expect(response).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(response).toContain("no WebSocket is served at this path");
      expect(closed).toBe(true);
    }
    const own = await websocket.connect(server!.url); // Tether's own still works
    expect((await own.join("/counter")).k).toBe(Msg.Mount);
    await own.close();
  });

  test("under attach() on a server with an upgrade listener of its own, they are left to it", async () => {
    const tether = createTether({ routes: { "/counter": Counter } });
    const http = createServer();
    tether.attach(http);
    const chat = new WebSocketServer({ noServer: true });
    http.on("upgrade", (req, socket, head) => {
      if (req.url === "/chat") chat.handleUpgrade(req, socket, head, (ws) => ws.send("hello"));
    });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/chat`);
      expect(String(await new Promise((resolve) => ws.once("message", resolve)))).toBe("hello");
      ws.terminate();
    } finally {
      await tether.close();
      chat.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
