/**
 * UpgradeHandler (upgrade.ts), on a bare HTTP server over real sockets: it takes upgrades of
 * `…/ws` as Tether sockets (joining at once when the URL carries the join, with the upgrade's
 * request), leaves other paths to the app, pings idle sockets at each sweep, and closes every
 * socket on close.
 */
import { rememberToken, tokenFor } from "../support/page-token.js";
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { Msg, PROTOCOL_VERSION, type MountMessage } from "../../src/protocol/wire.js";
import { joinQuery } from "../../src/protocol/encode.js";
import type { TetherOptions } from "../../src/server/options.js";
import { TetherSocket } from "../../src/server/socket.js";
import { UpgradeHandler } from "../../src/server/upgrade.js";
import { ProtocolClient } from "../support/client.js";
import { listen, type TestServer } from "../support/http.js";
import { waitFor } from "../support/page.js";
import { serverParts } from "../support/server-parts.js";

const cleanups: Array<() => unknown> = [];

afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function start(options: Partial<TetherOptions> = {}) {
  const parts = serverParts(options);
  const upgrades = new UpgradeHandler(parts.host, parts.options);
  const server: TestServer = await listen(() => false);
  const taken: boolean[] = [];
  server.server.on("upgrade", (req, socket, head) => taken.push(upgrades.handle(req, socket, head)));
  cleanups.push(() => server.close(), () => upgrades.close(), () => parts.registry.close("test over"));
  /** A page's session (as a GET leaves it), whose join token a tab holds: its id. */
  const page = async () => {
    const { session, token } = await parts.page();
    rememberToken(session.id, token);
    return session.id;
  };
  return { ...parts, upgrades, server, taken, page };
}

async function connect(url: string, base?: string, query?: string): Promise<ProtocolClient> {
  const c = await ProtocolClient.connect(url, base, query);
  cleanups.push(() => c.ws.terminate());
  return c;
}

