import { DEFAULT_CALL_TIMEOUT, Msg, type ServerMessage } from "../../src/protocol/wire.js";
import type { DevEntry } from "../dev-hooks.js";

/** An event the page sent and what the server answered it with. */
export interface EventRow {
  /** The event's sequence number. */
  e: number;
  /** `click`, or a page event's name (`tether.sendEvent`). */
  name: string;
  /** The node id of a DOM event; null for a page event. */
  node: number | null;
  at: number;
  /** Round trip in ms, to the first message that answered it; null while unanswered. */
  rtt: number | null;
  /** The patch batch that answered it: ops and bytes (0 and 0 for a Reply: nothing changed). */
  ops: number | null;
  bytes: number | null;
  /** An Error answered it: its code. */
  error: string | null;
  /** The server's time for it in ms (handler, render, diff, encoding), from its DevReport; null without one. */
  server: number | null;
}

/** A request waiting for its answer: the page's `tether.call`, or the server's `executeJs`/`callClient`. */
export interface PendingRow {
  kind: "call" | "executeJs" | "callClient";
  id: number;
  what: string;
  /** Milliseconds left before it times out; null without a timeout. */
  left: number | null;
}

/** The panel's view of the log: the last events first, with their answers. */
export function summarizeEvents(log: readonly DevEntry[], limit = 20): EventRow[] {
  const rows: EventRow[] = [];
  const open: EventRow[] = [];
  const byNumber = new Map<number, EventRow>();
  for (const entry of log) {
    const m = entry.message;
    if (entry.out) {
      if (m.k === Msg.Event) open.push(row(m.e, m.t, m.n, entry.at));
      else if (m.k === Msg.Send) open.push(row(m.e, m.ev, null, entry.at));
      else continue;
      rows.push(open[open.length - 1]);
      byNumber.set(m.e, open[open.length - 1]);
      continue;
    }
    if (m.k === Msg.DevReport) {
      // Sent after the event's answer, development only: the server's own time for it.
      const event = m.e === undefined ? undefined : byNumber.get(m.e);
      if (event !== undefined && m.ms !== undefined) event.server = m.ms;
      continue;
    }
    const answered = answerOf(m as ServerMessage);
    if (answered === undefined) continue;
    // Every open event up to `a` is answered by this message: the one numbered `a` owns the batch.
    while (open.length > 0 && open[0].e <= answered) {
      const event = open.shift()!;
      event.rtt = Math.round(entry.at - event.at);
      const own = event.e === answered;
      event.ops = own && m.k === Msg.Patch ? m.o.length : 0;
      event.bytes = own && m.k === Msg.Patch ? entry.bytes : 0;
      if (own && m.k === Msg.Error) event.error = m.code;
    }
  }
  return rows.slice(-limit).reverse();
}

/** The last round trip measured: the newest answered event's. */
export function lastRoundTrip(rows: readonly EventRow[]): number | null {
  for (const r of rows) if (r.rtt !== null) return r.rtt;
  return null;
}

/** Requests sent or received and not answered yet, with the time they have left at `now`. */
export function pendingRequests(log: readonly DevEntry[], callTimeouts: ReadonlyMap<number, number>, now: number): PendingRow[] {
  const calls = new Map<number, PendingRow & { at: number; timeout: number | null }>();
  const requests = new Map<number, PendingRow & { at: number; timeout: number | null }>();
  for (const { out, at, message: m } of log) {
    if (out && m.k === Msg.Call) calls.set(m.id, { kind: "call", id: m.id, what: m.m, left: null, at, timeout: callTimeouts.get(m.id) ?? DEFAULT_CALL_TIMEOUT });
    else if (!out && m.k === Msg.CallResult) calls.delete(m.id);
    else if (!out && m.k === Msg.Exec) requests.set(m.id, { kind: "executeJs", id: m.id, what: m.c.slice(0, 60), left: null, at, timeout: m.r === 1 ? (m.t ?? null) : null });
    else if (!out && m.k === Msg.Invoke) requests.set(m.id, { kind: "callClient", id: m.id, what: m.f, left: null, at, timeout: m.t ?? null });
    else if (!out && m.k === Msg.Cancel) requests.delete(m.id);
    else if (out && m.k === Msg.Result) requests.delete(m.id);
  }
  const rows: PendingRow[] = [];
  for (const r of [...calls.values(), ...requests.values()]) {
    rows.push({ kind: r.kind, id: r.id, what: r.what, left: r.timeout === null ? null : Math.max(0, Math.round(r.at + r.timeout - now)) });
  }
  return rows;
}

function row(e: number, name: string, node: number | null, at: number): EventRow {
  return { e, name, node, at, rtt: null, ops: null, bytes: null, error: null, server: null };
}

/** The last event a server message answers, if it answers any. */
function answerOf(m: ServerMessage): number | undefined {
  switch (m.k) {
    case Msg.Patch:
    case Msg.Reply:
    case Msg.Resume:
      return m.a;
    case Msg.Error:
      return m.a ?? m.e;
    default:
      return undefined;
  }
}
