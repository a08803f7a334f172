/**
 * The channel to one tab: numbering, replay on resume, backpressure and the bound on what is
 * kept for a slow or absent tab (invariant 4; issue 4, item 5). Driven through a fake
 * connection that records what it was given and reports a settable `bufferedAmount`.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { Channel, SessionClose, type Connection } from "../../src/session/channel.js";
import { Msg, type ServerMessage } from "../../src/protocol/wire.js";

class FakeConnection implements Connection {
  readonly sent: string[] = [];
  closed: [number | undefined, string | undefined] | null = null;
  bufferedAmount = 0;

  send(data: string): void {
    if (this.closed !== null) throw new Error("send on a closed connection");
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closed = [code, reason];
  }

  get messages(): ServerMessage[] {
    return this.sent.map((d) => JSON.parse(d) as ServerMessage);
  }

  /** Sequence numbers of the numbered messages sent, in order. */
  get seqs(): number[] {
    return this.messages.filter((m) => "s" in m).map((m) => (m as { s: number }).s);
  }
}

const mountMessage = (): ServerMessage & { s: number } => ({ k: Msg.Mount, s: 0, v: 1, sid: "x", id: 1, t: [], rt: "token", hb: [1, 1], a: 0, mx: 1 << 20 });
const patch = (text = "p"): ServerMessage & { s: number } => ({ k: Msg.Patch, s: 0, o: [[7, 1, text]] });

function mounted(maxOutboxBytes = 1 << 20, maxBuffered = 1 << 20): { channel: Channel; connection: FakeConnection } {
  const channel = new Channel(maxOutboxBytes, maxBuffered);
  const connection = new FakeConnection();
  channel.mount(connection, mountMessage);
  return { channel, connection };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("Channel: numbering and sending", () => {
  test("before any mount nothing is numbered or sent: the tab has no tree to patch", () => {
    const channel = new Channel(1000, 1000);
    channel.sendNumbered(patch());
    channel.send({ k: Msg.Pong });
    expect(channel.seq).toBe(0);
    expect(channel.unacknowledged).toBe(0);
    expect(channel.mounted).toBe(false);
  });

  test("mount sends the Mount as message 1; later messages are numbered 2, 3, … and sent at once", () => {
    const { channel, connection } = mounted();
    channel.sendNumbered(patch("a"));
    channel.sendNumbered(patch("b"));
    expect(connection.seqs).toEqual([1, 2, 3]);
    expect(connection.messages[0].k).toBe(Msg.Mount);
    expect(connection.messages[2]).toEqual({ k: Msg.Patch, s: 3, o: [[7, 1, "b"]] });
    expect(channel.seq).toBe(3);
    // The Mount is numbered but not kept: a tab that missed it gets a fresh mount, not a replay.
    expect(channel.unacknowledged).toBe(2);
  });

  test("unnumbered messages go only to a live connection and are not kept", () => {
    const { channel, connection } = mounted();
    channel.send({ k: Msg.Reply, a: 1 });
    expect(connection.messages.at(-1)).toEqual({ k: Msg.Reply, a: 1 });
    expect(channel.unacknowledged).toBe(0);
    channel.detach(connection);
    channel.send({ k: Msg.Pong });
    expect(connection.sent.length).toBe(2);
  });

  test("acknowledge trims what is kept", () => {
    const { channel } = mounted();
    for (let i = 0; i < 4; i++) channel.sendNumbered(patch());
    channel.acknowledge(3);
    expect(channel.unacknowledged).toBe(2);
    channel.acknowledge(5);
    expect(channel.unacknowledged).toBe(0);
  });

  test("a second mount closes the older connection (4000), forgets the old messages and numbers on", () => {
    const { channel, connection } = mounted();
    channel.sendNumbered(patch());
    const next = new FakeConnection();
    channel.mount(next, mountMessage);
    expect(connection.closed).toEqual([SessionClose.Replaced, expect.any(String)]);
    expect(next.seqs).toEqual([3]);
    expect(channel.unacknowledged).toBe(0); // the old messages are forgotten; the Mount is not kept
  });

  test("a large mount followed at once by patches does not count against the bound", () => {
    const channel = new Channel(100, 1 << 20);
    const connection = new FakeConnection();
    channel.mount(connection, () => ({ ...mountMessage(), t: ["x".repeat(1000)] }) as ServerMessage & { s: number });
    channel.sendNumbered(patch("a"));
    expect(connection.closed).toBeNull();
    expect(connection.seqs).toEqual([1, 2]);
  });
});

describe("Channel: detach and resume", () => {
  test("while detached, numbered messages are kept; resume sends `first`, then exactly those, in order", () => {
    const { channel, connection } = mounted();
    channel.sendNumbered(patch("a")); // 2, the tab has it
    expect(channel.detach(connection)).toBe(true);
    channel.sendNumbered(patch("b")); // 3
    channel.sendNumbered(patch("c")); // 4
    expect(connection.seqs).toEqual([1, 2]);

    const back = new FakeConnection();
    expect(channel.resume(back, 2, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20 })).toBe(true);
    expect(back.messages[0]).toEqual({ k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20 });
    expect(back.seqs).toEqual([3, 4]);
    expect((back.messages[1] as { o: unknown }).o).toEqual([[7, 1, "b"]]);
    // And it is live: the next one goes straight to it, once.
    channel.sendNumbered(patch("d"));
    expect(back.seqs).toEqual([3, 4, 5]);
  });

  test("detach ignores a connection that is not the channel's (an older, replaced one)", () => {
    const { channel, connection } = mounted();
    const other = new FakeConnection();
    expect(channel.detach(other)).toBe(false);
    expect(channel.connection).toBe(connection);
  });

  test("a resume that replaces a live connection closes the old one with 4000", () => {
    const { channel, connection } = mounted();
    const back = new FakeConnection();
    expect(channel.resume(back, 1, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20 })).toBe(true);
    expect(connection.closed?.[0]).toBe(SessionClose.Replaced);
    expect(channel.connection).toBe(back);
  });

  test("a resume from a point no longer kept fails and changes nothing (the caller mounts afresh)", () => {
    const { channel, connection } = mounted();
    channel.sendNumbered(patch());
    channel.sendNumbered(patch());
    channel.acknowledge(3);
    const back = new FakeConnection();
    expect(channel.resume(back, 1, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20 })).toBe(false);
    expect(back.sent).toEqual([]);
    expect(channel.connection).toBe(connection);
    expect(connection.closed).toBeNull();
  });

  test("a resume claiming more than was ever sent fails", () => {
    const { channel } = mounted();
    expect(channel.resume(new FakeConnection(), 7, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20 })).toBe(false);
  });
});

