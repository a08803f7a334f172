/**
 * The HTTP long-poll endpoint (long-poll-endpoint.ts), driven directly with fetch, first as
 * serve() mounts it, then on its own (issue 4, item 4): POST `…/poll`
 * with NDJSON opens a connection and answers its id; POST `?c=id` carries more messages;
 * GET `?c=id` waits up to pollTimeout for `{ m, close? }`; a closed connection answers one
 * more GET with its last messages and close code, then 410 like an unknown id; oversized
 * bodies get 413; a connection nobody polls any more is closed after pollTimeout + heartbeatTimeout.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { serve, type RunningServer } from "../../src/index.js";
import { LongPollEndpoint } from "../../src/server/long-poll-endpoint.js";
import { ErrorCodes, Msg, Op, PROTOCOL_VERSION, type MountMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { nodeId, textNodeId } from "../support/transports.js";
import { Big, Board, boards } from "../integration/transport.fixture.js";
import { listen, type TestServer } from "../support/http.js";
import { serverParts } from "../support/server-parts.js";
import { openPage } from "../support/page-token.js";
import type { TetherOptions } from "../../src/server/options.js";
import { SessionClose } from "../../src/session/channel.js";
import { FLOOD_SECONDS } from "../../src/session/rate-limit.js";

const POLL_TIMEOUT = 300;
const HEARTBEAT_TIMEOUT = 200;
const MAX_MESSAGE_SIZE = 1_000;

let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await serve({
    port: 0,
    host: "127.0.0.1",
    dev: true,
    routes: { "/board": Board, "/big": Big },
    pollTimeout: POLL_TIMEOUT,
    heartbeatInterval: 200,
    heartbeatTimeout: HEARTBEAT_TIMEOUT,
    maxMessageSize: MAX_MESSAGE_SIZE,
    onError: () => {},
  });
  base = `${server.url}/_tether/poll`;
  for (const path of ["/board", "/big"]) pages.set(path, await openPage(server.url, path));
});

afterAll(async () => {
  await server?.close();
});

interface PollAnswer {
  m: ServerMessage[];
  close?: [number, string];
}

const lines = (...messages: unknown[]): string => messages.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join("\n");

/**
 * The session id and join token of one page per route, fetched once: a join with them takes
 * the page's session the first time and a fresh one after (as a duplicated tab would).
 */
const pages = new Map<string, { sid: string; token: string }>();
const joinMessage = (path = "/board", page = pages.get(path) ?? pages.get("/board")!) => ({ k: Msg.Join, v: PROTOCOL_VERSION, sid: page.sid, path, t: page.token });

/** The key each connection was opened with (X-Tether-Key), by id. */
const keys = new Map<string, string>();

async function post(body: string, id?: string): Promise<{ status: number; json: { c?: string; k?: string; error?: string; m?: unknown[]; close?: [number, string] } }> {
  const res = await fetch(id === undefined ? base : `${base}?c=${id}`, { method: "POST", body, headers: { "content-type": "text/plain", "x-tether-key": keys.get(id ?? "") ?? "" } });
  const json = (await res.json()) as { c?: string; k?: string };
  if (json.c !== undefined && json.k !== undefined) keys.set(json.c, json.k);
  return { status: res.status, json };
}

async function get(id: string, headers: Record<string, string> = {}): Promise<{ status: number; json: PollAnswer; headers: Headers }> {
  const res = await fetch(`${base}?c=${id}`, { headers: { "x-tether-key": keys.get(id) ?? "", ...headers } });
  return { status: res.status, json: (await res.json()) as PollAnswer, headers: res.headers };
}

/** GETs until `count` messages have come (each GET answers at once when messages wait). */
async function collect(id: string, count: number): Promise<ServerMessage[]> {
  const messages: ServerMessage[] = [];
  const end = Date.now() + 10_000;
  while (messages.length < count) {
    if (Date.now() > end) throw new Error(`only ${messages.length} of ${count} messages came`);
    const { status, json } = await get(id);
    expect(status).toBe(200);
    messages.push(...json.m);
  }
  return messages;
}

