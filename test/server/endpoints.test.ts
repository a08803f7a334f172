/**
 * The app's WebSocket endpoints (endpoint.ts, endpoint-connection.ts, endpoints.ts) over real
 * sockets on 127.0.0.1: a connect hook that refuses (auth from the query or headers), the
 * fixed /ws/echo contract, JSON and bytes, per-connection data and the app's services, topics,
 * broadcast across two processes over Redis, the origin check, the size cap, and a client that
 * never reads being closed.
 */
import { randomBytes } from "node:crypto";
import { connect as tcpConnect, type Socket } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { endpoint, redisAdapter, serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { echo } from "../../examples/echo.js";
import { REDIS_URL, useRedisPrefix } from "../support/redis.js";

const servers: RunningServer[] = [];
const sockets: WebSocket[] = [];
const PREFIX = useRedisPrefix();

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Partial<ServeOptions>): Promise<RunningServer> {
  const server = await serve({ port: 0, host: "127.0.0.1", signals: false, routes: {}, ...options });
  servers.push(server);
  return server;
}

/** A client socket, open, with every message it gets (text as strings, binary as Buffers). */
async function open(url: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; got: Array<string | Buffer> }> {
  const socket = new WebSocket(url.replace(/^http/, "ws"), { headers });
  sockets.push(socket);
  const got: Array<string | Buffer> = [];
  socket.on("message", (data: Buffer, binary: boolean) => got.push(binary ? data : data.toString()));
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  return { socket, got };
}

/** The HTTP status an upgrade is refused with. */
function refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(url.replace(/^http/, "ws"), { headers });
  sockets.push(socket);
  socket.on("error", () => {}); // terminated after the test, before it ever opened
  return new Promise((resolve, reject) => {
    socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.once("open", () => reject(new Error("it opened")));
  });
}

