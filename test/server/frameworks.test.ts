import { openPage } from "../support/page-token.js";
import express from "express";
import Fastify from "fastify";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createTether, type Tether } from "../../src/index.js";
import { Msg } from "../../src/protocol/wire.js";
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
