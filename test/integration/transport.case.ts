/**
 * One conformance suite for every transport (as hono's routers share `common.case.test.ts`):
 * websocket.test.ts and longpoll.test.ts run these same cases, so the long-poll fallback has
 * the same messages, sequence numbers, acknowledgements and resume semantics as the WebSocket
 * (issue 4, invariants 3 and 4).
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { Component, html, serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { ErrorCodes, Msg, Op, PROTOCOL_VERSION, type ErrorMessage, type MountMessage, type PatchMessage, type ResumeMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { mountText, nodeId, textNodeId, type ProtocolTransport, type TransportFactory } from "../support/transports.js";

/** Every Board on the server, by session id, so a test can change one while its tab is away. */
const boards = new Map<string, Board>();

/** A number the page and the server can both change, and a button whose handler changes nothing. */
class Board extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  private sid = "";

  mount() {
    this.sid = this.session.id;
    boards.set(this.sid, this);
  }

  unmount() {
    boards.delete(this.sid);
  }

  inc() {
    this.setState({ n: this.state.n + 1 });
  }

  noop() {}

  render() {
    return html`<main>
      <button id="inc" onClick=${this.inc}>+</button>
      <button id="noop" onClick=${this.noop}>=</button>
      <output id="n">${this.state.n}</output>
    </main>`;
  }
}

/** A page far above the compression threshold (1024 bytes), with a counter in it. */
class Big extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  inc() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return html`<main>
      <button id="inc" onClick=${this.inc}>+</button>
      <output id="n">${this.state.n}</output>
      <ul id="rows">${Array.from({ length: 300 }, (_, i) => html`<li key=${i}>row ${i}: ${"é€😀".repeat(3)}</li>`)}</ul>
    </main>`;
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

const numbered = (messages: ServerMessage[]): Array<ServerMessage & { s: number }> =>
  messages.filter((m): m is ServerMessage & { s: number } => "s" in m && typeof m.s === "number");

/** The answer to event `e`: its Patch or Reply (both carry `a`), or an Error naming it. */
const answers = (e: number) => (m: ServerMessage): boolean =>
  ((m.k === Msg.Patch || m.k === Msg.Reply) && m.a === e) || (m.k === Msg.Error && m.e === e);

