/**
 * executeJs and the page↔server bridge over real sockets: a served app, and a ProtocolClient
 * playing the browser (it receives Exec and answers Result, sends Call and Send). Checks the
 * messages on the wire and invariant 6: every request settles, across a dropped connection,
 * and when the session ends.
 */
import { afterEach, describe, expect, test } from "vitest";
import { JsExecutionError, JsExecutionTimeout, NotConnectedError, serve, type LiveSession, type RunningServer, type ServeOptions } from "../../src/index.js";
import { ErrorNames, Msg, type CallResultMessage, type ExecMessage, type InvokeMessage, type MountMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { ProtocolClient } from "../support/client.js";
import { getPage } from "../support/page.js";
import { pageEvents, Probe } from "../support/js-components.js";
import { answer, answerError, message, outcome, rejoin, request, until } from "../support/js-client.js";

const servers: RunningServer[] = [];
const clients: ProtocolClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const s of servers.splice(0)) await s.close();
});

async function start(options: Partial<ServeOptions> = {}): Promise<RunningServer> {
  const server = await serve({ port: 0, host: "127.0.0.1", dev: true, onError: () => {}, routes: { "/probe": Probe }, ...options });
  servers.push(server);
  return server;
}

async function connect(server: RunningServer): Promise<ProtocolClient> {
  const client = await ProtocolClient.connect(server.url);
  clients.push(client);
  return client;
}

/** A joined tab on /probe: the client, its Mount and the server's session. */
async function tab(server: RunningServer) {
  const client = await connect(server);
  const mount = (await client.join("/probe")) as MountMessage;
  expect(mount.k).toBe(Msg.Mount);
  const session = server.tether.sessions.get(mount.sid)!;
  expect(session).toBeDefined();
  return { client, mount, session };
}

const callResult = (client: ProtocolClient, id: number, from = 0) =>
  message<CallResultMessage>(client, (m) => m.k === Msg.CallResult && m.id === id, from);

