import { describe, expect, test } from "vitest";
import { Msg, Op, type ClientMessage, type ServerMessage } from "../../../src/protocol/wire.js";
import { lastRoundTrip, pendingRequests, summarizeEvents } from "../../../runtime/devtools/summary.js";
import type { DevEntry } from "../../../runtime/dev-hooks.js";

const out = (at: number, message: ClientMessage, bytes = 10): DevEntry => ({ out: true, at, bytes, message });
const got = (at: number, message: ServerMessage, bytes = 10): DevEntry => ({ out: false, at, bytes, message });

describe("summarizeEvents", () => {
  test("each event gets the batch that answered it: its ops and bytes, and its round trip; newest first", () => {
    const log = [
      out(0, { k: Msg.Event, e: 1, n: 4, t: "click", d: {} }),
      got(0, { k: Msg.Patch, s: 1, o: [[Op.SetText, 2, "x"]] }, 99), // a server-initiated patch: answers nothing
      got(30, { k: Msg.Patch, s: 2, a: 1, o: [[Op.SetText, 5, "1"], [Op.SetAttr, 4, "class", "on"]] }, 57),
      out(40, { k: Msg.Send, e: 2, ev: "ping" }),
      got(45, { k: Msg.Reply, a: 2 }),
      out(50, { k: Msg.Event, e: 3, n: 4, t: "click", d: {} }),
    ];
    const rows = summarizeEvents(log);
    expect(rows.map((r) => [r.e, r.name, r.node, r.ops, r.bytes, r.rtt])).toEqual([
      [3, "click", 4, null, null, null],
      [2, "ping", null, 0, 0, 5],
      [1, "click", 4, 2, 57, 30],
    ]);
    expect(lastRoundTrip(rows)).toBe(5);
  });

  test("a batch answering several events belongs to the last; an error names its code", () => {
    const log = [
      out(0, { k: Msg.Event, e: 1, n: 4, t: "input", d: { value: "a" } }),
      out(1, { k: Msg.Event, e: 2, n: 4, t: "input", d: { value: "ab" } }),
      got(20, { k: Msg.Patch, s: 1, a: 2, o: [[Op.SetText, 5, "ab"]] }, 33),
      out(30, { k: Msg.Event, e: 3, n: 9, t: "click", d: {} }),
      got(40, { k: Msg.Error, code: "handler_failed", message: "boom", e: 3, a: 3 }),
    ];
    const rows = summarizeEvents(log);
    expect(rows.map((r) => [r.e, r.ops, r.bytes, r.error])).toEqual([[3, 0, 0, "handler_failed"], [2, 1, 33, null], [1, 0, 0, null]]);
  });

  test("an event's server time comes from the DevReport that follows its answer; its bytes are not the event's", () => {
    const log = [
      out(0, { k: Msg.Event, e: 1, n: 4, t: "click", d: {} }),
      got(0, { k: Msg.DevReport, c: [] }, 500), // the panel's first tree: about no event
      got(20, { k: Msg.Patch, s: 1, a: 1, o: [[Op.SetText, 5, "1"]] }, 40),
      got(20, { k: Msg.DevReport, e: 1, ms: 1.25, c: [] }, 700),
      out(30, { k: Msg.Event, e: 2, n: 4, t: "click", d: {} }),
      got(35, { k: Msg.Reply, a: 2 }), // answered before the panel watched: no report
    ];
    expect(summarizeEvents(log).map((r) => [r.e, r.bytes, r.server])).toEqual([[2, 0, null], [1, 40, 1.25]]);
  });
});

describe("pendingRequests", () => {
  test("calls and server requests without their answer, with the time they have left", () => {
    const log = [
      out(0, { k: Msg.Call, id: 1, m: "api.slow" }),
      out(0, { k: Msg.Call, id: 2, m: "api.fast" }),
      got(5, { k: Msg.CallResult, id: 2, ok: true, v: 1 }),
      got(10, { k: Msg.Exec, s: 1, id: 7, c: "return 1", r: 1, t: 1000 }),
      got(10, { k: Msg.Exec, s: 2, id: 8, c: "go()", r: 0 }),
      got(10, { k: Msg.Invoke, s: 3, id: 9, f: "pick", a: [], t: 500 }),
      out(12, { k: Msg.Result, id: 8, ok: true }),
      got(12, { k: Msg.Cancel, id: 9 }),
    ];
    expect(pendingRequests(log, new Map([[1, 2000]]), 110)).toEqual([
      { kind: "call", id: 1, what: "api.slow", left: 1890 },
      { kind: "executeJs", id: 7, what: "return 1", left: 900 },
    ]);
  });
});
