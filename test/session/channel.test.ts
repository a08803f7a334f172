/**
 * The channel to one tab: numbering, replay on resume, backpressure and the bound on what is
 * kept for a slow or absent tab (invariant 4; issue 4, item 5). Driven through a fake
 * transport that records what it was given and reports a settable `bufferedAmount`.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { Channel, SessionClose, type Transport } from "../../src/session/channel.js";
import { Msg, type ServerMessage } from "../../src/protocol/wire.js";

class FakeTransport implements Transport {
  readonly sent: string[] = [];
  closed: [number | undefined, string | undefined] | null = null;
  bufferedAmount = 0;

  send(data: string): void {
    if (this.closed !== null) throw new Error("send on a closed transport");
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

/** A transport whose bufferedAmount is what it was sent since the last `drain()`, as a socket's is. */
class DrainingTransport extends FakeTransport {
  override send(data: string): void {
    super.send(data);
    this.bufferedAmount += data.length;
  }

  drain(): void {
    this.bufferedAmount = 0;
  }
}

const mountMessage = (): ServerMessage & { s: number } => ({ k: Msg.Mount, s: 0, v: 1, sid: "x", id: 1, t: [], rt: "token", tk: "", hb: [1, 1], a: 0, mx: 1 << 20, m: [] });
const patch = (text = "p"): ServerMessage & { s: number } => ({ k: Msg.Patch, s: 0, o: [[7, 1, text]] });

function mounted(maxOutboxBytes = 1 << 20, maxBuffered = 1 << 20): { channel: Channel; transport: FakeTransport } {
  const channel = new Channel(maxOutboxBytes, maxBuffered);
  const transport = new FakeTransport();
  channel.mount(transport, mountMessage);
  return { channel, transport };
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
    const { channel, transport } = mounted();
    channel.sendNumbered(patch("a"));
    channel.sendNumbered(patch("b"));
    expect(transport.seqs).toEqual([1, 2, 3]);
    expect(transport.messages[0].k).toBe(Msg.Mount);
    expect(transport.messages[2]).toEqual({ k: Msg.Patch, s: 3, o: [[7, 1, "b"]] });
    expect(channel.seq).toBe(3);
    // The Mount is numbered but not kept: a tab that missed it gets a fresh mount, not a replay.
    expect(channel.unacknowledged).toBe(2);
  });

  test("unnumbered messages go only to a live transport and are not kept", () => {
    const { channel, transport } = mounted();
    channel.send({ k: Msg.Reply, a: 1 });
    expect(transport.messages.at(-1)).toEqual({ k: Msg.Reply, a: 1 });
    expect(channel.unacknowledged).toBe(0);
    channel.detach(transport);
    channel.send({ k: Msg.Pong });
    expect(transport.sent.length).toBe(2);
  });

  test("acknowledge trims what is kept", () => {
    const { channel } = mounted();
    for (let i = 0; i < 4; i++) channel.sendNumbered(patch());
    channel.acknowledge(3);
    expect(channel.unacknowledged).toBe(2);
    channel.acknowledge(5);
    expect(channel.unacknowledged).toBe(0);
  });

  test("a second mount closes the older transport (4000), forgets the old messages and numbers on", () => {
    const { channel, transport } = mounted();
    channel.sendNumbered(patch());
    const next = new FakeTransport();
    channel.mount(next, mountMessage);
    expect(transport.closed).toEqual([SessionClose.Replaced, expect.any(String)]);
    expect(next.seqs).toEqual([3]);
    expect(channel.unacknowledged).toBe(0); // the old messages are forgotten; the Mount is not kept
  });

  test("a large mount followed at once by patches does not count against the bound", () => {
    const channel = new Channel(100, 1 << 20);
    const transport = new FakeTransport();
    channel.mount(transport, () => ({ ...mountMessage(), t: ["x".repeat(1000)] }) as ServerMessage & { s: number });
    channel.sendNumbered(patch("a"));
    expect(transport.closed).toBeNull();
    expect(transport.seqs).toEqual([1, 2]);
  });
});

describe("Channel: detach and resume", () => {
  test("while detached, numbered messages are kept; resume sends `first`, then exactly those, in order", () => {
    const { channel, transport } = mounted();
    channel.sendNumbered(patch("a")); // 2, the tab has it
    expect(channel.detach(transport)).toBe(true);
    channel.sendNumbered(patch("b")); // 3
    channel.sendNumbered(patch("c")); // 4
    expect(transport.seqs).toEqual([1, 2]);

    const back = new FakeTransport();
    expect(channel.resume(back, 2, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20, tk: "" })).toBe(true);
    expect(back.messages[0]).toEqual({ k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20, tk: "" });
    expect(back.seqs).toEqual([3, 4]);
    expect((back.messages[1] as { o: unknown }).o).toEqual([[7, 1, "b"]]);
    // And it is live: the next one goes straight to it, once.
    channel.sendNumbered(patch("d"));
    expect(back.seqs).toEqual([3, 4, 5]);
  });

  test("detach ignores a transport that is not the channel's (an older, replaced one)", () => {
    const { channel, transport } = mounted();
    const other = new FakeTransport();
    expect(channel.detach(other)).toBe(false);
    expect(channel.transport).toBe(transport);
  });

  test("a resume that replaces a live transport closes the old one with 4000", () => {
    const { channel, transport } = mounted();
    const back = new FakeTransport();
    expect(channel.resume(back, 1, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20, tk: "" })).toBe(true);
    expect(transport.closed?.[0]).toBe(SessionClose.Replaced);
    expect(channel.transport).toBe(back);
  });

  test("a resume from a point no longer kept fails and changes nothing (the caller mounts afresh)", () => {
    const { channel, transport } = mounted();
    channel.sendNumbered(patch());
    channel.sendNumbered(patch());
    channel.acknowledge(3);
    const back = new FakeTransport();
    expect(channel.resume(back, 1, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20, tk: "" })).toBe(false);
    expect(back.sent).toEqual([]);
    expect(channel.transport).toBe(transport);
    expect(transport.closed).toBeNull();
  });

  test("a resume claiming more than was ever sent fails", () => {
    const { channel } = mounted();
    expect(channel.resume(new FakeTransport(), 7, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20, tk: "" })).toBe(false);
  });
});

