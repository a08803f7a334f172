import { afterEach, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { Component, html, serve, type RunningServer } from "../../src/index.js";
import { joinQuery } from "../../src/protocol/encode.js";
import { ErrorCodes, Msg, Op, PROTOCOL_VERSION, type ErrorMessage, type MountMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";
import { once } from "node:events";
import { Writable } from "node:stream";
import { endQuietly, heartbeat, socketClock, TetherSocket } from "../../src/server/socket.js";
import { OpenSockets } from "../../src/server/open-sockets.js";
import { ProtocolClient } from "../support/client.js";
import { withServerSocket } from "../support/server-socket.js";
import { answerTo, findId, getPage, resume, sleep, waitFor } from "../support/page.js";

/** A button that goes away when clicked, and one whose handler is taken away after one click. */
/**
 * A button that goes away when clicked (rendered last, so that removing it is one Remove: see
 * the report on unkeyed conditional children), and one whose handler is taken away after one click.
 */
class Vanishing extends Component<Record<string, never>, { shown: boolean; armed: boolean; clicks: number }> {
  state = { shown: true, armed: true, clicks: 0 };
  hide() {
    this.setState({ shown: false });
  }
  once() {
    this.setState({ armed: false, clicks: this.state.clicks + 1 });
  }
  render() {
    const { shown, armed, clicks } = this.state;
    return html`<main>
      <button id="once" onClick=${armed ? this.once : null}>${clicks}</button>
      ${shown ? html`<button id="hide" onClick=${this.hide}>hide</button>` : null}
    </main>`;
  }
}

let server: RunningServer | null = null;
let clients: ProtocolClient[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const c of clients) c.ws.terminate();
  clients = [];
  await server?.close();
  server = null;
});

async function start(options: { maxMessageSize?: number } = {}): Promise<RunningServer> {
  server = await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/counter": Counter, "/vanishing": Vanishing }, ...options });
  return server;
}

async function connect(): Promise<ProtocolClient> {
  const c = await ProtocolClient.connect(server!.url);
  clients.push(c);
  return c;
}

async function joined(path = "/counter"): Promise<{ c: ProtocolClient; mount: MountMessage }> {
  const c = await connect();
  const mount = await c.join(path, null);
  expect(mount.k).toBe(Msg.Mount);
  return { c, mount };
}

/** Sends one frame and resolves with the Error it provokes. */
async function errorFor(c: ProtocolClient, frame: string | Buffer): Promise<ErrorMessage> {
  const answer = c.next();
  c.sendRaw(frame);
  const m = await answer;
  expect(m.k).toBe(Msg.Error);
  return m as ErrorMessage;
}

