/**
 * Who may open a session, over real sockets (invariant 7, "Escaped by default" in
 * ARCHITECTURE.md): another site's page is refused at the WebSocket upgrade and at every
 * long-poll request, before any session exists; a join without a valid token for its page (none,
 * forged, expired, another route's, another user's) is refused; a restart with the same secret
 * lets a tab that holds a valid token back in, as its user, and refuses a user who logged out.
 */
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { serve, redirect, type RunningServer, type ServeOptions } from "../../src/index.js";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type MountMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { joinQuery } from "../../src/protocol/encode.js";
import { openPage } from "../support/page-token.js";
import { Counter } from "../../examples/counter.js";
import { List } from "../../examples/list.js";

const SECRET = "a test secret that is long enough to sign with";
let servers: RunningServer[] = [];

afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

/** Users by their `user` cookie; without one, off to log in. */
const authorize: ServeOptions["authorize"] = (request) => (request.cookies.user ? { user: request.cookies.user } : redirect("/login"));

async function start(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  const server = await serve({ routes: { "/counter": Counter, "/list": List }, port: 0, host: "127.0.0.1", secret: SECRET, onError: () => {}, ...options });
  servers.push(server);
  return server;
}

/** Opens a WebSocket with these headers; resolves with the HTTP status if the upgrade is refused. */
function upgrade(url: string, headers: Record<string, string>, query = ""): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace(/^http/, "ws") + "/_tether/ws" + query, { headers });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", reject);
  });
}

/** Sends a Join and resolves with the answer: a Mount, or the fatal Error and the close code. */
async function joinWith(server: RunningServer, join: Record<string, unknown>, headers: Record<string, string> = {}): Promise<ServerMessage & { closeCode?: number }> {
  const ws = await upgrade(server.url, headers);
  if (typeof ws === "number") throw new Error(`upgrade refused with ${ws}`);
  const answer = new Promise<ServerMessage>((resolve) => ws.once("message", (data: Buffer) => resolve(JSON.parse(data.toString()) as ServerMessage)));
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  ws.send(JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, ...join }));
  const message = await answer;
  if (message.k !== Msg.Error) {
    ws.terminate();
    return message;
  }
  return { ...message, closeCode: await closed };
}

describe("origins", () => {
  it("refuses another site's WebSocket upgrade with 403, before any session exists", async () => {
    const server = await start();
    const page = await openPage(server.url, "/counter");
    const sessions = server.tether.sessions.size;
    const host = new URL(server.url).host;
    expect(await upgrade(server.url, { origin: "https://evil.example" }, joinQuery(PROTOCOL_VERSION, page.sid, "/counter", page.token))).toBe(403);
    expect(server.tether.sessions.size).toBe(sessions);
    expect(server.tether.sessions.get(page.sid)!.isConnected).toBe(false);
    // The site's own pages, and clients that send no Origin, connect.
    const own = await upgrade(server.url, { origin: `http://${host}` });
    expect(own).toBeInstanceOf(WebSocket);
    (own as WebSocket).terminate();
  });

  it("refuses another site's long-poll requests with 403, and binds a connection to the client that opened it", async () => {
    const server = await start();
    const page = await openPage(server.url, "/counter");
    const body = JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, sid: page.sid, path: "/counter", t: page.token });
    const evil = await fetch(`${server.url}/_tether/poll`, { method: "POST", body, headers: { origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(server.tether.sessions.get(page.sid)!.isConnected).toBe(false);
    const own = await fetch(`${server.url}/_tether/poll`, { method: "POST", body, headers: { origin: server.url } });
    const { c, k } = (await own.json()) as { c: string; k: string };
    expect(k).toMatch(/^[\w-]{20,}$/);
    // The id alone (it travels in URLs) reads nothing; with the key, the Mount comes.
    expect((await fetch(`${server.url}/_tether/poll?c=${c}`)).status).toBe(403);
    expect((await fetch(`${server.url}/_tether/poll?c=${c}`, { headers: { "x-tether-key": k.replace(/^./, (x) => (x === "A" ? "B" : "A")) } })).status).toBe(403);
    const answer = (await (await fetch(`${server.url}/_tether/poll?c=${c}`, { headers: { "x-tether-key": k } })).json()) as { m: ServerMessage[] };
    expect(answer.m[0]).toMatchObject({ k: Msg.Mount, sid: page.sid });
  });

  it("allows the origins the app lists", async () => {
    const server = await start({ allowedOrigins: ["https://app.example.com"] });
    const ws = await upgrade(server.url, { origin: "https://app.example.com" });
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).terminate();
    expect(await upgrade(server.url, { origin: "https://evil.example" })).toBe(403);
  });
});