describe("Channel: backpressure and the bound", () => {
  test("a backed-up transport gets nothing more until it drains; then everything, in order, once", () => {
    vi.useFakeTimers();
    const { channel, transport } = mounted(1 << 20, 100);
    transport.bufferedAmount = 500;
    for (let i = 0; i < 5; i++) channel.sendNumbered(patch(String(i)));
    expect(transport.seqs).toEqual([1]);
    vi.advanceTimersByTime(200);
    expect(transport.seqs).toEqual([1]); // still backed up
    transport.bufferedAmount = 0;
    vi.advanceTimersByTime(30);
    expect(transport.seqs).toEqual([1, 2, 3, 4, 5, 6]);
    channel.sendNumbered(patch());
    vi.advanceTimersByTime(100);
    expect(transport.seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(vi.getTimerCount()).toBe(0); // the pump stopped
  });

  test("a resume replays what the tab missed as its transport drains, never more than one message past half the buffer", () => {
    vi.useFakeTimers();
    const { channel, transport } = mounted(1 << 20, 100);
    channel.detach(transport);
    for (let i = 0; i < 20; i++) channel.sendNumbered(patch(String(i).padStart(20, "x"))); // 2–21, ~50 bytes each
    const back = new DrainingTransport();
    expect(channel.resume(back, 1, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20, tk: "" })).toBe(true);
    expect(back.seqs).toEqual([2, 3]); // the third would find more than 100 bytes waiting
    while (back.seqs.length < 20) {
      expect(back.bufferedAmount).toBeLessThanOrEqual(100 + 60);
      back.drain();
      vi.advanceTimersByTime(30);
    }
    expect(back.seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    expect(vi.getTimerCount()).toBe(0);
  });

  test("a backed-up tab that goes away gets what it missed on resume, without duplicates", () => {
    vi.useFakeTimers();
    const { channel, transport } = mounted(1 << 20, 100);
    channel.sendNumbered(patch()); // 2, written
    transport.bufferedAmount = 500;
    channel.sendNumbered(patch()); // 3, held back
    channel.detach(transport);
    expect(vi.getTimerCount()).toBe(0);
    const back = new FakeTransport();
    expect(channel.resume(back, 2, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20, tk: "" })).toBe(true);
    vi.advanceTimersByTime(100);
    expect(back.seqs).toEqual([3]);
    expect(transport.seqs).toEqual([1, 2]);
  });

  test("more than maxOutboxBytes waiting closes the transport with 4008, and a resume then fails", () => {
    const { channel, transport } = mounted(2_000);
    transport.bufferedAmount = 0;
    let sent = 0;
    while (transport.closed === null && sent < 1_000) {
      channel.sendNumbered(patch("x".repeat(50)));
      sent++;
    }
    expect(transport.closed?.[0]).toBe(SessionClose.TooFarBehind);
    expect(sent).toBeLessThan(100);
    expect(channel.mounted).toBe(false);
    expect(channel.unacknowledged).toBe(0);
    // Nothing more is kept for it, and it cannot resume: it gets a fresh Mount instead.
    channel.sendNumbered(patch());
    expect(channel.unacknowledged).toBe(0);
    const back = new FakeTransport();
    expect(channel.resume(back, 1, { k: Msg.Resume, a: 0, hb: [1, 1], mx: 1 << 20, tk: "" })).toBe(false);
    expect(back.sent).toEqual([]);
    channel.mount(back, mountMessage);
    expect(back.messages.map((m) => m.k)).toEqual([Msg.Mount]);
    expect(channel.mounted).toBe(true);
  });

  test("a slow tab that never drains is cut off at the bound: the server does not buffer without end", () => {
    vi.useFakeTimers();
    const { channel, transport } = mounted(5_000, 100);
    transport.bufferedAmount = 1_000_000;
    for (let i = 0; i < 10_000 && transport.closed === null; i++) {
      channel.sendNumbered(patch("y".repeat(100)));
      vi.advanceTimersByTime(1);
    }
    expect(transport.closed?.[0]).toBe(SessionClose.TooFarBehind);
    expect(transport.seqs).toEqual([1]);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("acknowledging keeps a steady stream under the bound", () => {
    const { channel, transport } = mounted(2_000);
    for (let i = 0; i < 1_000; i++) {
      channel.sendNumbered(patch("z".repeat(50)));
      channel.acknowledge(channel.seq);
    }
    expect(transport.closed).toBeNull();
    expect(transport.seqs.length).toBe(1_001);
  });

  test("close() closes the transport with the code and reason and forgets everything", () => {
    const { channel, transport } = mounted();
    channel.sendNumbered(patch());
    channel.close(1000, "bye");
    expect(transport.closed).toEqual([1000, "bye"]);
    expect(channel.transport).toBeNull();
    expect(channel.mounted).toBe(false);
    expect(channel.unacknowledged).toBe(0);
  });
});