describe("bad messages at the boundary", () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ["text that is not JSON", "hello {", /not valid JSON/],
    ["a JSON array", "[1,2,3]", /must be a JSON object/],
    ["JSON null", "null", /must be a JSON object/],
    ["an unknown kind", JSON.stringify({ k: 99 }), /unknown message kind 99/],
    ["a kind of the server's (Patch)", JSON.stringify({ k: Msg.Patch, s: 1, o: [] }), /unknown message kind/],
    ["an event seq given as a string", JSON.stringify({ k: Msg.Event, e: "1", n: 1, t: "click", d: {} }), /field "e"/],
    ["an event seq of 0", JSON.stringify({ k: Msg.Event, e: 0, n: 1, t: "click", d: {} }), /field "e" must be a positive/],
    ["a negative node id", JSON.stringify({ k: Msg.Event, e: 1, n: -4, t: "click", d: {} }), /field "n"/],
    ["an event type that is not a word", JSON.stringify({ k: Msg.Event, e: 1, n: 1, t: "Click me", d: {} }), /not an event type/],
    ["event data as an array", JSON.stringify({ k: Msg.Event, e: 1, n: 1, t: "click", d: [] }), /"d" must be an object/],
    ["an unknown event data field", JSON.stringify({ k: Msg.Event, e: 1, n: 1, t: "click", d: { html: "<b>" } }), /d\.html/],
    ["checked given as a string", JSON.stringify({ k: Msg.Event, e: 1, n: 1, t: "change", d: { checked: "yes" } }), /d\.checked/],
    ["form values that are numbers", JSON.stringify({ k: Msg.Event, e: 1, n: 1, t: "submit", d: { form: { a: 1 } } }), /d\.form\.a/],
    ["an ack without s", JSON.stringify({ k: Msg.Ack }), /field "s"/],
    ["a binary frame", Buffer.from([1, 2, 3]), /binary frames/],
  ];

  it.each(cases)("answers %s with bad_message and the session goes on", async (_name, frame, reason) => {
    await start();
    const { c, mount } = await joined();
    const error = await errorFor(c, frame);
    expect(error.code).toBe(ErrorCodes.BadMessage);
    expect(error.message).toMatch(reason);
    expect(error.fatal).toBeUndefined();
    // Nothing was applied: the next event (seq 1) is the first one, and it patches.
    const e = c.event(findId(mount, "inc"), "click");
    expect(await answerTo(c, e)).toEqual({ k: Msg.Patch, s: 2, a: 1, o: [[Op.SetText, findId(mount, "count") + 1, "1"]] });
  });

  it("answers bad messages before the join too, and still accepts the join afterwards", async () => {
    await start();
    const c = await connect();
    expect((await errorFor(c, "{")).code).toBe(ErrorCodes.BadMessage);
    expect((await errorFor(c, Buffer.from("{}"))).code).toBe(ErrorCodes.BadMessage);
    const mount = await c.join("/counter", null);
    expect(mount.k).toBe(Msg.Mount);
  });

  it("refuses a message other than Join before the join with not_joined, and keeps the socket open", async () => {
    await start();
    const c = await connect();
    const error = await errorFor(c, JSON.stringify({ k: Msg.Event, e: 1, n: 1, t: "click", d: {} }));
    expect(error).toEqual({ k: Msg.Error, code: ErrorCodes.NotJoined, message: "the first message must be a join" });
    expect((await errorFor(c, JSON.stringify({ k: Msg.Ping }))).code).toBe(ErrorCodes.NotJoined);
    const mount = await c.join("/counter", null);
    expect(mount.k).toBe(Msg.Mount);
  });

  it("refuses a second Join on a joined socket with not_joined; the session goes on", async () => {
    await start();
    const { c, mount } = await joined();
    const error = await errorFor(c, JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, sid: null, path: "/counter" }));
    expect(error.code).toBe(ErrorCodes.NotJoined);
    expect(server!.tether.sessions.size).toBe(1);
    const e = c.event(findId(mount, "inc"), "click");
    expect((await answerTo(c, e)).k).toBe(Msg.Patch);
  });

  it("answers Ping with Pong once joined", async () => {
    await start();
    const { c } = await joined();
    const pong = c.next();
    c.send({ k: Msg.Ping });
    expect(await pong).toEqual({ k: Msg.Pong });
  });
});

describe("a first join in the socket's URL", () => {
  it("mounts without a Join message, as a Join would", async () => {
    await start();
    const page = await getPage(server!.url + "/counter");
    const c = await ProtocolClient.connect(server!.url, "/_tether", joinQuery(PROTOCOL_VERSION, page.sid, "/counter", page.token));
    clients.push(c);
    const mount = (await c.first((m) => m.k === Msg.Mount || m.k === Msg.Error)) as MountMessage;
    expect(mount.k).toBe(Msg.Mount);
    expect(c.received.filter((m) => m.k === Msg.Error)).toEqual([]);
    c.event(findId(mount, "inc"), "click");
    expect(await c.next((m) => m.k === Msg.Patch)).toMatchObject({ o: [[Op.SetText, findId(mount, "count") + 1, "1"]] });
  });

  it("takes the session its page rendered, by the sid in the URL", async () => {
    await start();
    const { sid, token } = await getPage(server!.url + "/counter");
    const c = await ProtocolClient.connect(server!.url, "/_tether", joinQuery(PROTOCOL_VERSION, sid, "/counter", token));
    clients.push(c);
    expect(await c.first((m) => m.k === Msg.Mount)).toMatchObject({ sid });
  });

  it("refuses a malformed one with bad_message and still takes a Join message", async () => {
    await start();
    const c = await ProtocolClient.connect(server!.url, "/_tether", "?v=one&path=%2Fcounter");
    clients.push(c);
    expect(await c.first((m) => m.k === Msg.Error)).toMatchObject({ code: ErrorCodes.BadMessage });
    expect((await c.join("/counter")).k).toBe(Msg.Mount);
  });

  it("closes with 1002 after version_mismatch, as for a Join message", async () => {
    await start();
    const c = await ProtocolClient.connect(server!.url, "/_tether", joinQuery(PROTOCOL_VERSION + 1, null, "/counter", null));
    clients.push(c);
    expect(await c.first((m) => m.k === Msg.Error)).toMatchObject({ code: ErrorCodes.Version, fatal: true });
    expect((await c.closed).code).toBe(1002);
  });
});