describe("server → page: executeJs, getJsResult, callClient", () => {
  test("executeJs sends one Exec after the Mount with the code, r: 1, t in ms and the args; the Result resolves it", async () => {
    const { client, mount, session } = await tab(await start());
    const p = session.executeJs("return a + b", { waitForResult: true, timeout: 1234, args: { a: 1, b: 2 } });
    const exec = (await request(client)) as ExecMessage;
    expect(exec).toMatchObject({ k: Msg.Exec, c: "return a + b", a: { a: 1, b: 2 }, r: 1, t: 1234 });
    expect(exec.s).toBeGreaterThan(mount.s);
    answer(client, exec.id, 3);
    await expect(p).resolves.toBe(3);
  });

  test("without waitForResult: r is 0 and there is no timeout; the confirmation resolves with undefined", async () => {
    const { client, session } = await tab(await start());
    const p = session.executeJs("document.title = 'x'");
    const exec = (await request(client)) as ExecMessage;
    expect(exec.r).toBe(0);
    expect("t" in exec).toBe(false);
    expect("a" in exec).toBe(false);
    answer(client, exec.id);
    await expect(p).resolves.toBeUndefined();
  });

  test("the default timeout comes from serve({ jsTimeout }) and can be set per session", async () => {
    const { client, session } = await tab(await start({ jsTimeout: 4321 }));
    expect(session.jsTimeout).toBe(4321);
    void session.executeJs("1", { waitForResult: true }).catch(() => {});
    expect(((await request(client)) as ExecMessage).t).toBe(4321);
    session.jsTimeout = 999;
    const from = client.received.length;
    void session.executeJs("2", { waitForResult: true }).catch(() => {});
    expect(((await request(client, undefined, from)) as ExecMessage).t).toBe(999);
    expect(() => (session.jsTimeout = 0)).toThrow(TypeError);
  });

  test("a page error rejects with JsExecutionError carrying the browser's name, message and stack", async () => {
    const { client, session } = await tab(await start());
    const p = outcome(session.executeJs("throw new TypeError('boom')", { waitForResult: true }));
    const exec = await request(client);
    answerError(client, exec.id, "TypeError", "boom", "TypeError: boom\n    at eval");
    const { ok, value } = await p;
    expect(ok).toBe(false);
    expect(value).toBeInstanceOf(JsExecutionError);
    expect(value).toMatchObject({ name: "JsExecutionError", jsName: "TypeError", jsMessage: "boom", jsStack: "TypeError: boom\n    at eval" });
  });

  test("a server-side timeout rejects with JsExecutionTimeout; a late Result is harmless", async () => {
    const { client, session } = await tab(await start());
    const started = performance.now();
    const p = outcome(session.executeJs("await new Promise(() => {})", { waitForResult: true, timeout: 100 }));
    const exec = await request(client);
    const { value } = await p;
    expect(value).toBeInstanceOf(JsExecutionTimeout);
    expect((value as JsExecutionTimeout).timeout).toBe(100);
    expect(performance.now() - started).toBeGreaterThanOrEqual(99);
    answer(client, exec.id, "late");
    // The session still works after the stray answer.
    const q = session.executeJs("return 2", { waitForResult: true });
    const next = await request(client, exec.id + 1);
    answer(client, next.id, 2);
    await expect(q).resolves.toBe(2);
  });

  test("getJsResult is a waiting Exec that returns the variable; callClient is an Invoke", async () => {
    const { client, session } = await tab(await start());
    const size = session.getJsResult("const size = { w: innerWidth, h: innerHeight };", "size", { timeout: 700 });
    const exec = (await request(client)) as ExecMessage;
    expect(exec).toMatchObject({ k: Msg.Exec, r: 1, t: 700 });
    expect(exec.c).toContain("return (size)");
    answer(client, exec.id, { w: 10, h: 20 });
    await expect(size).resolves.toEqual({ w: 10, h: 20 });

    const product = session.callClient("mul", [6, 7], { timeout: 800 });
    const invoke = (await request(client, exec.id + 1)) as InvokeMessage;
    expect(invoke).toMatchObject({ k: Msg.Invoke, f: "mul", a: [6, 7], t: 800 });
    answer(client, invoke.id, 42);
    await expect(product).resolves.toBe(42);

    const missing = outcome(session.callClient("nope"));
    const invoke2 = await request(client, invoke.id + 1);
    answerError(client, invoke2.id, ErrorNames.NotFound, 'no function "nope" is exposed in the page');
    const { value } = await missing;
    expect(value).toBeInstanceOf(JsExecutionError);
    expect((value as JsExecutionError).jsName).toBe("NotFoundError");
  });

  test("aborting a request rejects it with the signal's reason and sends Cancel { id }", async () => {
    const { client, session } = await tab(await start());
    const controller = new AbortController();
    const p = outcome(session.executeJs("await forever", { waitForResult: true, signal: controller.signal }));
    const exec = await request(client);
    controller.abort(new Error("user left"));
    const cancel = await message(client, (m) => m.k === Msg.Cancel);
    expect(cancel).toEqual({ k: Msg.Cancel, id: exec.id });
    expect(((await p).value as Error).message).toBe("user left");
  });
});