describe("UpgradeHandler", () => {
  it("takes an upgrade of …/ws as a Tether socket of its host, which then joins by a Join message", async () => {
    const { upgrades, server, taken, policy, page } = await start();
    const c = await connect(server.url);
    expect(taken).toEqual([true]);
    expect(upgrades.host.sockets.size).toBe(1);
    const mount = await c.join("/counter", await page());
    expect(mount.k).toBe(Msg.Mount);
    // A Join message on an open socket comes with the socket's upgrade request, kept until the join.
    expect(policy.asked.map((a) => a.request?.url)).toEqual(["/_tether/ws"]);
    let socket: TetherSocket | null = null;
    upgrades.host.sockets.forEach((s) => (socket = s));
    expect(socket).toBeInstanceOf(TetherSocket);
    expect(socket!.host).toBe(upgrades.host);
    expect(socket!.session!.id).toBe(mount.sid);
  });

  it("joins at once when the URL carries the join, giving the policy the upgrade's request", async () => {
    const { server, policy, page } = await start();
    const sid = await page();
    const query = joinQuery(PROTOCOL_VERSION, sid, "/counter", tokenFor(sid)!);
    const c = await connect(server.url, "/_tether", query);
    const mount = (await c.first((m) => m.k === Msg.Mount)) as MountMessage;
    expect(mount.k).toBe(Msg.Mount);
    expect(policy.asked).toHaveLength(1);
    expect(policy.asked[0].request!.url).toBe(`/_tether/ws${query}`);
    expect(policy.asked[0].request!.headers.upgrade).toBe("websocket");
  });

  it("uses the base path", async () => {
    const { server, taken, page } = await start({ basePath: "/live/" });
    const c = await connect(server.url, "/live");
    expect((await c.join("/counter", await page())).k).toBe(Msg.Mount);
    expect(taken).toEqual([true]);
  });

  it("leaves other paths to the app's own listeners", async () => {
    const { server, taken, upgrades } = await start();
    const app = new WebSocketServer({ noServer: true });
    cleanups.push(() => new Promise<void>((resolve) => app.close(() => resolve())));
    server.server.on("upgrade", (req, socket, head) => {
      if (req.url === "/chat") app.handleUpgrade(req, socket, head, (ws) => ws.on("message", (d) => ws.send(`echo ${d}`)));
      else if (!taken.at(-1)) socket.destroy();
    });
    const chat = new WebSocket(server.url.replace("http", "ws") + "/chat");
    cleanups.push(() => chat.terminate());
    const echoed = await new Promise<string>((resolve, reject) => {
      chat.once("open", () => chat.send("hi"));
      chat.once("message", (d) => resolve(String(d)));
      chat.once("error", reject);
    });
    expect(echoed).toBe("echo hi");
    for (const path of ["/_tether/wsx", "/_tether/ws/more", "/ws"]) {
      const other = new WebSocket(server.url.replace("http", "ws") + path);
      await new Promise((resolve) => other.once("error", resolve));
    }
    expect(taken).toEqual([false, false, false, false]);
    expect(upgrades.host.sockets.size).toBe(0);
  });

  it("refuses an upgrade past maxConnectionsPerClient with 429 and Retry-After; a closed socket frees its place", async () => {
    const { server, upgrades, host, page } = await start({ maxConnectionsPerClient: 2 });
    const [a, b] = [await connect(server.url), await connect(server.url)];
    expect(host.clients.count("127.0.0.1")).toBe(2);
    const refused = new WebSocket(server.url.replace("http", "ws") + "/_tether/ws");
    cleanups.push(() => refused.readyState !== WebSocket.CONNECTING && refused.terminate());
    const response = await new Promise<IncomingMessage>((resolve) => refused.once("unexpected-response", (_req, res) => resolve(res)));
    expect(response.statusCode).toBe(429);
    expect(response.headers["retry-after"]).toBe("5");
    expect(upgrades.host.sockets.size).toBe(2);
    a.close();
    await waitFor(() => host.clients.count("127.0.0.1") === 1, 3000, "the closed socket to give back its place");
    expect((await (await connect(server.url)).join("/counter", await page())).k).toBe(Msg.Mount);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
  });

  it("pings a socket idle for heartbeatInterval at a sweep", async () => {
    const { server, upgrades, page } = await start({ heartbeatInterval: 50, heartbeatTimeout: 5_000 });
    const c = await connect(server.url);
    await c.join("/counter", await page());
    const pinged = new Promise<void>((resolve) => c.ws.once("ping", () => resolve()));
    upgrades.sweep();
    await new Promise((resolve) => setTimeout(resolve, 80));
    upgrades.sweep();
    await pinged;
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
  });

  it("closes a socket whose message is over maxMessageSize with 1009", async () => {
    const { server } = await start({ maxMessageSize: 100 });
    const c = await connect(server.url);
    c.sendRaw("x".repeat(200));
    expect((await c.closed).code).toBe(1009);
  });

  it("negotiates permessage-deflate only when asked to", async () => {
    const plain = await start();
    const a = await connect(plain.server.url);
    expect(a.ws.extensions).toBe("");
    const deflating = await start({ perMessageDeflate: true });
    const b = await connect(deflating.server.url);
    expect(b.ws.extensions).toContain("permessage-deflate");
  });

  it("close() closes every open socket as going away (the tab reconnects) and forgets it", async () => {
    const { server, upgrades, page } = await start();
    const joined = await connect(server.url);
    await joined.join("/counter", await page());
    const waiting = await connect(server.url); // not joined yet
    await upgrades.close();
    expect(await joined.closed).toEqual({ code: 1001, reason: "server closing" });
    expect(await waiting.closed).toEqual({ code: 1001, reason: "server closing" });
    expect(upgrades.host.sockets.size).toBe(0);
  });

  it("close() drops a socket whose peer does not answer the close, once the grace has passed", async () => {
    const { server, upgrades, page } = await start();
    const c = await connect(server.url);
    await c.join("/counter", await page());
    // A dead line: the client reads nothing more, so it never answers the server's close frame.
    (c.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await upgrades.close();
    // Without the drop it would wait for ws's own close timeout, 30 s.
    await waitFor(() => upgrades.host.sockets.size === 0, 3000, "the socket to leave the list");
  });
});
