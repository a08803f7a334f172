import express from "express";
import Fastify from "fastify";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createTether, redirect, Component, html, type PageRequest, type Tether } from "../../src/index.js";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type ServerMessage } from "../../src/protocol/wire.js";
import { openPage } from "../support/page-token.js";
import { Counter } from "../../examples/counter.js";
import { ProtocolClient } from "../support/client.js";

// Tether mounted on the servers people already have: the README documents both of these.

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** GETs the page, joins its session over the socket, clicks +, and returns the patch's ops. */
async function pageJoinAndClick(url: string, tether: Tether): Promise<string> {
  const { sid } = await openPage(url, "/counter");
  expect(tether.sessions.has(sid)).toBe(true);
  const client = await ProtocolClient.connect(url);
  cleanup.push(() => client.close());
  const mount = await client.join("/counter", sid);
  expect(mount.k).toBe(Msg.Mount);
  expect(mount.sid).toBe(sid);
  const inc = findId(mount.t, mount.id, "inc");
  client.event(inc, "click");
  const patch = await client.next((m) => m.k === Msg.Patch);
  return JSON.stringify(patch.k === Msg.Patch ? patch.o : null);
}

/** The id of the element whose `id` attribute is `wanted`, walking trees in pre-order. */
function findId(trees: unknown[], firstId: number, wanted: string): number {
  let next = firstId;
  let found = -1;
  const walk = (tree: unknown): void => {
    const id = next++;
    if (!Array.isArray(tree) || typeof tree[0] !== "string") return;
    const attrs = tree[1] as Record<string, unknown> | 0;
    if (attrs !== 0 && attrs.id === wanted) found = id;
    for (let i = 2; i < tree.length; i++) walk(tree[i]);
  };
  trees.forEach(walk);
  if (found < 0) throw new Error(`no element #${wanted}`);
  return found;
}

describe("mounting on an existing server", () => {
  it("works as Express middleware, leaving other routes to Express", async () => {
    const tether = createTether({ routes: { "/counter": Counter } });
    const app = express();
    app.use(tether.middleware);
    app.get("/api/hello", (_req, res) => {
      res.json({ hello: "express" });
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    tether.attach(server);
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())), () => server.closeAllConnections(), () => tether.close());
    const url = urlOf(server);

    expect(await (await fetch(`${url}/api/hello`)).json()).toEqual({ hello: "express" });
    expect((await fetch(`${url}/_tether/tether.js`)).status).toBe(200);
    expect(await pageJoinAndClick(url, tether)).toMatch(/^\[\[7,\d+,"1"\]\]$/);
  });

  it("works in a Fastify onRequest hook, leaving other routes to Fastify", async () => {
    const tether = createTether({ routes: { "/counter": Counter } });
    const app = Fastify();
    app.addHook("onRequest", async (request, reply) => {
      if (await tether.handle(request.raw, reply.raw)) reply.hijack();
    });
    app.get("/api/hello", async () => ({ hello: "fastify" }));
    tether.attach(app.server);
    await app.listen({ port: 0, host: "127.0.0.1" });
    cleanup.push(() => app.close(), () => tether.close());
    const url = urlOf(app.server);

    expect(await (await fetch(`${url}/api/hello`)).json()).toEqual({ hello: "fastify" });
    expect(await pageJoinAndClick(url, tether)).toMatch(/^\[\[7,\d+,"1"\]\]$/);
  });
});

// ——— The README's recipes for a route only logged-in users may open ———

/** The app's own sessions, by the `sid` cookie its login set (a store of your choice). */
const logins = new Map([["s3cr3t", { name: "ann" }]]);

/** Who is logged in, from the request's cookie: the same function for the app's middleware and for Tether. */
function currentUser(cookies: Readonly<Record<string, string | undefined>>): { name: string } | undefined {
  return logins.get(cookies.sid ?? "");
}

class Admin extends Component {
  render() {
    return html`<p id="hello">Hello, ${(this.session.context as { user: { name: string } }).user.name}</p>`;
  }
}

/** authorize: runs at the page GET and at every join of the page's tab. */
const authorize = (request: PageRequest) => {
  const user = currentUser(request.cookies);
  return user ? { user } : redirect("/login");
};

/** A tab's join of a page it was given, over a WebSocket that sends `cookie` (or none): the first answer. */
async function joinAs(url: string, page: { sid: string; token: string }, cookie?: string): Promise<ServerMessage> {
  const ws = new WebSocket(url.replace(/^http/, "ws") + "/_tether/ws", { headers: cookie ? { cookie } : {} });
  cleanup.push(() => ws.terminate());
  await new Promise((resolve) => ws.once("open", resolve));
  const answer = new Promise<ServerMessage>((resolve) => ws.once("message", (data: Buffer) => resolve(JSON.parse(data.toString()) as ServerMessage)));
  ws.send(JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, sid: page.sid, path: "/admin", t: page.token }));
  return answer;
}

/** What both recipes must do: no page without the login, no join without it either. */
async function checkProtected(url: string): Promise<void> {
  const anonymous = await fetch(`${url}/admin`, { redirect: "manual" });
  expect(anonymous.status).toBe(302);
  expect(anonymous.headers.get("location")).toBe("/login");
  const page = await openPage(url, "/admin", { cookie: "sid=s3cr3t" });
  expect(page.html).toContain("Hello, ann");
  // The page's token without the login cookie (logged out, or someone else holding it): refused.
  expect(await joinAs(url, page)).toMatchObject({ k: Msg.Error, code: ErrorCodes.Unauthorized, to: "/login" });
  expect(await joinAs(url, page, "sid=s3cr3t")).toMatchObject({ k: Msg.Mount, sid: page.sid });
}

describe("a route only logged-in users may open", () => {
  it("with Express", async () => {
    const tether = createTether({ routes: { "/admin": Admin }, authorize });
    const app = express();
    app.get("/login", (_req, res) => {
      res.send("log in");
    });
    app.use(tether.middleware);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    tether.attach(server);
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())), () => server.closeAllConnections(), () => tether.close());
    await checkProtected(urlOf(server));
  });

  it("with Fastify", async () => {
    const tether = createTether({ routes: { "/admin": Admin }, authorize });
    const app = Fastify();
    app.addHook("onRequest", async (request, reply) => {
      if (await tether.handle(request.raw, reply.raw)) reply.hijack();
    });
    app.get("/login", async () => "log in");
    tether.attach(app.server);
    await app.listen({ port: 0, host: "127.0.0.1" });
    cleanup.push(() => app.close(), () => tether.close());
    await checkProtected(urlOf(app.server));
  });
});