describe("join tokens", () => {
  it("refuses a join with no token, a forged one, an expired one, or another route's, making no session", async () => {
    const server = await start({ joinTimeout: 1000 });
    const page = await openPage(server.url, "/counter");
    const list = await openPage(server.url, "/list");
    const [body] = page.token.split(".");
    const cases: Array<Record<string, unknown>> = [
      { sid: page.sid, path: "/counter" },
      { sid: page.sid, path: "/counter", t: `${body}.${"A".repeat(43)}` },
      { sid: page.sid, path: "/counter", t: list.token },
      { sid: list.sid, path: "/counter", t: list.token },
      { sid: null, path: "/admin", t: page.token },
    ];
    for (const join of cases) {
      const answer = await joinWith(server, join);
      expect(answer, JSON.stringify(join)).toMatchObject({ k: Msg.Error, code: ErrorCodes.Unauthorized, fatal: true, closeCode: 4002 });
    }
    expect(server.tether.sessions.get(page.sid)!.isConnected).toBe(false);
    expect(server.tether.sessions.size).toBe(2);
    // Expired: the page's token is good for joinTimeout (whole seconds), then refused.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await joinWith(server, { sid: page.sid, path: "/counter", t: page.token })).toMatchObject({ code: ErrorCodes.Unauthorized, closeCode: 4002 });
  });

  it("refuses another user's token: the join's own request must be the token's user", async () => {
    const server = await start({ authorize });
    const ann = await openPage(server.url, "/counter", { cookie: "user=ann" });
    expect(await joinWith(server, { sid: ann.sid, path: "/counter", t: ann.token }, { cookie: "user=bob" })).toMatchObject({
      code: ErrorCodes.Unauthorized,
      closeCode: 4002,
    });
    expect(await joinWith(server, { sid: ann.sid, path: "/counter", t: ann.token })).toMatchObject({ code: ErrorCodes.Unauthorized, to: "/login" });
    const mount = await joinWith(server, { sid: ann.sid, path: "/counter", t: ann.token }, { cookie: "user=ann" });
    expect(mount).toMatchObject({ k: Msg.Mount, sid: ann.sid });
    expect(server.tether.sessions.get(ann.sid)!.context).toEqual({ user: "ann" });
  });

  it("answers a page GET the hook refuses with its redirect or status, making no session", async () => {
    const server = await start({ authorize, routes: { "/counter": Counter, "/admin": { component: List, authorize: () => ({ user: "x" }) } } });
    const res = await fetch(server.url + "/counter", { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    expect(server.tether.sessions.size).toBe(0);
  });
});

describe("a restart with the same secret", () => {
  it("lets a tab with a valid token back in, as its user, and refuses one whose user logged out", async () => {
    const first = await start({ authorize });
    const page = await openPage(first.url, "/counter", { cookie: "user=ann" });
    const mounted = (await joinWith(first, { sid: page.sid, path: "/counter", t: page.token }, { cookie: "user=ann" })) as MountMessage;
    expect(mounted.k).toBe(Msg.Mount);
    await first.close();
    servers = servers.filter((s) => s !== first);

    const second = await start({ authorize });
    // The tab resumes with what its last Mount gave it; the session is gone, so it gets a fresh one.
    const back = await joinWith(second, { sid: mounted.sid, path: "/counter", rt: mounted.rt, s: 1, t: mounted.tk }, { cookie: "user=ann" });
    expect(back).toMatchObject({ k: Msg.Mount });
    expect((back as MountMessage).sid).not.toBe(mounted.sid);
    expect(second.tether.sessions.get((back as MountMessage).sid)!.context).toEqual({ user: "ann" });
    // Logged out (no cookie): refused, and told where to go.
    expect(await joinWith(second, { sid: mounted.sid, path: "/counter", t: mounted.tk })).toMatchObject({ code: ErrorCodes.Unauthorized, to: "/login", closeCode: 4002 });
    // Another server's secret: refused whoever asks.
    const other = await start({ authorize, secret: "another secret, long enough to sign with" });
    expect(await joinWith(other, { sid: mounted.sid, path: "/counter", t: mounted.tk }, { cookie: "user=ann" })).toMatchObject({ code: ErrorCodes.Unauthorized });
  });
});