async function until<T>(list: T[], count: number): Promise<T[]> {
  const deadline = Date.now() + 5000;
  while (list.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  return list;
}

/** A WebSocket client of raw TCP, past the handshake: it answers nothing (no pong) unless told. */
async function rawClient(url: string, path: string): Promise<Socket> {
  const port = Number(new URL(url).port);
  const raw = tcpConnect(port, "127.0.0.1");
  await new Promise<void>((resolve) => raw.once("connect", () => resolve()));
  raw.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  await new Promise<void>((resolve) => raw.once("data", () => resolve()));
  return raw;
}

describe("endpoints", () => {
  test("/ws/echo answers each JSON message m with {echo: m, id}, the id the connection's own", async () => {
    const server = await start({ endpoints: [echo] });
    const a = await open(`${server.url}/ws/echo`);
    const b = await open(`${server.url}/ws/echo`);
    a.socket.send(JSON.stringify({ hello: [1, "two"] }));
    a.socket.send(JSON.stringify("again"));
    b.socket.send(JSON.stringify(3));
    const [first, second] = (await until(a.got, 2)).map((m) => JSON.parse(String(m)));
    const [other] = (await until(b.got, 1)).map((m) => JSON.parse(String(m)));
    expect(first).toEqual({ echo: { hello: [1, "two"] }, id: expect.any(String) });
    expect(second).toEqual({ echo: "again", id: first.id });
    expect(other.echo).toBe(3);
    expect(other.id).not.toBe(first.id);
    a.socket.send("not json");
    expect(JSON.parse(String((await until(a.got, 3))[2]))).toEqual({ error: "not JSON", id: first.id });
  });

  test("connect refuses with 403 (auth from the query or a header); data, query, headers and services reach the handlers", async () => {
    const closes: Array<[string, number]> = [];
    const chat = endpoint<{ user: string }, { greeting: string }>("/ws/chat", {
      connect(conn) {
        const user = conn.query.token === "good" ? "ada" : conn.headers["x-token"] === "good" ? "bob" : null;
        if (user === null) return false;
        conn.data = { user };
        conn.send(`${conn.services.greeting}, ${user}`); // sent once open
      },
      message(conn, data) {
        if (typeof data === "string") conn.send(`${conn.data.user}: ${data}`);
        else conn.sendBytes(Buffer.concat([Buffer.from([0xff]), data]));
      },
      close(conn, code) {
        closes.push([conn.data.user, code]);
      },
    });
    const server = await start({ endpoints: [chat], services: { greeting: "hi" } });
    expect(await refusal(`${server.url}/ws/chat`)).toBe(403);
    expect(await refusal(`${server.url}/ws/chat?token=bad`)).toBe(403);
    const ada = await open(`${server.url}/ws/chat?token=good`);
    const bob = await open(`${server.url}/ws/chat`, { "x-token": "good" });
    ada.socket.send("text");
    ada.socket.send(Buffer.from([1, 2, 3]));
    expect(await until(ada.got, 3)).toEqual(["hi, ada", "ada: text", Buffer.from([0xff, 1, 2, 3])]);
    expect(await until(bob.got, 1)).toEqual(["hi, bob"]);
    bob.socket.close(4000, "bye");
    await until(closes, 1);
    expect(closes).toEqual([["bob", 4000]]);
  });

  test("a page of another site may not connect; a message over maxMessageSize closes with 1009; other paths are left alone", async () => {
    const server = await start({ endpoints: [echo], maxMessageSize: 1024 });
    expect(await refusal(`${server.url}/ws/echo`, { origin: "https://evil.example" })).toBe(403);
    expect(await refusal(`${server.url}/ws/nothing-here`)).toBe(400);
    const { socket } = await open(`${server.url}/ws/echo`, { origin: server.url });
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send("x".repeat(2048));
    expect(await closed).toBe(1009);
  });

  test("topics: broadcast to the members of a topic, or to all but the sender, in every process over Redis", async () => {
    const room = endpoint("/ws/room", {
      connect(conn) {
        if (conn.query.room) conn.join(conn.query.room);
      },
      message(conn, data) {
        const { to, text } = JSON.parse(String(data)) as { to?: string; text: string };
        void conn.broadcast({ text }, to);
      },
    });
    const options = { endpoints: [room], pubsub: undefined as ServeOptions["pubsub"] };
    const a = await start({ ...options, pubsub: redisAdapter({ url: REDIS_URL, prefix: PREFIX }) });
    const b = await start({ ...options, pubsub: redisAdapter({ url: REDIS_URL, prefix: PREFIX }) });
    const sender = await open(`${a.url}/ws/room?room=red`);
    const redOnB = await open(`${b.url}/ws/room?room=red`);
    const blueOnB = await open(`${b.url}/ws/room?room=blue`);
    const plainOnA = await open(`${a.url}/ws/room`);
    // Each process listens to Redis once its first connection joins: probes until all hear.
    const listeners = [redOnB, blueOnB, plainOnA];
    while (listeners.some((l) => l.got.length === 0)) {
      sender.socket.send(JSON.stringify({ text: "probe" }));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const l of listeners) l.got.length = 0;
    const marker = JSON.stringify({ text: "marker" });
    sender.socket.send(marker);
    for (const l of listeners) {
      while (!l.got.map(String).includes(marker)) await new Promise((resolve) => setTimeout(resolve, 5));
      l.got.length = 0;
    }
    sender.socket.send(JSON.stringify({ to: "red", text: "to red" }));
    sender.socket.send(JSON.stringify({ text: "to all" }));
    expect((await until(redOnB.got, 2)).map(String)).toEqual(['{"text":"to red"}', '{"text":"to all"}']);
    expect((await until(blueOnB.got, 1)).map(String)).toEqual(['{"text":"to all"}']);
    expect((await until(plainOnA.got, 1)).map(String)).toEqual(['{"text":"to all"}']);
    await room.broadcast(new Uint8Array([7, 7]), "red");
    expect((await until(sender.got, 1))[0]).toEqual(Buffer.from([7, 7]));
    expect(sender.got).toHaveLength(1); // never its own broadcasts
  });

  test("an endpoint's broadcasts and the app's topics are apart: neither hears nor forges the other's", async () => {
    const room = endpoint("/ws/room", {
      connect(conn) {
        conn.join("red");
      },
    });
    const server = await start({ endpoints: [room] });
    const member = await open(`${server.url}/ws/room`);
    const heard: unknown[] = [];
    // Topics an app could name after the endpoint's path, in any form.
    for (const topic of ["ws:/ws/room#red", "w:/ws/room#red", "/ws/room#red", "ws:/ws/room", "w:/ws/room"]) server.tether.pubsub.subscribe(topic, (m) => heard.push(m));
    for (const topic of ["ws:/ws/room#red", "w:/ws/room#red", "ws:/ws/room", "w:/ws/room"]) await server.tether.broadcast(topic, { forged: topic });
    await room.broadcast("to red", "red");
    expect(await until(member.got, 1)).toEqual(["to red"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(member.got).toEqual(["to red"]); // no forged message reached the connection
    expect(heard.every((m) => typeof m === "object" && m !== null && "forged" in m)).toBe(true); // the app heard only its own
  });

  test("a client that never reads is closed once maxBufferedBytes wait for it", async () => {
    const closes: number[] = [];
    const flood = endpoint("/ws/flood", {
      message(conn) {
        const chunk = "x".repeat(256 * 1024);
        for (let i = 0; i < 200 && conn.socket?.readyState === 1; i++) conn.send(chunk);
      },
      close(_conn, code) {
        closes.push(code);
      },
    });
    const server = await start({ endpoints: [flood], maxBufferedBytes: 256 * 1024 });
    // A raw client: the handshake, one masked text frame, then it never reads again.
    const raw = await rawClient(server.url, "/ws/flood");
    raw.pause();
    raw.write(Buffer.from([0x81, 0x81, 0, 0, 0, 0, 0x67])); // "g", mask of zeros
    await until(closes, 1);
    expect(closes).toHaveLength(1);
    expect(server.tether.sessions.size).toBe(0);
    raw.destroy();
  });

  test("a client that stops answering pings is dropped by the heartbeat; one that answers stays", async () => {
    const closes: string[] = [];
    const quiet = endpoint("/ws/quiet", {
      close(conn) {
        closes.push(conn.query.who ?? "");
      },
    });
    const server = await start({ endpoints: [quiet], heartbeatInterval: 100, heartbeatTimeout: 1000 });
    const alive = await open(`${server.url}/ws/quiet?who=alive`); // ws answers pings by itself
    const raw = await rawClient(server.url, "/ws/quiet?who=silent");
    await until(closes, 1);
    expect(closes).toEqual(["silent"]);
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    raw.destroy();
  });
});
