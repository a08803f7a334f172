/**
 * The outbox: numbered messages kept until acknowledged, replayed from any kept point, bounded
 * in bytes (invariant 4; issue 4, "a slow client does not make the server buffer without bound").
 */
import { describe, expect, test } from "vitest";
import { Outbox } from "../../src/session/outbox.js";

/** An outbox holding messages 1..n, each `data` the string "m<s>". */
function filled(n: number, maxBytes = 1_000): Outbox {
  const outbox = new Outbox(maxBytes);
  for (let s = 1; s <= n; s++) expect(outbox.push(s, `m${s}`)).toBe(true);
  return outbox;
}

const seqs = (entries: Array<{ s: number }> | null) => entries?.map((e) => e.s) ?? null;

/** What sendUnsent hands to the connection. */
function unsent(outbox: Outbox): string[] {
  const sent: string[] = [];
  outbox.sendUnsent({ send: (data) => sent.push(data) });
  return sent;
}

describe("Outbox", () => {
  test("keeps every pushed message, in order, with its sequence number", () => {
    const outbox = filled(3);
    expect(outbox.seq).toBe(3);
    expect(outbox.size).toBe(3);
    expect(outbox.since(0)).toEqual([{ s: 1, data: "m1" }, { s: 2, data: "m2" }, { s: 3, data: "m3" }]);
  });

  test("since(s) is exactly the messages after s; since(seq) is none", () => {
    const outbox = filled(5);
    expect(seqs(outbox.since(2))).toEqual([3, 4, 5]);
    expect(seqs(outbox.since(4))).toEqual([5]);
    expect(outbox.since(5)).toEqual([]);
  });

  test("since(s) beyond the last number is null: the tab claims what was never sent", () => {
    expect(filled(3).since(4)).toBeNull();
    expect(new Outbox(100).since(1)).toBeNull();
  });

  test("an empty outbox that never numbered anything replays nothing from 0", () => {
    expect(new Outbox(100).since(0)).toEqual([]);
  });

  test("acknowledge(s) drops the messages up to s; replay from s still works, from before s does not", () => {
    const outbox = filled(5);
    outbox.acknowledge(3);
    expect(outbox.size).toBe(2);
    expect(seqs(outbox.since(3))).toEqual([4, 5]);
    expect(seqs(outbox.since(4))).toEqual([5]);
    expect(outbox.since(2)).toBeNull();
    expect(outbox.since(0)).toBeNull();
  });

  test("acknowledging everything: a replay from the last number is empty, from earlier impossible", () => {
    const outbox = filled(4);
    outbox.acknowledge(4);
    expect(outbox.size).toBe(0);
    expect(outbox.since(4)).toEqual([]);
    expect(outbox.since(3)).toBeNull();
  });

  test("an old or repeated acknowledgement changes nothing; one beyond seq drops all", () => {
    const outbox = filled(4);
    outbox.acknowledge(2);
    outbox.acknowledge(1);
    outbox.acknowledge(2);
    expect(seqs(outbox.since(2))).toEqual([3, 4]);
    outbox.acknowledge(99);
    expect(outbox.size).toBe(0);
  });

  test("push reports false once the kept bytes exceed the bound; acknowledging frees them", () => {
    const outbox = new Outbox(10);
    expect(outbox.push(1, "aaaa")).toBe(true); // 4
    expect(outbox.push(2, "bbbbbb")).toBe(true); // 10: at the bound is fine
    expect(outbox.push(3, "c")).toBe(false); // 11
    outbox.clear();
    expect(outbox.push(4, "dddd")).toBe(true);
    outbox.acknowledge(4);
    expect(outbox.push(5, "eeeeeeeeee")).toBe(true); // the acknowledged 4 bytes no longer count
  });

  test("the byte count follows acknowledgements exactly, over many rounds", () => {
    const outbox = new Outbox(100);
    for (let s = 1; s <= 1_000; s++) {
      expect(outbox.push(s, "x".repeat(s % 7 + 1))).toBe(true);
      if (s % 3 === 0) outbox.acknowledge(s - 1);
    }
    // At most the last few messages are kept, far below the bound.
    expect(outbox.size).toBeLessThanOrEqual(3);
  });

  test("sendUnsent() hands over what was numbered after the last one handed to the connection, then marks it sent", () => {
    const outbox = filled(3);
    expect(unsent(outbox)).toEqual(["m1", "m2", "m3"]);
    expect(outbox.sent).toBe(3);
    outbox.sent = 2;
    expect(unsent(outbox)).toEqual(["m3"]);
    expect(unsent(outbox)).toEqual([]);
  });

  test("sendUnsent() stops before a message that would find more than `pauseAbove` bytes waiting in the connection, and goes on from there next time", () => {
    const outbox = filled(4);
    let buffered = 0;
    const sent: string[] = [];
    const to = { send: (data: string) => (sent.push(data), (buffered += 10)), get bufferedAmount() { return buffered; } };
    expect(outbox.sendUnsent(to, 15)).toBe(false); // m1 (10 waiting), m2 (20), then stop
    expect(sent).toEqual(["m1", "m2"]);
    expect(outbox.sent).toBe(2);
    expect(outbox.sendUnsent(to, 15)).toBe(false); // still backed up: nothing
    expect(sent).toEqual(["m1", "m2"]);
    buffered = 0;
    expect(outbox.sendUnsent(to, 15)).toBe(true);
    expect(sent).toEqual(["m1", "m2", "m3", "m4"]);
    expect(outbox.sent).toBe(4);
  });

  test("clear() forgets every message but not the numbering: the next one goes on from seq", () => {
    const outbox = filled(3);
    outbox.clear();
    expect(outbox.size).toBe(0);
    expect(outbox.seq).toBe(3);
    expect(outbox.sent).toBe(3);
    expect(unsent(outbox)).toEqual([]);
    expect(outbox.since(3)).toEqual([]);
    expect(outbox.since(2)).toBeNull();
  });
});

describe("numbering", () => {
  test("a message must be numbered one past the last: kept messages are consecutive", () => {
    const outbox = filled(2);
    expect(() => outbox.push(4, "m4")).toThrow(/does not follow 2/);
    expect(() => outbox.push(2, "again")).toThrow(/does not follow 2/);
    expect(outbox.push(3, "m3")).toBe(true);
    expect(seqs(outbox.since(0))).toEqual([1, 2, 3]);
  });

  test("after a mount (skip), numbering goes on from the mount's number", () => {
    const outbox = filled(3);
    outbox.clear();
    outbox.skip(4);
    expect(outbox.push(5, "m5")).toBe(true);
    expect(unsent(outbox)).toEqual(["m5"]);
    expect(seqs(outbox.since(4))).toEqual([5]);
    expect(outbox.since(3)).toBeNull();
  });
});

describe("one large message", () => {
  test("is kept even when it alone exceeds the bound (a large mount); the next one is not", () => {
    const outbox = new Outbox(100);
    expect(outbox.push(1, "x".repeat(500))).toBe(true);
    expect(outbox.push(2, "y")).toBe(false);
  });
});