/** Registers the conformance cases for one transport. */
export function runTransportConformance(transport: TransportFactory): void {
  const open: ProtocolTransport[] = [];

  async function connect(server: RunningServer): Promise<ProtocolTransport> {
    const t = await transport.connect(server.url);
    open.push(t);
    return t;
  }

  /** A fresh tab on /board: its transport, its Mount, and the ids a tab reads from the Mount. */
  async function joinBoard(server: RunningServer) {
    const t = await connect(server);
    const mount = (await t.join("/board")) as MountMessage;
    expect(mount.k).toBe(Msg.Mount);
    return { t, mount, inc: nodeId(mount, "inc"), noop: nodeId(mount, "noop"), text: textNodeId(mount, "n") };
  }

  function startServer(options: Partial<ServeOptions> = {}): () => RunningServer {
    let server: RunningServer;
    beforeAll(async () => {
      server = await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/board": Board, "/big": Big }, onError: () => {}, ...options });
    });
    afterAll(async () => {
      await server?.close();
    });
    return () => server;
  }

  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });

  describe(`${transport.name}: join, events, answers`, () => {
    const server = startServer();

    test("a join gets the whole tree in a Mount numbered 1, with its resume token and heartbeat", async () => {
      const { mount } = await joinBoard(server());
      expect(mount).toMatchObject({ k: Msg.Mount, s: 1, v: PROTOCOL_VERSION, a: 0, hb: [15_000, 10_000] });
      expect(typeof mount.sid).toBe("string");
      expect(mount.rt.length).toBeGreaterThan(10);
      expect(mountText(mount, "n")).toBe("0");
      expect(server().tether.sessions.get(mount.sid)?.isConnected).toBe(true);
    });

    test("a click is answered by one Patch with exactly the SetText op, numbered next, naming the event", async () => {
      const { t, inc, text } = await joinBoard(server());
      const e = t.event(inc);
      const patch = (await t.next(answers(e))) as PatchMessage;
      expect(patch).toEqual({ k: Msg.Patch, s: 2, a: e, o: [[Op.SetText, text, "1"]] });
      const e2 = t.event(inc);
      expect(await t.next(answers(e2))).toEqual({ k: Msg.Patch, s: 3, a: e2, o: [[Op.SetText, text, "2"]] });
    });

    test("an event that changes nothing is answered by a Reply, and nothing is numbered", async () => {
      const { t, mount, noop } = await joinBoard(server());
      const e = t.event(noop);
      expect(await t.next(answers(e))).toEqual({ k: Msg.Reply, a: e });
      t.send({ k: Msg.Ping });
      await t.next((m) => m.k === Msg.Pong);
      expect(numbered(t.received).map((m) => m.s)).toEqual([1]);
      expect(boards.get(mount.sid)!.state.n).toBe(0);
    });

    test("an event sent twice with the same e is applied once; the copy gets a Reply", async () => {
      const { t, mount, inc, text } = await joinBoard(server());
      const first = t.next(answers(1));
      t.send({ k: Msg.Event, e: 1, n: inc, t: "click", d: {} });
      t.send({ k: Msg.Event, e: 1, n: inc, t: "click", d: {} });
      expect(await first).toEqual({ k: Msg.Patch, s: 2, a: 1, o: [[Op.SetText, text, "1"]] });
      await t.find((m) => m.k === Msg.Reply && m.a === 1);
      // An older event than the last applied is a copy too.
      t.eventSeq = 1;
      const e2 = t.event(inc);
      await t.next(answers(e2));
      t.send({ k: Msg.Event, e: 1, n: inc, t: "click", d: {} });
      expect(await t.next((m) => m.k === Msg.Reply)).toEqual({ k: Msg.Reply, a: 2 });
      expect(boards.get(mount.sid)!.state.n).toBe(2);
      expect(numbered(t.received).map((m) => m.s)).toEqual([1, 2, 3]);
    });

    test("a Ping is answered by a Pong", async () => {
      const { t } = await joinBoard(server());
      t.send({ k: Msg.Ping });
      expect(await t.next()).toEqual({ k: Msg.Pong });
    });

    test("malformed messages get bad_message, and the session goes on", async () => {
      const { t, mount, inc, text } = await joinBoard(server());
      const frames = [
        "not json",
        "[1,2]",
        "null",
        JSON.stringify({ k: 99 }),
        JSON.stringify({ k: Msg.Event, e: "1", n: inc, t: "click" }),
        JSON.stringify({ k: Msg.Event, e: 1, n: inc, t: "CLICK!" }),
        JSON.stringify({ k: Msg.Event, e: 1, n: inc, t: "click", d: { evil: true } }),
        JSON.stringify({ k: Msg.Ack, s: -1 }),
        JSON.stringify({ k: Msg.Event, e: 2 ** 60, n: inc, t: "click" }),
      ];
      for (const frame of frames) {
        const error = t.next((m) => m.k === Msg.Error);
        t.sendRaw(frame);
        expect(await error).toMatchObject({ k: Msg.Error, code: ErrorCodes.BadMessage });
      }
      const e = t.event(inc);
      expect(await t.next(answers(e))).toEqual({ k: Msg.Patch, s: 2, a: e, o: [[Op.SetText, text, "1"]] });
      expect(server().tether.sessions.get(mount.sid)?.isConnected).toBe(true);
    });

    test("an event for a node that is not there, or has no such handler, gets a clear error naming it", async () => {
      const { t, inc } = await joinBoard(server());
      const e1 = t.event(9999);
      expect(await t.next(answers(e1))).toMatchObject({ k: Msg.Error, code: ErrorCodes.UnknownNode, e: e1 });
      const e2 = t.event(inc, "dblclick");
      expect(await t.next(answers(e2))).toMatchObject({ k: Msg.Error, code: ErrorCodes.NoHandler, e: e2 });
      const e3 = t.event(inc);
      expect(await t.next(answers(e3))).toMatchObject({ k: Msg.Patch, a: e3 });
    });

    test("a large Mount (compressed on the way) arrives whole, non-ASCII text included", async () => {
      const t = await connect(server());
      const mount = (await t.join("/big")) as MountMessage;
      expect(mount.k).toBe(Msg.Mount);
      expect(JSON.stringify(mount).length).toBeGreaterThan(10_000);
      const rows = mount.t.flatMap(function collect(tree): string[] {
        if (typeof tree === "string") return [tree];
        return typeof tree[0] === "string" ? (tree.slice(2) as typeof mount.t).flatMap(collect) : [];
      });
      expect(rows.filter((text) => text === "é€😀".repeat(3))).toHaveLength(300);
      const e = t.event(nodeId(mount, "inc"));
      expect(await t.next(answers(e))).toMatchObject({ k: Msg.Patch, o: [[Op.SetText, textNodeId(mount, "n"), "1"]] });
    });

    test("a message before the join gets not_joined; a second join too", async () => {
      const t = await connect(server());
      t.send({ k: Msg.Ping });
      expect(await t.next()).toMatchObject({ k: Msg.Error, code: ErrorCodes.NotJoined });
      const mount = await t.join("/board");
      expect(mount.k).toBe(Msg.Mount);
      const again = t.next((m) => m.k === Msg.Error);
      t.send({ k: Msg.Join, v: PROTOCOL_VERSION, sid: null, path: "/board" });
      expect(await again).toMatchObject({ code: ErrorCodes.NotJoined });
    });
  });

  describe(`${transport.name}: resume`, () => {
    const server = startServer();

    test("after a drop, a resume with rt and s gets Resume {a} and then exactly the numbered messages missed", async () => {
      const { t, mount, inc, text } = await joinBoard(server());
      const e = t.event(inc);
      await t.next(answers(e)); // s = 2
      await t.close();

      // The server goes on while the tab is away: two renders and a server event, in separate turns.
      const board = boards.get(mount.sid)!;
      const session = server().tether.sessions.get(mount.sid)!;
      board.inc();
      await turn();
      session.emit("tick", { n: 1 });
      await turn();
      board.inc();
      await turn();

      const back = await connect(server());
      const resumed = back.join("/board", mount.sid, { rt: mount.rt, s: 2 });
      expect(await resumed).toEqual({ k: Msg.Resume, a: e, hb: [15_000, 10_000], mx: 1 << 20 });
      await back.find((m) => "s" in m && m.s === 5);
      await sleep(50);
      // The Resume comes first; then 3, 4, 5 in order: no gap, nothing twice, nothing older.
      expect(back.received[0].k).toBe(Msg.Resume);
      expect(numbered(back.received).map((m) => [m.k, m.s])).toEqual([[Msg.Patch, 3], [Msg.Emit, 4], [Msg.Patch, 5]]);
      expect((back.received[1] as PatchMessage).o).toEqual([[Op.SetText, text, "2"]]);
      expect(back.received[2]).toMatchObject({ k: Msg.Emit, ev: "tick", p: { n: 1 } });
      expect((back.received[3] as PatchMessage).o).toEqual([[Op.SetText, text, "3"]]);

      // The event the tab sent before the drop is not applied again; a new one goes on from there.
      back.eventSeq = e - 1;
      const again = back.event(inc);
      expect(await back.next(answers(again))).toEqual({ k: Msg.Reply, a: e });
      const next = back.event(inc);
      expect(await back.next(answers(next))).toEqual({ k: Msg.Patch, s: 6, a: next, o: [[Op.SetText, text, "4"]] });
      expect(board.state.n).toBe(4);
    });

    test("a resume that missed nothing gets only the Resume", async () => {
      const { t, mount, inc, text } = await joinBoard(server());
      const e = t.event(inc);
      await t.next(answers(e));
      await t.close();
      const back = await connect(server());
      expect(await back.join("/board", mount.sid, { rt: mount.rt, s: 2 })).toMatchObject({ k: Msg.Resume, a: e });
      back.eventSeq = e; // the tab's event numbers go on across connections
      const next = back.event(inc);
      expect(await back.next(answers(next))).toEqual({ k: Msg.Patch, s: 3, a: next, o: [[Op.SetText, text, "2"]] });
      expect(back.received.map((m) => m.k)).toEqual([Msg.Resume, Msg.Patch]);
    });

    test("events sent while a message was in flight are answered after the resume (re-sent ones once)", async () => {
      const { t, mount, inc } = await joinBoard(server());
      const sent = [t.event(inc), t.event(inc), t.event(inc)];
      await t.next(answers(sent[2]));
      await t.close();
      // The tab did not see the answers (say), so it re-sends all three after resuming.
      const back = await connect(server());
      const resume = (await back.join("/board", mount.sid, { rt: mount.rt, s: 1 })) as ResumeMessage;
      expect(resume).toMatchObject({ k: Msg.Resume, a: 3 });
      for (const e of sent) back.send({ k: Msg.Event, e, n: inc, t: "click", d: {} });
      for (const e of sent) expect(await back.find((m) => m.k === Msg.Reply && m.a >= e)).toBeTruthy();
      await back.find((m) => "s" in m && m.s === 4);
      expect(numbered(back.received).map((m) => m.s)).toEqual([2, 3, 4]);
      expect(boards.get(mount.sid)!.state.n).toBe(3);
    });

    test("a resume with a wrong rt gets a fresh session (a new sid and a Mount); the old one is untouched", async () => {
      const { t, mount, inc } = await joinBoard(server());
      await t.next(answers(t.event(inc)));
      await t.close();
      const other = await connect(server());
      const answer = (await other.join("/board", mount.sid, { rt: "not-the-token", s: 2 })) as MountMessage;
      expect(answer.k).toBe(Msg.Mount);
      expect(answer.sid).not.toBe(mount.sid);
      expect(answer.s).toBe(1);
      expect(mountText(answer, "n")).toBe("0");
      expect(boards.get(mount.sid)!.state.n).toBe(1);
      // The right token still resumes the old session.
      const back = await connect(server());
      expect(await back.join("/board", mount.sid, { rt: mount.rt, s: 2 })).toMatchObject({ k: Msg.Resume, a: 1 });
    });

    test("a join with the sid but no rt (a copy of the page) gets a fresh session once the session was mounted", async () => {
      const { mount } = await joinBoard(server());
      const copy = await connect(server());
      const answer = (await copy.join("/board", mount.sid)) as MountMessage;
      expect(answer.k).toBe(Msg.Mount);
      expect(answer.sid).not.toBe(mount.sid);
    });

    test("a resume from the server-rendered page's session id joins that session the first time", async () => {
      const res = await fetch(server().url + "/board");
      const sid = /data-tether-session="([^"]+)"/.exec(await res.text())![1];
      const t = await connect(server());
      const mount = (await t.join("/board", sid)) as MountMessage;
      expect(mount).toMatchObject({ k: Msg.Mount, sid, s: 1 });
    });

    test("after Ack s the messages up to s are gone: a resume from an older s falls back to a whole Mount", async () => {
      const { t, mount, inc } = await joinBoard(server());
      for (let i = 0; i < 3; i++) await t.next(answers(t.event(inc)));
      t.send({ k: Msg.Ack, s: 4 });
      t.send({ k: Msg.Ping });
      await t.next((m) => m.k === Msg.Pong); // the Ack has been handled
      await t.close();

      const back = await connect(server());
      const answer = (await back.join("/board", mount.sid, { rt: mount.rt, s: 2 })) as MountMessage;
      expect(answer.k).toBe(Msg.Mount);
      expect(answer.sid).toBe(mount.sid);
      expect(answer.a).toBe(3);
      expect(answer.s).toBe(5);
      expect(answer.rt).not.toBe(mount.rt);
      expect(mountText(answer, "n")).toBe("3");
      // From the acknowledged s itself, a resume still works.
      await back.close();
      const again = await connect(server());
      expect(await again.join("/board", mount.sid, { rt: answer.rt, s: 5 })).toMatchObject({ k: Msg.Resume, a: 3 });
    });

    test("a newer connection that resumes the session replaces the older one", async () => {
      const { t, mount, inc, text } = await joinBoard(server());
      const second = await connect(server());
      expect(await second.join("/board", mount.sid, { rt: mount.rt, s: 1 })).toMatchObject({ k: Msg.Resume });
      expect((await t.closed).code).toBe(4000);
      const e = second.event(inc);
      expect(await second.next(answers(e))).toEqual({ k: Msg.Patch, s: 2, a: e, o: [[Op.SetText, text, "1"]] });
    });
  });

  describe(`${transport.name}: rate limit`, () => {
    const server = startServer({ rateLimit: { burst: 5, perSecond: 1 } });

    test("the 6th quick event gets rate_limited and is not applied; the bucket refills over time", async () => {
      const { t, mount, inc, text } = await joinBoard(server());
      const sent = [1, 2, 3, 4, 5, 6].map(() => t.event(inc));
      const limited = (await t.find(answers(6))) as ErrorMessage;
      expect(limited).toMatchObject({ k: Msg.Error, code: ErrorCodes.RateLimited, e: 6 });
      for (const e of sent.slice(0, 5)) expect(await t.find(answers(e))).toMatchObject({ k: Msg.Patch, a: e });
      expect(boards.get(mount.sid)!.state.n).toBe(5);
      // Refused counts as handled: the tab does not get it applied by sending it again.
      t.send({ k: Msg.Event, e: 6, n: inc, t: "click", d: {} });
      expect(await t.next((m) => m.k === Msg.Reply)).toEqual({ k: Msg.Reply, a: 6 });
      await sleep(1_200);
      const later = t.event(inc);
      expect(await t.next(answers(later))).toEqual({ k: Msg.Patch, s: 7, a: later, o: [[Op.SetText, text, "6"]] });
      expect(boards.get(mount.sid)!.state.n).toBe(6);
    });
  });

  describe(`${transport.name}: retention and limits`, () => {
    const server = startServer({ retention: 200, pollTimeout: 200, heartbeatInterval: 200, heartbeatTimeout: 200, maxOutboxBytes: 2_000 });

    test("after the retention window the session ends; the tab's resume then gets a fresh session", async () => {
      const { t, mount, inc } = await joinBoard(server());
      await t.next(answers(t.event(inc)));
      await t.close();
      await until(() => !server().tether.sessions.has(mount.sid), "the session has ended");
      expect(boards.has(mount.sid)).toBe(false); // unmounted: its timers and subscriptions are gone
      const back = await connect(server());
      const answer = (await back.join("/board", mount.sid, { rt: mount.rt, s: 2 })) as MountMessage;
      expect(answer.k).toBe(Msg.Mount);
      expect(answer.sid).not.toBe(mount.sid);
      expect(mountText(answer, "n")).toBe("0");
    });

    test("a tab too far behind (more than maxOutboxBytes waiting) gets a fresh Mount of the same session on rejoin", async () => {
      const { t, mount } = await joinBoard(server());
      await t.close();
      const board = boards.get(mount.sid)!;
      for (let i = 0; i < 100; i++) {
        board.inc();
        await turn();
      }
      const back = await connect(server());
      const answer = (await back.join("/board", mount.sid, { rt: mount.rt, s: 1 })) as MountMessage;
      expect(answer.k).toBe(Msg.Mount);
      expect(answer.sid).toBe(mount.sid);
      expect(mountText(answer, "n")).toBe("100");
    });
  });
}
