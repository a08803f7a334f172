import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { createTether, serve, type RunningServer, type Tether } from "../../src/index.js";
import { ErrorCodes, Msg, Op, type MountMessage, type PatchMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";
import { List } from "../../examples/list.js";
import { ProtocolClient } from "../support/client.js";
import { serveExamples } from "../support/examples.js";
import { answerTo, findId, getPage, mountText, resume, treesToHtml, waitFor } from "../support/page.js";

const ROOT = new URL("../../", import.meta.url);

beforeAll(() => {
  // `npm test` builds the runtime first; a bare `vitest run` may find no dist/.
  if (!existsSync(new URL("dist/tether.min.js", ROOT))) execFileSync("node", ["esbuild.config.mjs"], { cwd: ROOT });
});

let servers: RunningServer[] = [];
let clients: ProtocolClient[] = [];
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const c of clients) c.ws.terminate();
  for (const s of servers) await s.close();
  for (const f of cleanups.splice(0)) await f();
  servers = [];
  clients = [];
});

async function start(options: { retention?: number; joinTimeout?: number } = {}): Promise<RunningServer> {
  const s = await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/counter": Counter, "/list": List }, ...options });
  servers.push(s);
  return s;
}

async function connect(url: string): Promise<ProtocolClient> {
  const c = await ProtocolClient.connect(url);
  clients.push(c);
  return c;
}

/** Clicks #inc and returns the Patch that answers it. */
async function clickInc(c: ProtocolClient, mount: MountMessage): Promise<PatchMessage> {
  const e = c.event(findId(mount, "inc"), "click");
  const answer = await answerTo(c, e);
  expect(answer.k).toBe(Msg.Patch);
  return answer as PatchMessage;
}

describe("serving pages", () => {
  it("GET /counter returns the first paint and a session id", async () => {
    const s = await serveExamples();
    servers.push(s);
    const res = await fetch(s.url + "/counter");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<output id="count">0</output>');
    expect(html).toContain('<script src="/_tether/tether.dev.js"');
    const sid = /data-tether-session="([^"]+)"/.exec(html)![1];
    expect(sid).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(s.tether.sessions.has(sid)).toBe(true);
    // Event handlers never appear in the HTML: they are server functions.
    expect(html).not.toMatch(/onclick/i);
  });

  it("gives every GET its own session", async () => {
    const s = await start();
    const a = await getPage(s.url + "/counter");
    const b = await getPage(s.url + "/counter");
    expect(a.sid).not.toBe(b.sid);
    expect(s.tether.sessions.size).toBe(2);
  });

  it("answers 404 for a path no route serves, and for methods other than GET and HEAD", async () => {
    const s = await start();
    const res = await fetch(s.url + "/nope");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("Not found");
    const post = await fetch(s.url + "/counter", { method: "POST" });
    expect(post.status).toBe(404);
    expect(s.tether.sessions.size).toBe(0);
  });

  it("passes route params and the query to the page's component", async () => {
    const Echo = ({ params, query }: { params: Record<string, string>; query: Record<string, string> }) =>
      `user=${params.id} tab=${query.tab}`;
    const s = await serve({ port: 0, host: "127.0.0.1", routes: { "/users/:id": Echo } });
    servers.push(s);
    const page = await getPage(s.url + "/users/a%20b?tab=2");
    expect(page.root).toBe("user=a b tab=2");
  });
});