/** Opens a connection joined to a fresh /board session. */
async function joined(path = "/board"): Promise<{ id: string; mount: MountMessage }> {
  const { status, json } = await post(lines(joinMessage(path)));
  expect(status).toBe(200);
  const [mount] = (await collect(json.c!, 1)) as [MountMessage];
  expect(mount.k).toBe(Msg.Mount);
  return { id: json.c!, mount };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("long-poll endpoints", () => {
  test("POST with a join opens a connection and answers its id; GET brings the Mount", async () => {
    const { status, json } = await post(lines(joinMessage()));
    expect(status).toBe(200);
    expect(json.c).toMatch(/^[\w-]{20,}$/);
    const { json: answer } = await get(json.c!);
    expect(answer.m).toHaveLength(1);
    expect(answer.m[0]).toMatchObject({ k: Msg.Mount, s: 1, v: PROTOCOL_VERSION });
    expect(answer.close).toBeUndefined();
  });

  test("a POST carries several messages, one JSON per line, handled in order; blank lines are nothing", async () => {
    const { id, mount } = await joined();
    const inc = nodeId(mount, "inc");
    const text = textNodeId(mount, "n");
    const click = (e: number) => ({ k: Msg.Event, e, n: inc, t: "click", d: {} });
    expect((await post(lines(click(1), "", click(2), click(3), ""), id)).json).toEqual({ c: id });
    const patches = await collect(id, 3);
    expect(patches).toEqual([
      { k: Msg.Patch, s: 2, a: 1, o: [[Op.SetText, text, "1"]] },
      { k: Msg.Patch, s: 3, a: 2, o: [[Op.SetText, text, "2"]] },
      { k: Msg.Patch, s: 4, a: 3, o: [[Op.SetText, text, "3"]] },
    ]);
  });

  test("a bad line gets bad_message; the lines around it are handled", async () => {
    const { id, mount } = await joined();
    await post(lines({ k: Msg.Ping }, "{oops", { k: 42 }, { k: Msg.Event, e: 1, n: nodeId(mount, "inc"), t: "click", d: {} }), id);
    const messages = await collect(id, 4);
    expect(messages.map((m) => m.k)).toEqual([Msg.Pong, Msg.Error, Msg.Error, Msg.Patch]);
    expect(messages[1]).toMatchObject({ code: ErrorCodes.BadMessage });
    expect(messages[2]).toMatchObject({ code: ErrorCodes.BadMessage });
  });

  test("a GET with nothing to send waits, and answers as soon as the server has something", async () => {
    const { id, mount } = await joined();
    let settled = false;
    const waiting = get(id).then((answer) => ((settled = true), answer));
    await sleep(100);
    expect(settled).toBe(false);
    boards.get(mount.sid)!.inc();
    const { json } = await waiting;
    expect(json.m).toEqual([{ k: Msg.Patch, s: 2, o: [[Op.SetText, textNodeId(mount, "n"), "1"]] }]);
  });

  test("a GET with nothing to send answers { m: [] } after pollTimeout", async () => {
    const { id } = await joined();
    const started = Date.now();
    const { status, json } = await get(id);
    expect(status).toBe(200);
    expect(json).toEqual({ m: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(POLL_TIMEOUT - 20);
  });

  test("a newer GET replaces a waiting one: the older answers at once with nothing, the newer gets what comes", async () => {
    const { id, mount } = await joined();
    const older = get(id);
    await sleep(50);
    const newer = get(id);
    expect((await older).json).toEqual({ m: [] });
    boards.get(mount.sid)!.inc();
    expect((await newer).json.m).toMatchObject([{ k: Msg.Patch, s: 2 }]);
  });

  test("an unknown connection id gets 410 with a close, for GET and POST", async () => {
    const answer = await get("no-such-connection");
    expect(answer.status).toBe(410);
    expect(answer.json).toEqual({ m: [], close: [4410, expect.any(String)] });
    const posted = await post(lines({ k: Msg.Ping }), "no-such-connection");
    expect(posted.status).toBe(410);
    expect(posted.json.close?.[0]).toBe(4410);
  });

  test("a body larger than 4 × maxMessageSize is answered 413, its lines unhandled, and the connection goes on", async () => {
    const sessions = server.tether.sessions.size;
    const refused = await post(lines(joinMessage(), "x".repeat(MAX_MESSAGE_SIZE * 4)));
    expect(refused).toEqual({ status: 413, json: { error: `a poll body may not exceed ${MAX_MESSAGE_SIZE * 4} bytes` } });
    await sleep(50);
    expect(server.tether.sessions.size).toBe(sessions); // the join in it made no session
    const { id } = await joined();
    // Far larger than the limit: the server reads to the end to answer, rather than resetting.
    expect((await post(lines({ k: Msg.Ping }, "y".repeat(MAX_MESSAGE_SIZE * 100)), id)).status).toBe(413);
    await post(lines({ k: Msg.Event, e: 1, n: 9999, t: "click", d: {} }), id);
    // The Ping in the refused body got no Pong: the first answer is the event's.
    expect(await collect(id, 1)).toMatchObject([{ k: Msg.Error, code: ErrorCodes.UnknownNode, e: 1 }]);
  });

  test.each([
    ["a join with another page's token", { body: () => lines(joinMessage("/nowhere")), code: ErrorCodes.Unauthorized, errors: 1, close: [4002, ErrorCodes.Unauthorized] }],
    ["a join in another protocol version", { body: () => lines({ ...joinMessage(), v: PROTOCOL_VERSION + 1 }), code: ErrorCodes.Version, errors: 1, close: [1002, "protocol version mismatch"] }],
    ["more than 100 malformed lines", { body: () => lines(...Array.from({ length: 101 }, () => "junk")), code: ErrorCodes.BadMessage, errors: 101, close: [1008, "too many malformed messages"] }],
  ] as const)("%s: the next GET brings the error(s) and the close code, the GET after it 410", async (_, { body, code, errors, close }) => {
    const { status, json } = await post(body());
    expect(status).toBe(200);
    const answer = await get(json.c!);
    expect(answer.status).toBe(200);
    // A refused join is fatal (the page stops reconnecting); a malformed line is not.
    const error = code === ErrorCodes.BadMessage ? { k: Msg.Error, code, message: expect.any(String) } : { k: Msg.Error, code, message: expect.any(String), fatal: true };
    expect(answer.json).toEqual({ m: Array.from({ length: errors }, () => error), close });
    expect((await get(json.c!)).status).toBe(410);
  });

  test("other methods get 405", async () => {
    const res = await fetch(base, { method: "PUT", body: "x" });
    expect(res.status).toBe(405);
  });

  test("when the server closes the connection, a waiting GET gets the close code and reason; then 410", async () => {
    const { id, mount } = await joined();
    const waiting = get(id);
    await sleep(50);
    server.tether.sessions.get(mount.sid)!.end("done here");
    expect((await waiting).json).toEqual({ m: [], close: [1000, "done here"] });
    expect((await get(id)).status).toBe(410);
  });

  test("a connection nobody polls is closed after pollTimeout + heartbeatTimeout; its session waits for the tab", async () => {
    const { id, mount } = await joined();
    const session = server.tether.sessions.get(mount.sid)!;
    expect(session.isConnected).toBe(true);
    const started = Date.now();
    while (session.isConnected && Date.now() - started < 10_000) await sleep(20);
    expect(session.isConnected).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(POLL_TIMEOUT + HEARTBEAT_TIMEOUT - 50);
    // One last poll gets why it was closed; after that the connection is unknown.
    const last = await get(id);
    expect(last.status).toBe(200);
    expect(last.json.close?.[0]).toBe(1001);
    expect((await get(id)).status).toBe(410);
    expect(session.isEnded).toBe(false);
  });

  test("a connection that keeps polling stays open well past pollTimeout + heartbeatTimeout", async () => {
    const { id, mount } = await joined();
    const end = Date.now() + 3 * (POLL_TIMEOUT + HEARTBEAT_TIMEOUT);
    while (Date.now() < end) expect((await get(id)).status).toBe(200);
    expect(server.tether.sessions.get(mount.sid)!.isConnected).toBe(true);
  });

  test("a large answer is gzipped for a client that accepts it, and plain for one that does not", async () => {
    const { status, json } = await post(lines(joinMessage("/big")));
    expect(status).toBe(200);
    const zipped = await get(json.c!, { "accept-encoding": "gzip" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const mount = zipped.json.m[0] as MountMessage;
    expect(mount.k).toBe(Msg.Mount);
    // Another tab that does not take gzip.
    const other = await post(lines(joinMessage("/big")));
    const plain = await get(other.json.c!, { "accept-encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.json.m[0]).toEqual({ ...mount, sid: expect.any(String), rt: expect.any(String), tk: expect.any(String) });
  });
});

describe("LongPollEndpoint on its own", () => {
  const cleanups: Array<() => unknown> = [];

  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f();
  });

  async function start(options: Partial<TetherOptions> = {}) {
    const parts = serverParts({ routes: { "/board": Board }, pollTimeout: POLL_TIMEOUT, heartbeatTimeout: HEARTBEAT_TIMEOUT, ...options });
    const endpoint = new LongPollEndpoint(parts.host, parts.options);
    const http: TestServer = await listen((req, res) => (req.url!.startsWith("/_tether/poll") ? endpoint.handle(req, res) : false));
    cleanups.push(() => http.close(), () => endpoint.close("test over"), () => parts.registry.close("test over"));
    const open = async (): Promise<string> => {
      const { session, token } = await parts.page("/board");
      const res = await fetch(`${http.url}/_tether/poll`, { method: "POST", body: lines(joinMessage("/board", { sid: session.id, token })), headers: { "x-test": "yes" } });
      const { c, k } = (await res.json()) as { c: string; k: string };
      keys.set(c, k);
      return c;
    };
    const poll = async (id: string): Promise<PollAnswer> => (await fetch(`${http.url}/_tether/poll?c=${id}`, { headers: { "x-tether-key": keys.get(id)! } })).json() as Promise<PollAnswer>;
    const send = async (id: string, body: string): Promise<number> =>
      (await fetch(`${http.url}/_tether/poll?c=${id}`, { method: "POST", body, headers: { "x-tether-key": keys.get(id)! } })).status;
    return { ...parts, endpoint, open, poll, send, url: http.url };
  }

  test("gives the join policy the POST that carried the join", async () => {
    const { open, poll, policy } = await start();
    const id = await open();
    expect((await poll(id)).m[0]).toMatchObject({ k: Msg.Mount });
    expect(policy.asked).toHaveLength(1);
    expect(policy.asked[0].request!.method).toBe("POST");
    expect(policy.asked[0].request!.headers["x-test"]).toBe("yes");
  });

  test("sweep closes the transports nobody polled within pollTimeout + heartbeatTimeout, and only those", async () => {
    const { endpoint, open, poll, registry, host } = await start();
    const id = await open();
    const polled = Date.now();
    await poll(id);
    expect(endpoint.size).toBe(1);
    expect(host.clients.count("127.0.0.1")).toBe(1);
    endpoint.sweep(polled + POLL_TIMEOUT + HEARTBEAT_TIMEOUT);
    const [session] = registry.sessions.values();
    expect(session.isConnected).toBe(true);
    endpoint.sweep(Date.now() + POLL_TIMEOUT + HEARTBEAT_TIMEOUT + 1);
    expect(session.isConnected).toBe(false);
    expect(registry.expiring).toBe(1); // the session waits for its tab
    expect(host.clients.count("127.0.0.1")).toBe(0); // and the closed connection's place is free
    expect(await poll(id)).toEqual({ m: [], close: [1001, "stopped polling"] });
    expect(endpoint.size).toBe(0);
  });

  test("the rate limit: a POST past the bucket is answered only once it has refilled, so the page's next POST waits", async () => {
    const { open, poll, send } = await start({ rateLimit: { burst: 2, perSecond: 5 } });
    const id = await open();
    const mount = (await poll(id)).m[0] as MountMessage;
    const click = (e: number) => ({ k: Msg.Event, e, n: nodeId(mount, "inc"), t: "click", d: {} });
    const t0 = performance.now();
    expect(await send(id, lines(click(1), click(2), click(3), click(4)))).toBe(200); // two owed: 400 ms at 5 per second
    expect(performance.now() - t0).toBeGreaterThanOrEqual(380);
    const answered = (await poll(id)).m;
    expect(answered.map((m) => m.k)).toEqual([Msg.Patch, Msg.Patch, Msg.Patch, Msg.Patch]); // all applied, none refused
  });

  test("a flood in one POST closes the connection with 1008 after rate_limited; the lines after it are not read", async () => {
    const { open, poll, send, registry } = await start({ rateLimit: { burst: 1, perSecond: 1 } });
    const id = await open();
    const mount = (await poll(id)).m[0] as MountMessage;
    const clicks = Array.from({ length: 100 }, (_, i) => ({ k: Msg.Event, e: i + 1, n: nodeId(mount, "inc"), t: "click", d: {} }));
    expect(await send(id, lines(...clicks))).toBe(200);
    const answer = await poll(id);
    expect(answer.close).toEqual([SessionClose.Flood, "a flood of events"]);
    expect(answer.m.at(-1)).toMatchObject({ k: Msg.Error, code: ErrorCodes.RateLimited });
    const applied = 1 + FLOOD_SECONDS; // the burst, then what may be owed
    expect(answer.m.filter((m) => m.k === Msg.Patch)).toHaveLength(applied);
    const [session] = registry.sessions.values();
    expect(session.isEnded).toBe(false); // it waits for the tab to resume
    expect(boards.get(session.id)!.state.n).toBe(applied);
  });

  test("refuses a new connection past maxConnectionsPerClient with 429 and Retry-After; WebSocket and long-poll count together", async () => {
    const { open, host, endpoint, url } = await start({ maxConnectionsPerClient: 2 });
    host.clients.open("127.0.0.1"); // a WebSocket of the same client, say
    await open();
    const res = await fetch(`${url}/_tether/poll`, { method: "POST", body: lines(joinMessage()) });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.json()).toEqual({ error: "too many connections from this address" });
    expect(endpoint.size).toBe(1);
  });

  test("close closes every transport with its reason: a waiting GET gets it", async () => {
    const { endpoint, open, poll } = await start();
    const id = await open();
    await poll(id);
    const waiting = poll(id);
    await sleep(50);
    endpoint.close("server closing");
    expect(await waiting).toEqual({ m: [], close: [1001, "server closing"] });
    expect(endpoint.size).toBe(0);
  });
});