describe("Channel: backpressure and the bound", () => {
  test("a backed-up connection gets nothing more until it drains; then everything, in order, once", () => {
    vi.useFakeTimers();
    const { channel, connection } = mounted(1 << 20, 100);
    connection.bufferedAmount = 500;
    for (let i = 0; i < 5; i++) channel.sendNumbered(patch(String(i)));
    expect(connection.seqs).toEqual([1]);
    vi.advanceTimersByTime(200);
    expect(connection.seqs).toEqual([1]); // still backed up
    connection.bufferedAmount = 0;
    vi.advanceTimersByTime(30);
    expect(connection.seqs).toEqual([1, 2, 3, 4, 5, 6]);
    channel.sendNumbered(patch());
    vi.advanceTimersByTime(100);
    expect(connection.seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(vi.getTimerCount()).toBe(0); // the pump stopped
  });

  test("a backed-up tab that goes away gets what it missed on resume, without duplicates", () => {
    vi.useFakeTimers();
    const { channel, connection } = mounted(1 << 20, 100);
    channel.sendNumbered(patch()); // 2, written
    connection.bufferedAmount = 500;
    channel.sendNumbered(patch()); // 3, held back
    channel.detach(connection);
    expect(vi.getTimerCount()).toBe(0);
    const back = new FakeConnection();
    expect(channel.resume(back, 2, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20 })).toBe(true);
    vi.advanceTimersByTime(100);
    expect(back.seqs).toEqual([3]);
    expect(connection.seqs).toEqual([1, 2]);
  });

  test("more than maxOutboxBytes waiting closes the connection with 4008, and a resume then fails", () => {
    const { channel, connection } = mounted(2_000);
    connection.bufferedAmount = 0;
    let sent = 0;
    while (connection.closed === null && sent < 1_000) {
      channel.sendNumbered(patch("x".repeat(50)));
      sent++;
    }
    expect(connection.closed?.[0]).toBe(SessionClose.TooFarBehind);
    expect(sent).toBeLessThan(100);
    expect(channel.mounted).toBe(false);
    expect(channel.unacknowledged).toBe(0);
    // Nothing more is kept for it, and it cannot resume: it gets a fresh Mount instead.
    channel.sendNumbered(patch());
    expect(channel.unacknowledged).toBe(0);
    const back = new FakeConnection();
    expect(channel.resume(back, 1, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20 })).toBe(false);
    expect(back.sent).toEqual([]);
    channel.mount(back, mountMessage);
    expect(back.messages.map((m) => m.k)).toEqual([Msg.Mount]);
    expect(channel.mounted).toBe(true);
  });

  test("a slow tab that never drains is cut off at the bound: the server does not buffer without end", () => {
    vi.useFakeTimers();
    const { channel, connection } = mounted(5_000, 100);
    connection.bufferedAmount = 1_000_000;
    for (let i = 0; i < 10_000 && connection.closed === null; i++) {
      channel.sendNumbered(patch("y".repeat(100)));
      vi.advanceTimersByTime(1);
    }
    expect(connection.closed?.[0]).toBe(SessionClose.TooFarBehind);
    expect(connection.seqs).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("acknowledging keeps a steady stream under the bound", () => {
    const { channel, connection } = mounted(2_000);
    for (let i = 0; i < 1_000; i++) {
      channel.sendNumbered(patch("z".repeat(50)));
      channel.acknowledge(channel.seq);
    }
    expect(connection.closed).toBeNull();
    expect(connection.seqs.length).toBe(1_001);
  });

  test("close() closes the connection with the code and reason and forgets everything", () => {
    const { channel, connection } = mounted();
    channel.sendNumbered(patch());
    channel.close(1000, "bye");
    expect(connection.closed).toEqual([1000, "bye"]);
    expect(channel.connection).toBeNull();
    expect(channel.mounted).toBe(false);
    expect(channel.unacknowledged).toBe(0);
  });
});
