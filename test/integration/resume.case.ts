/**
 * The transport conformance cases about coming back (see transport.case.ts): a resume gets
 * exactly what the tab missed, acknowledgements (an Ack, or `a` on the next event) trim what
 * the server keeps, and a session outlives its connection for the retention window only.
 */
import { openPage } from "../support/page-token.js";
import { describe, expect, test } from "vitest";
import { Msg, Op, type MountMessage, type PatchMessage, type ResumeMessage } from "../../src/protocol/wire.js";
import { mountText, type TransportFactory } from "../support/transports.js";
import { answers, boards, numbered, sleep, turn, until, useTransport } from "./transport.fixture.js";

/** Registers the resume, acknowledgement and retention cases for one transport. */
export function runResumeConformance(transport: TransportFactory): void {
  const { connect, joinBoard, startServer } = useTransport(transport);

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
      expect(await resumed).toEqual({ k: Msg.Resume, a: e, hb: [15_000, 10_000], mx: 1 << 20, tk: expect.any(String) });
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
      const { sid } = await openPage(server().url, "/board");
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

  describe(`${transport.name}: acknowledgements and expiry`, () => {
    const RETENTION = 300;
    // A rate limit far above what the cases send: only the outbox bound could close the connection.
    const server = startServer({ retention: RETENTION, maxOutboxBytes: 2_000, rateLimit: { burst: 1_000, perSecond: 1_000 } });

    test("the ack an event carries (a) trims the outbox: 150 events, each applied, and no close with 4008", async () => {
      const { t, mount, inc, text } = await joinBoard(server());
      // Each Patch is ~40 bytes: unacknowledged, 150 of them would be three times the outbox bound.
      let received = 1; // the Mount
      for (let e = 1; e <= 150; e++) {
        // Whichever comes first: the answer, or the close that a full outbox would bring.
        const answer = Promise.race([t.next(answers(e)), t.closed]);
        t.send({ k: Msg.Event, e, n: inc, t: "click", d: {}, a: received });
        expect(await answer).toEqual({ k: Msg.Patch, s: e + 1, a: e, o: [[Op.SetText, text, String(e)]] });
        received = e + 1;
      }
      expect(t.isClosed).toBe(false);
      expect(boards.get(mount.sid)!.state.n).toBe(150);
      expect(server().tether.sessions.get(mount.sid)?.isConnected).toBe(true);
    });

    test("a resume that replaces a live connection does not start the expiry: the session outlives the retention", async () => {
      const { t: first, mount, inc, text } = await joinBoard(server());
      // The same tab, back on a new connection before the server noticed the old one die.
      const second = await connect(server());
      expect(await second.join("/board", mount.sid, { rt: mount.rt, s: 1 })).toMatchObject({ k: Msg.Resume, a: 0 });
      expect((await first.closed).code).toBe(4000);
      await sleep(RETENTION * 2 + 200);
      expect(server().tether.sessions.has(mount.sid)).toBe(true);
      expect(second.isClosed).toBe(false);
      const e = second.event(inc);
      expect(await second.next(answers(e))).toEqual({ k: Msg.Patch, s: 2, a: e, o: [[Op.SetText, text, "1"]] });
    });
  });
}