describe("serving the runtime", () => {
  for (const [name, type] of [
    ["tether.js", "text/javascript; charset=utf-8"],
    ["tether.js.map", "application/json"],
    ["tether.dev.js", "text/javascript; charset=utf-8"],
  ] as const) {
    it(`serves /_tether/${name} with an ETag and answers 304 to If-None-Match`, async () => {
      const s = await start();
      const res = await fetch(`${s.url}/_tether/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      const etag = res.headers.get("etag");
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{16}"$/);
      const body = await res.text();
      expect(body.length).toBeGreaterThan(100);
      if (name.endsWith(".map")) expect(JSON.parse(body).version).toBe(3);

      const again = await fetch(`${s.url}/_tether/${name}`, { headers: { "if-none-match": etag! } });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(etag);
      expect(await again.text()).toBe("");

      const stale = await fetch(`${s.url}/_tether/${name}`, { headers: { "if-none-match": '"something-else"' } });
      expect(stale.status).toBe(200);
    });
  }

  it("answers 404 for a file of the base path that is not part of the runtime", async () => {
    const s = await start();
    const other = await fetch(`${s.url}/_tether/secret.js`);
    expect(other.status).toBe(404);
    // Names of Object.prototype are not runtime files either.
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      const res = await fetch(`${s.url}/_tether/${name}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("not found");
    }
  });
});

describe("joining the page's session", () => {
  it("claims the session the GET rendered: the Mount is the tree the HTML showed", async () => {
    const s = await start();
    const page = await getPage(s.url + "/counter");
    const c = await connect(s.url);
    const mount = await c.join("/counter", page.sid);
    expect(mount.k).toBe(Msg.Mount);
    expect(mount.sid).toBe(page.sid);
    expect(mount.v).toBe(1);
    expect(mount.s).toBe(1);
    expect(mount.id).toBe(1);
    expect(treesToHtml(mount.t)).toBe(page.root);
    expect(s.tether.sessions.size).toBe(1);
    expect(s.tether.sessions.get(page.sid)!.isConnected).toBe(true);
  });

  it("gives a second socket joining a connected session a fresh session instead of stealing it", async () => {
    const s = await start();
    const page = await getPage(s.url + "/counter");
    const first = await connect(s.url);
    const mount = await first.join("/counter", page.sid);
    await clickInc(first, mount);

    const second = await connect(s.url);
    const other = await second.join("/counter", page.sid);
    expect(other.k).toBe(Msg.Mount);
    expect(other.sid).not.toBe(page.sid);
    expect(mountText(other, "count")).toBe("0");
    expect(s.tether.sessions.size).toBe(2);

    // The first tab is neither closed nor disturbed: its next click goes on from its own state.
    const patch = await clickInc(first, mount);
    expect(patch.o).toEqual([[Op.SetText, findId(mount, "count") + 1, "2"]]);
    expect(first.ws.readyState).toBe(WebSocket.OPEN);
  });

  it("never hands a mounted session to a join without its resume token, even while its tab is away", async () => {
    const s = await start();
    const page = await getPage(s.url + "/counter");
    const first = await connect(s.url);
    const mount = await first.join("/counter", page.sid);
    await clickInc(first, mount);
    first.ws.terminate();
    const session = s.tether.sessions.get(page.sid)!;
    await waitFor(() => !session.isConnected, 3000, "the server to see the drop");

    // A copy of the page's HTML (same sid, no token) and a forged token both get fresh sessions.
    const copy = await connect(s.url);
    expect((await copy.join("/counter", page.sid)).sid).not.toBe(page.sid);
    const forged = await connect(s.url);
    const answer = await resume(forged, "/counter", { ...mount, rt: mount.rt.replace(/^./, (c) => (c === "A" ? "B" : "A")) }, mount.s);
    expect(answer.k).toBe(Msg.Mount);
    expect((answer as MountMessage).sid).not.toBe(page.sid);
    expect(session.isConnected).toBe(false);
    expect(s.tether.sessions.get(page.sid)).toBe(session);
  });

  it("refuses a join for an unknown sid without its token, and for a sid rendered for another path", async () => {
    const s = await start();
    const c1 = await connect(s.url);
    const m1 = (await c1.join("/counter", "no-such-session")) as unknown as ServerMessage;
    expect(m1).toMatchObject({ k: Msg.Error, code: ErrorCodes.Unauthorized, fatal: true });

    const page = await getPage(s.url + "/list");
    const c2 = await connect(s.url);
    const m2 = (await c2.join("/counter", page.sid)) as unknown as ServerMessage;
    expect(m2).toMatchObject({ k: Msg.Error, code: ErrorCodes.Unauthorized, fatal: true });
    expect(s.tether.sessions.size).toBe(1); // the /list page's own
  });

  it("builds a fresh session for a valid token whose session is gone (the page's joinTimeout passed, or a restart)", async () => {
    const s = await start();
    const page = await getPage(s.url + "/counter");
    s.tether.sessions.get(page.sid)!.end("gone");
    const c = await connect(s.url);
    const mount = await c.join("/counter", page.sid);
    expect(mount.k).toBe(Msg.Mount);
    expect(mount.sid).not.toBe(page.sid);
    expect(mountText(mount, "count")).toBe("0");
  });

  it("ends a rendered page's session that no tab joins within joinTimeout", async () => {
    const s = await start({ joinTimeout: 60 });
    const page = await getPage(s.url + "/counter");
    expect(s.tether.sessions.has(page.sid)).toBe(true);
    await waitFor(() => !s.tether.sessions.has(page.sid), 2000, "the unjoined session to end");
    const c = await connect(s.url);
    const mount = await c.join("/counter", page.sid);
    expect(mount.sid).not.toBe(page.sid);
  });
});

describe("sessions waiting for a tab", () => {
  it("counts a page's session until its tab joins, and a dropped one until it resumes; a joined session keeps no timer", async () => {
    const s = await start({ retention: 5_000 });
    expect(s.tether.expiring).toBe(0);
    const pages = [await getPage(s.url + "/counter"), await getPage(s.url + "/counter")];
    expect(s.tether.expiring).toBe(2);
    const c = await connect(s.url);
    const mount = await c.join("/counter", pages[0].sid);
    expect(mount.sid).toBe(pages[0].sid);
    expect(s.tether.expiring).toBe(1);
    c.ws.terminate();
    await waitFor(() => s.tether.expiring === 2, 3000, "the dropped session to wait for its tab");
    const back = await connect(s.url);
    await resume(back, "/counter", mount, mount.s);
    expect(s.tether.expiring).toBe(1);
    s.tether.sessions.get(pages[1].sid)!.end();
    expect(s.tether.expiring).toBe(0);
  });
});

describe("resuming after a dropped connection", () => {
  it("resumes the same session within the retention window, replaying what the tab missed", async () => {
    const s = await start({ retention: 400 });
    const page = await getPage(s.url + "/counter");
    const c = await connect(s.url);
    const mount = await c.join("/counter", page.sid);
    const sent = [await clickInc(c, mount), await clickInc(c, mount), await clickInc(c, mount)];
    c.ws.terminate(); // a dropped connection, not a goodbye
    const session = s.tether.sessions.get(mount.sid)!;
    await waitFor(() => !session.isConnected, 3000, "the server to see the drop");

    // The tab applied the Mount and the first patch only: it gets the other two again, as sent.
    const back = await connect(s.url);
    const first = await resume(back, "/counter", mount, sent[0].s);
    expect(first).toEqual({ k: Msg.Resume, a: 3, hb: [15_000, 10_000], mx: 1 << 20, tk: expect.any(String) });
    await waitFor(() => back.received.length === 3, 3000, "the replay");
    expect(back.received.slice(1)).toEqual(sent.slice(1));
    expect(s.tether.sessions.get(mount.sid)).toBe(session);

    // The resume cancelled the expiry; the tab's event numbers go on, a re-sent one is applied once.
    await new Promise((r) => setTimeout(r, 500));
    expect(s.tether.sessions.has(mount.sid)).toBe(true);
    const inc = findId(mount, "inc");
    back.send({ k: Msg.Event, e: 3, n: inc, t: "click", d: {} });
    expect(await back.next()).toEqual({ k: Msg.Reply, a: 3 });
    back.send({ k: Msg.Event, e: 4, n: inc, t: "click", d: {} });
    expect(await answerTo(back, 4)).toEqual({ k: Msg.Patch, s: sent[2].s + 1, a: 4, o: [[Op.SetText, findId(mount, "count") + 1, "4"]] });
  });

  it("replays nothing when the tab had applied everything", async () => {
    const s = await start();
    const c = await connect(s.url);
    const mount = await c.join("/counter", null);
    const patch = await clickInc(c, mount);
    c.ws.terminate();
    await waitFor(() => !s.tether.sessions.get(mount.sid)!.isConnected, 3000, "the drop");
    const back = await connect(s.url);
    expect(await resume(back, "/counter", mount, patch.s)).toMatchObject({ k: Msg.Resume, a: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(back.received).toHaveLength(1);
  });

  it("mounts the same session afresh when the tab claims messages the server never sent", async () => {
    const s = await start();
    const c = await connect(s.url);
    const mount = await c.join("/counter", null);
    await clickInc(c, mount);
    await clickInc(c, mount);
    c.ws.terminate();
    await waitFor(() => !s.tether.sessions.get(mount.sid)!.isConnected, 3000, "the drop");
    const back = await connect(s.url);
    const answer = (await resume(back, "/counter", mount, 99)) as MountMessage;
    expect(answer.k).toBe(Msg.Mount);
    expect(answer.sid).toBe(mount.sid);
    expect(answer.rt).not.toBe(mount.rt);
    expect(answer.a).toBe(2);
    expect(mountText(answer, "count")).toBe("2");
  });

  it("ends the session when the retention window passes without a resume", async () => {
    const s = await start({ retention: 50 });
    const c = await connect(s.url);
    const mount = await c.join("/counter", null);
    await clickInc(c, mount);
    const session = s.tether.sessions.get(mount.sid)!;
    c.close();
    await waitFor(() => session.isEnded, 2000, "the session to expire");
    expect(s.tether.sessions.has(mount.sid)).toBe(false);

    const late = await connect(s.url);
    const fresh = (await resume(late, "/counter", mount, mount.s)) as MountMessage;
    expect(fresh.k).toBe(Msg.Mount);
    expect(fresh.sid).not.toBe(mount.sid);
    expect(mountText(fresh, "count")).toBe("0");
  });
});

describe("mounting on an existing HTTP server", () => {
  async function listen(server: Server): Promise<string> {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("serves pages and sockets through attach() and handle(), leaving other requests to the app", async () => {
    const tether = createTether({ routes: { "/counter": Counter }, dev: false });
    cleanups.push(() => tether.close());
    const server = createServer((req, res) => {
      tether.handle(req, res).then((handled) => {
        if (handled) return;
        res.writeHead(200, { "content-type": "text/plain" });
        res.end(`app: ${req.url}`);
      });
    });
    tether.attach(server);
    // The app's own WebSocket endpoint keeps working beside Tether's.
    const appWss = new WebSocketServer({ noServer: true });
    server.on("upgrade", (req, socket, head) => {
      if (req.url === "/chat") appWss.handleUpgrade(req, socket, head, (ws) => ws.on("message", (d) => ws.send(`echo ${d}`)));
    });
    cleanups.push(() => new Promise<void>((resolve) => appWss.close(() => resolve())));
    const url = await listen(server);

    const page = await getPage(url + "/counter");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<script src="/_tether/tether.js"');
    expect(tether.sessions.has(page.sid)).toBe(true);
    const other = await fetch(url + "/about");
    expect(await other.text()).toBe("app: /about");

    const c = await connect(url);
    const mount = await c.join("/counter", page.sid);
    expect(mount.sid).toBe(page.sid);
    const patch = await clickInc(c, mount);
    expect(patch.o).toEqual([[Op.SetText, findId(mount, "count") + 1, "1"]]);

    const chat = new WebSocket(url.replace("http", "ws") + "/chat");
    const echoed = await new Promise<string>((resolve, reject) => {
      chat.once("open", () => chat.send("hi"));
      chat.once("message", (d) => resolve(String(d)));
      chat.once("error", reject);
    });
    chat.terminate();
    expect(echoed).toBe("echo hi");
  });

  it("middleware serves Tether's paths and calls next() for the others", async () => {
    const tether: Tether = createTether({ routes: { "/counter": Counter } });
    cleanups.push(() => tether.close());
    const nextCalls: Array<{ url: string; error: unknown }> = [];
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      tether.middleware(req, res, (error?: unknown) => {
        nextCalls.push({ url: req.url!, error });
        res.writeHead(404);
        res.end("next");
      });
    });
    const url = await listen(server);

    const page = await fetch(url + "/counter");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<output id="count">0</output>');
    const asset = await fetch(url + "/_tether/tether.js");
    expect(asset.status).toBe(200);
    await asset.arrayBuffer();
    expect(nextCalls).toEqual([]);

    const other = await fetch(url + "/elsewhere");
    expect(await other.text()).toBe("next");
    const post = await fetch(url + "/counter", { method: "POST" });
    expect(await post.text()).toBe("next");
    expect(nextCalls).toEqual([
      { url: "/elsewhere", error: undefined },
      { url: "/counter", error: undefined },
    ]);
  });

  it("close() ends every session and closes their sockets as going away (1001: the tabs reconnect)", async () => {
    const s = await start();
    const c = await connect(s.url);
    const mount = await c.join("/counter", null);
    await getPage(s.url + "/counter");
    expect(s.tether.sessions.size).toBe(2);
    const session = s.tether.sessions.get(mount.sid)!;
    await s.tether.close();
    expect(s.tether.sessions.size).toBe(0);
    expect(session.isEnded).toBe(true);
    expect(await c.closed).toEqual({ code: 1001, reason: "server closing" });
  });
});