describe("every request settles across joins, drops and the session's end", () => {
  test("a request made before any tab joined fails at once with NotConnectedError naming connected(); one made in connected() is answered", async () => {
    const server = await start();
    const { sid } = await getPage(server.url + "/probe");
    const session = server.tether.sessions.get(sid)!;
    for (const early of [session.executeJs("return 1", { waitForResult: true }), session.getJsResult("", "x"), session.callClient("f")]) {
      const error = (await outcome(early)).value as Error;
      expect(error).toBeInstanceOf(NotConnectedError);
      expect(error.message).toContain("connected()");
    }
    const client = await connect(server);
    const mount = await client.join("/probe", sid);
    expect(mount.k).toBe(Msg.Mount);
    const p = session.executeJs("return 'late'", { waitForResult: true });
    const exec = (await request(client)) as ExecMessage;
    expect(exec.c).toBe("return 'late'"); // the early requests were not kept to send after the Mount
    expect(exec.s).toBeGreaterThan(mount.s);
    answer(client, exec.id, "late");
    await expect(p).resolves.toBe("late");
  });

  test("after a dropped connection, a re-join within the retention window gets the pending request again and can answer it", async () => {
    const server = await start({ retention: 5000 });
    const { client, mount, session } = await tab(server);
    const p = session.executeJs("return 7", { waitForResult: true, timeout: 5000 });
    const exec = await request(client);
    client.close();
    await client.closed;
    await until(() => !session.isConnected, "the server to see the drop");
    let settled = false;
    void p.finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);

    const again = await connect(server);
    const first = await rejoin(again, "/probe", mount);
    expect(first.k).not.toBe(Msg.Error);
    expect(server.tether.sessions.get(mount.sid)).toBe(session);
    const resent = await request(again, exec.id);
    expect(resent).toMatchObject({ k: Msg.Exec, id: exec.id, c: "return 7", r: 1 });
    answer(again, exec.id, 7);
    await expect(p).resolves.toBe(7);
  });

  test("server.close() rejects every pending request with JsExecutionError", async () => {
    const server = await start();
    const { client, session } = await tab(server);
    const pending = [
      outcome(session.executeJs("1", { waitForResult: true, timeout: 60_000 })),
      outcome(session.executeJs("2")),
      outcome(session.callClient("f")),
    ];
    await request(client);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    for (const { ok, value } of await Promise.all(pending)) {
      expect(ok).toBe(false);
      expect(value).toBeInstanceOf(JsExecutionError);
      expect(value).not.toBeInstanceOf(JsExecutionTimeout);
      expect((value as Error).message).toMatch(/session ended/);
    }
  });

  test("when the tab stays away past the retention window, pending requests reject with JsExecutionError", async () => {
    const server = await start({ retention: 100 });
    const { client, session } = await tab(server);
    const started = performance.now();
    const p = outcome(session.executeJs("return 1", { waitForResult: true, timeout: 60_000 }));
    await request(client);
    client.close();
    const { ok, value } = await p;
    expect(ok).toBe(false);
    expect(value).toBeInstanceOf(JsExecutionError);
    expect(value).not.toBeInstanceOf(JsExecutionTimeout);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(session.isEnded).toBe(true);
    expect(server.tether.sessions.has(session.id)).toBe(false);
  });

  test("a rendered page whose tab never joins: once the join timeout ended the session, its requests reject as ended, not as not connected", async () => {
    const server = await start({ joinTimeout: 100 });
    const { sid } = await getPage(server.url + "/probe");
    const session = server.tether.sessions.get(sid)!;
    await until(() => session.isEnded, "the join timeout to end the session");
    const { ok, value } = await outcome(session.executeJs("1"));
    expect(ok).toBe(false);
    expect(value).toBeInstanceOf(JsExecutionError);
    expect(value).not.toBeInstanceOf(NotConnectedError);
  });
});