describe("refused joins", () => {
  it("closes with 1002 after a fatal version_mismatch when the page speaks another version", async () => {
    await start();
    const c = await connect();
    const error = c.next();
    c.send({ k: Msg.Join, v: PROTOCOL_VERSION + 1, sid: null, path: "/counter" });
    expect(await error).toMatchObject({ k: Msg.Error, code: ErrorCodes.Version, fatal: true });
    expect((await error as ErrorMessage).message).toMatch(/reload/);
    expect((await c.closed).code).toBe(1002);
    expect(server!.tether.sessions.size).toBe(0);
  });

  it("closes with 4002 after a fatal refusal: a join whose token is for another page", async () => {
    await start();
    const page = await getPage(server!.url + "/counter");
    const c = await connect();
    c.send({ k: Msg.Join, v: PROTOCOL_VERSION, sid: page.sid, path: "/nowhere", t: page.token });
    const error = await c.first((m) => m.k === Msg.Error);
    expect(error).toMatchObject({ k: Msg.Error, code: ErrorCodes.Unauthorized, fatal: true });
    expect((await c.closed).code).toBe(4002);
    expect(server!.tether.sessions.size).toBe(1); // the page's own, still waiting for its tab
  });

  it("closes a socket that sends no Join within the join timeout (10 s, fixed) with 4001", async () => {
    await start();
    // The socket's join timeout is not an option (TetherOptions.joinTimeout is the page session's),
    // so fake the clock from before the socket is accepted.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const c = await connect();
    let closed: { code: number } | null = null;
    void c.closed.then((r) => (closed = r));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    await waitFor(() => closed !== null, 3000, "the close");
    expect(closed).toMatchObject({ code: 4001 });
  });

  it("does not close a socket that joined before the join timeout", async () => {
    await start();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const c = await connect();
    const mount = await c.join("/counter", null);
    expect(mount.k).toBe(Msg.Mount);
    await vi.advanceTimersByTimeAsync(20_000);
    vi.useRealTimers();
    await sleep(20);
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    const pong = c.next();
    c.send({ k: Msg.Ping });
    expect(await pong).toEqual({ k: Msg.Pong });
  });
});

describe("frame size", () => {
  it("closes a socket that sends a frame over maxMessageSize with 1009, and serves the others", async () => {
    await start({ maxMessageSize: 1024 });
    const good = await joined();
    const { c: bad } = await joined();
    bad.send({ k: Msg.Event, e: 1, n: 1, t: "input", d: { value: "x".repeat(2000) } });
    expect((await bad.closed).code).toBe(1009);
    // Under the limit is fine.
    const e = good.c.event(findId(good.mount, "inc"), "click", { value: "y".repeat(900) });
    expect((await answerTo(good.c, e)).k).toBe(Msg.Patch);
    expect((await getPage(server!.url + "/counter")).status).toBe(200);
  });
});

