/**
 * One conformance suite for every transport (as hono's routers share `common.case.test.ts`):
 * websocket.test.ts and longpoll.test.ts run these same cases, so the long-poll fallback has
 * the same messages, sequence numbers, acknowledgements and resume semantics as the WebSocket
 * (issue 4, invariants 3 and 4). This file: joins, events and their answers, refused joins and
 * the rate limit; resume.case.ts: resuming, acknowledgements and retention.
 */
import { openPage } from "../support/page-token.js";
import { describe, expect, test } from "vitest";
import { ErrorCodes, Msg, Op, PROTOCOL_VERSION, type MountMessage, type PatchMessage } from "../../src/protocol/wire.js";
import { mountText, nodeId, textNodeId, type TransportFactory } from "../support/transports.js";
import { runResumeConformance } from "./resume.case.js";
import { answers, boards, numbered, useTransport } from "./transport.fixture.js";

/** Registers the conformance cases for one transport. */
export function runTransportConformance(transport: TransportFactory): void {
  const { connect, joinBoard, startServer } = useTransport(transport);

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

  describe(`${transport.name}: refused joins`, () => {
    const server = startServer();

    test("a join without a valid token for its page gets a fatal unauthorized, then a close with 4002", async () => {
      const page = await openPage(server().url, "/board");
      for (const join of [
        { k: Msg.Join, v: PROTOCOL_VERSION, sid: null, path: "/board" },
        { k: Msg.Join, v: PROTOCOL_VERSION, sid: page.sid, path: "/board", t: page.token.slice(0, -2) },
        { k: Msg.Join, v: PROTOCOL_VERSION, sid: page.sid, path: "/nowhere", t: page.token },
      ]) {
        const t = await connect(server());
        t.send(join);
        expect(await t.find((m) => m.k === Msg.Error)).toMatchObject({ code: ErrorCodes.Unauthorized, fatal: true });
        expect((await t.closed).code).toBe(4002);
      }
    });

    test("a join in another protocol version gets a fatal version_mismatch, then a close with 1002", async () => {
      const t = await connect(server());
      t.send({ k: Msg.Join, v: PROTOCOL_VERSION + 1, sid: null, path: "/board" });
      expect(await t.find((m) => m.k === Msg.Error)).toMatchObject({ code: ErrorCodes.Version, fatal: true });
      expect((await t.closed).code).toBe(1002);
    });
  });

  describe(`${transport.name}: rate limit`, () => {
    const server = startServer({ rateLimit: { burst: 5, perSecond: 2 } });

    test("events past the burst are all applied, in order, none refused; the tab is read more slowly until the bucket has refilled", async () => {
      const { t, mount, inc, text } = await joinBoard(server());
      const sent = [1, 2, 3, 4, 5, 6].map(() => t.event(inc));
      for (const e of sent) expect(await t.find(answers(e))).toMatchObject({ k: Msg.Patch, a: e });
      expect(boards.get(mount.sid)!.state.n).toBe(6);
      // The 6th owes half a second (2 per second): the next is read only once it is paid.
      const t0 = performance.now();
      const later = t.event(inc);
      expect(await t.next(answers(later), 5_000)).toEqual({ k: Msg.Patch, s: 8, a: later, o: [[Op.SetText, text, "7"]] });
      expect(performance.now() - t0).toBeGreaterThan(250);
      expect(t.received.filter((m) => m.k === Msg.Error)).toEqual([]);
    });
  });

  runResumeConformance(transport);
}