describe("page → server: Call, Send, emit", () => {
  test("a Call to a bound method gets its CallResult; an object param is one argument, an array spreads", async () => {
    const { client } = await tab(await start());
    client.send({ k: Msg.Call, id: 1, m: "sum", p: [2, 3] });
    client.send({ k: Msg.Call, id: 2, m: "pair", p: { a: 4, b: 5 } });
    expect(await callResult(client, 1)).toEqual({ k: Msg.CallResult, id: 1, ok: true, v: 5 });
    expect(await callResult(client, 2)).toEqual({ k: Msg.CallResult, id: 2, ok: true, v: [4, 5] });
  });

  test("an unknown method is a NotFoundError", async () => {
    const { client } = await tab(await start());
    client.send({ k: Msg.Call, id: 1, m: "nope" });
    const result = await callResult(client, 1);
    expect(result.ok).toBe(false);
    expect(result.err?.name).toBe(ErrorNames.NotFound);
    expect(result.err?.message).toContain("nope");
  });

  test("a thrown error arrives as { name, message }, without the stack outside development", async () => {
    const { client } = await tab(await start({ dev: false }));
    client.send({ k: Msg.Call, id: 1, m: "fail" });
    expect((await callResult(client, 1)).err).toEqual({ name: "ValueError", message: "no good" });
  });

  test("a Call re-sent with the same id is answered again; the method runs once", async () => {
    const { client } = await tab(await start());
    client.send({ k: Msg.Call, id: 9, m: "count" });
    expect((await callResult(client, 9)).v).toBe(1);
    const from = client.received.length;
    client.send({ k: Msg.Call, id: 9, m: "count" });
    expect((await callResult(client, 9, from)).v).toBe(1);
    client.send({ k: Msg.Call, id: 10, m: "count" });
    expect((await callResult(client, 10)).v).toBe(2);
  });

  test("a Send runs the session.on handler with the detail and is answered with Reply { a: e }; a re-sent e is applied once", async () => {
    const { client, mount } = await tab(await start());
    client.send({ k: Msg.Send, e: 1, ev: "note", d: { text: "hi" } });
    const reply = await message(client, (m) => m.k === Msg.Reply);
    expect(reply).toEqual({ k: Msg.Reply, a: 1 });
    expect(pageEvents.get(mount.sid)).toEqual([{ text: "hi" }]);
    const from = client.received.length;
    client.send({ k: Msg.Send, e: 1, ev: "note", d: { text: "hi" } });
    expect(await message(client, (m) => m.k === Msg.Reply, from)).toEqual({ k: Msg.Reply, a: 1 });
    client.send({ k: Msg.Send, e: 2, ev: "note", d: "second" });
    await message(client, (m) => m.k === Msg.Reply && m.a === 2);
    expect(pageEvents.get(mount.sid)).toEqual([{ text: "hi" }, "second"]);
  });

  test("a Send whose handler changes state is answered by the Patch, carrying a: e", async () => {
    const { client } = await tab(await start());
    client.send({ k: Msg.Send, e: 1, ev: "bump", d: 5 });
    const patch = await message(client, (m) => m.k === Msg.Patch);
    expect(patch).toMatchObject({ k: Msg.Patch, a: 1 });
    expect(JSON.stringify(patch)).toContain('"5"');
  });

  test("emit sends Emit { s, ev, p }; an emit before the tab joined arrives after the Mount", async () => {
    const server = await start();
    const { sid } = await getPage(server.url + "/probe");
    const session: LiveSession = server.tether.sessions.get(sid)!;
    session.emit("early", { n: 0 });
    const client = await connect(server);
    const mount = await client.join("/probe", sid);
    const early = await message(client, (m) => m.k === Msg.Emit);
    expect(early).toMatchObject({ k: Msg.Emit, ev: "early", p: { n: 0 } });
    expect((early as ServerMessage & { s: number }).s).toBeGreaterThan(mount.s);
    session.emit("notice", { n: 1 });
    session.emit("bare");
    expect(await message(client, (m) => m.k === Msg.Emit && m.ev === "notice")).toMatchObject({ p: { n: 1 } });
    expect("p" in (await message(client, (m) => m.k === Msg.Emit && m.ev === "bare"))).toBe(false);
  });

  test("a namespace bound after the Mount is announced with Bind; one bound before travels in the Mount", async () => {
    const server = await start();
    const { client, mount, session } = await tab(server);
    expect(mount.b ?? []).toEqual([]);
    expect(session.bindApi({ ping: () => "pong" }, "tools")).toEqual(["ping"]);
    expect(await message(client, (m) => m.k === Msg.Bind)).toMatchObject({ k: Msg.Bind, ns: ["tools"] });
    client.send({ k: Msg.Call, id: 1, m: "tools.ping" });
    expect((await callResult(client, 1)).v).toBe("pong");

    const { sid } = await getPage(server.url + "/probe");
    server.tether.sessions.get(sid)!.bindApi({ ping: () => "pong" }, "tools");
    const other = await connect(server);
    expect((await other.join("/probe", sid)).b).toEqual(["tools"]);
  });
});