describe("events the page may not send", () => {
  it("answers an event naming a node the page never had with unknown_node", async () => {
    await start();
    const { c, mount } = await joined();
    const e = c.event(9999, "click");
    const error = await answerTo(c, e);
    expect(error).toMatchObject({ k: Msg.Error, code: ErrorCodes.UnknownNode, e });
    const next = c.event(findId(mount, "inc"), "click");
    expect(await answerTo(c, next)).toMatchObject({ k: Msg.Patch, o: [[Op.SetText, findId(mount, "count") + 1, "1"]] });
  });

  it("refuses an event on an element that has no handlers, without changing anything", async () => {
    await start();
    const { c, mount } = await joined();
    const e = c.event(findId(mount, "count"), "click");
    const error = (await answerTo(c, e)) as ErrorMessage;
    expect(error.k).toBe(Msg.Error);
    // The wire docs would say no_handler (the node is on the page); the server says unknown_node.
    expect([ErrorCodes.UnknownNode, ErrorCodes.NoHandler]).toContain(error.code);
    expect(c.received.filter((m) => m.k === Msg.Patch)).toEqual([]);
  });

  it("answers an event type the element has no handler for with no_handler", async () => {
    await start();
    const { c, mount } = await joined();
    const e = c.event(findId(mount, "inc"), "dblclick");
    const error = await answerTo(c, e);
    expect(error).toMatchObject({ k: Msg.Error, code: ErrorCodes.NoHandler, e });
    expect((error as ErrorMessage).message).toContain('"dblclick"');
  });

  it("refuses a handler that is no longer rendered (the element was removed)", async () => {
    await start();
    const { c, mount } = await joined("/vanishing");
    const hide = findId(mount, "hide");
    const first = c.event(hide, "click");
    expect(await answerTo(c, first)).toMatchObject({ k: Msg.Patch, o: [[Op.Remove, hide]] });
    const again = c.event(hide, "click");
    expect(await answerTo(c, again)).toMatchObject({ k: Msg.Error, code: ErrorCodes.UnknownNode, e: again });
  });

  it("refuses a handler the element no longer has (onClick became null)", async () => {
    await start();
    const { c, mount } = await joined("/vanishing");
    const once = findId(mount, "once");
    const first = c.event(once, "click");
    const patch = await answerTo(c, first);
    expect(patch).toMatchObject({ k: Msg.Patch });
    expect((patch as { o: unknown[] }).o).toContainEqual([Op.RemoveAttr, once, "@click"]);
    const again = c.event(once, "click");
    expect((patch as { o: unknown[] }).o).toContainEqual([Op.SetText, once + 1, "1"]);
    expect(await answerTo(c, again)).toMatchObject({ k: Msg.Error, code: ErrorCodes.NoHandler, e: again });
    expect(c.received.filter((m) => m.k === Msg.Patch)).toHaveLength(1);
  });
});

