import express from "express";
import Fastify from "fastify";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createTether, redirect, Component, html, type PageRequest } from "../../src/index.js";
import { ErrorCodes, Msg, PROTOCOL_VERSION, type ServerMessage } from "../../src/protocol/wire.js";
import { openPage } from "../support/page-token.js";

// Tether mounted on the servers people already have, guarding a route: the README's recipes.
// (Each framework's recipe for serving runs whole in test/examples/recipes.test.ts.)

let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

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