describe("isolation", () => {
  it("one tab's 200 bad frames never affect another session's clicks; the flood closes only its own socket", async () => {
    await start();
    const bad = await joined();
    const good = await joined();
    const inc = findId(good.mount, "inc");
    const frames: Array<string | Buffer> = [
      "not json",
      "[]",
      JSON.stringify({ k: 42 }),
      JSON.stringify({ k: Msg.Event, e: "x", n: 1, t: "click" }),
      Buffer.from([0xff, 0x00]),
      // Not malformed, but refused: a Join on a joined socket naming the other tab's session.
      JSON.stringify({ k: Msg.Join, v: PROTOCOL_VERSION, sid: good.mount.sid, path: "/counter", rt: "guess", s: 0 }),
    ];
    // Events naming the good session's node ids reach only the bad session's own tree.
    for (let i = 0; i < 5; i++) bad.c.event(inc + 1000, "click");
    for (let i = 0; i < 200; i++) {
      bad.c.sendRaw(frames[i % frames.length]);
      if (i % 10 === 0) good.c.event(inc, "click");
    }
    const closed = await bad.c.closed;
    await waitFor(() => good.c.received.filter((m) => m.k === Msg.Patch).length === 20, 5000, "20 patches");

    // A connection that keeps sending malformed messages is closed (1008) after 100 of them.
    expect(closed.code).toBe(1008);
    const codes = bad.c.received.slice(1).map((m) => (m as ErrorMessage).code);
    expect(codes.slice(0, 5)).toEqual(Array(5).fill(ErrorCodes.UnknownNode));
    expect(codes.filter((code) => code === ErrorCodes.BadMessage).length).toBeGreaterThanOrEqual(101);
    expect(codes.every((code) => code === ErrorCodes.BadMessage || code === ErrorCodes.NotJoined || code === ErrorCodes.UnknownNode)).toBe(true);

    const patches = good.c.received.filter((m): m is Extract<ServerMessage, { k: 21 }> => m.k === Msg.Patch);
    const countText = findId(good.mount, "count") + 1;
    expect(patches.map((p) => p.o)).toEqual(Array.from({ length: 20 }, (_, i) => [[Op.SetText, countText, String(i + 1)]]));
    expect(patches.map((p) => p.s)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(good.c.received.filter((m) => m.k === Msg.Error)).toEqual([]);
    expect(good.c.ws.readyState).toBe(WebSocket.OPEN);
    expect(server!.tether.sessions.get(good.mount.sid)!.isConnected).toBe(true);

    // The process is fine: HTTP still answers, and the flooding tab's session lives on to resume.
    expect((await getPage(server!.url + "/counter")).status).toBe(200);
    const back = await connect();
    expect(await resume(back, "/counter", bad.mount, bad.mount.s)).toMatchObject({ k: Msg.Resume, a: 5 });
    back.send({ k: Msg.Event, e: 6, n: findId(bad.mount, "inc"), t: "click", d: {} });
    expect(await answerTo(back, 6)).toMatchObject({ k: Msg.Patch, o: [[Op.SetText, countText, "1"]] });
  });
});

/** A client joined to /counter, and the server's socket for it (caught as the server lists it). */
function joinedSocket(): Promise<{ c: ProtocolClient; mount: MountMessage; socket: TetherSocket }> {
  return withServerSocket(() => joined());
}

describe("open sockets", () => {
  it("handles its events without listeners, and leaves the server's list when it closes", async () => {
    await start();
    const { c, mount, socket } = await joinedSocket();
    // No listener per event per socket: messages, pongs, errors and close are handled by the socket itself.
    expect(socket.eventNames()).toEqual([]);
    const list = socket.host.sockets;
    expect(list.size).toBe(1);
    expect(list.has(socket)).toBe(true);
    c.event(findId(mount, "inc"), "click");
    expect(await c.next((m) => m.k === Msg.Patch)).toMatchObject({ o: [[Op.SetText, findId(mount, "count") + 1, "1"]] });
    c.ws.close();
    await waitFor(() => list.size === 0, 5000, "the closed socket to leave the list");
    expect(list.has(socket)).toBe(false);
  });

  it("holds no listener table until a listener is added, and then calls it as usual", async () => {
    await start();
    const { c, socket } = await joinedSocket();
    expect((socket as unknown as { _events: unknown })._events).toBeUndefined();
    expect(socket.listenerCount("close")).toBe(0);
    const closes: number[] = [];
    socket.on("close", (code: number) => closes.push(code));
    expect(socket.listenerCount("close")).toBe(1);
    c.ws.close(1001);
    await waitFor(() => closes.length === 1, 5000, "the close listener");
    expect(closes).toEqual([1001]);
  });

  it("shares one empty extensions object among sockets that negotiated none; one that does gets its own", async () => {
    await start();
    const [a, b] = [await joinedSocket(), await joinedSocket()];
    const extensionsOf = (socket: TetherSocket) => (socket as unknown as { _extensions: object })._extensions;
    expect(extensionsOf(a.socket)).toBe(extensionsOf(b.socket));
    expect(Object.keys(extensionsOf(a.socket))).toEqual([]);
    expect(a.socket.extensions).toBe("");
    await server!.close();
    server = await serve({ port: 0, host: "127.0.0.1", dev: true, perMessageDeflate: true, routes: { "/counter": Counter } });
    const c = await withServerSocket(async () => ({ c: await ProtocolClient.connect(server!.url) }));
    clients.push(c.c);
    expect((await c.c.join("/counter")).k).toBe(Msg.Mount);
    expect(c.socket.extensions).toBe("permessage-deflate");
    expect(extensionsOf(c.socket)).not.toBe(extensionsOf(a.socket));
  });

  it("answers a peer's pings with pongs of the same data (one that does not read them: see socket-limits.test.ts)", async () => {
    await start();
    const { c } = await joinedSocket();
    const pongs: string[] = [];
    c.ws.on("pong", (data: Buffer) => pongs.push(data.toString()));
    for (const text of ["a", "b", "c"]) c.ws.ping(text);
    await waitFor(() => pongs.length === 3, 5000, "three pongs");
    expect(pongs).toEqual(["a", "b", "c"]);
  });

  it("gives back the room ws's reads took after the join and at heartbeat rounds, never per event", async () => {
    await start();
    const { c, mount, socket } = await joinedSocket();
    // ws's receiver list of read chunks, watched for the `length = 0` that releases its room.
    const receiver = (socket as unknown as { _receiver: { _buffers: unknown[] } })._receiver;
    let releases = 0;
    receiver._buffers = new Proxy(receiver._buffers, {
      set(target, key, value) {
        if (key === "length" && value === 0 && target.length === 0) releases++;
        return Reflect.set(target, key, value);
      },
    });
    for (let i = 1; i <= 5; i++) {
      c.event(findId(mount, "inc"), "click");
      await c.next((m) => m.k === Msg.Patch);
    }
    expect(releases).toBe(0); // events run without it
    heartbeat(socket.host.sockets, socketClock(), 60_000, 60_000);
    expect(releases).toBe(1);
    expect(socket.readyState).toBe(WebSocket.OPEN); // not idle: neither pinged to death nor closed
  });

  it("gives a socket's streams a quiet end only when it closes, and still closes as ws does", async () => {
    await start();
    const { c, socket } = await joinedSocket();
    const internals = socket as unknown as { _socket: Writable; _receiver: Writable };
    const tcp = internals._socket;
    expect(Object.hasOwn(tcp, "end")).toBe(false); // an open connection holds no extra property
    const closed = new Promise<number>((resolve) => c.ws.once("close", resolve));
    c.ws.close(1001, "tab closed");
    expect(await closed).toBe(1001); // the closing handshake completes
    await waitFor(() => !socket.host.sockets.has(socket), 5000, "the closed socket to leave the list");
    expect(tcp.end).toBe(endQuietly);
    expect(internals._receiver.end).toBe(endQuietly);
  });

  it("endQuietly builds no error for a stream that already finished, and is Node's end otherwise", async () => {
    const stream = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    const base = vi.spyOn(Writable.prototype, "end");
    const w = stream();
    w.end = endQuietly;
    w.end("last");
    await once(w, "finish");
    expect(base).toHaveBeenCalledTimes(1);
    expect(w.end()).toBe(w); // finished: the error Node would build and drop is never built
    expect(base).toHaveBeenCalledTimes(1);
    const error = await new Promise<Error | null | undefined>((resolve) => w.end(resolve)); // a callback still gets it
    expect(error).toMatchObject({ code: "ERR_STREAM_ALREADY_FINISHED" });
    const destroyed = stream();
    destroyed.end = endQuietly;
    destroyed.destroy();
    destroyed.end(); // destroyed before ending: Node's end runs (it marks the stream ended, no error)
    expect(destroyed.writableEnded).toBe(true);
    base.mockRestore();
  });

  it("OpenSockets removes exactly the socket it is asked to, and lets a visit close the socket it is given", () => {
    const list = new OpenSockets<TetherSocket>();
    const sockets = Array.from({ length: 4 }, () => Object.create(TetherSocket.prototype) as TetherSocket);
    for (const s of sockets) Object.assign(s, { prev: null, next: null, host: { sockets: list } });
    for (const s of sockets) list.add(s);
    list.delete(sockets[2]);
    list.delete(sockets[2]); // twice: no effect
    new OpenSockets<TetherSocket>().delete(sockets[0]); // a list it is not in: no effect
    expect(list.size).toBe(3);
    expect(sockets.map((s) => list.has(s))).toEqual([true, true, false, true]);
    const visited: TetherSocket[] = [];
    list.forEach((s) => {
      visited.push(s);
      list.delete(s); // what a close during the heartbeat does
    });
    expect(new Set(visited)).toEqual(new Set([sockets[0], sockets[1], sockets[3]]));
    expect(list.size).toBe(0);
  });
});
