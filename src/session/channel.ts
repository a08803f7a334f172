import { encodePatch } from "../protocol/encode.js";
import type { PatchOp, ServerMessage } from "../protocol/wire.js";
import { Outbox } from "./outbox.js";

/**
 * How bytes travel to one tab: what a session sends through. The server's WebSocket
 * (TetherSocket) is one, the long-poll transport (LongPollTransport) another; the page's side
 * of the same idea is runtime/transport.ts.
 */
export interface Transport {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  /**
   * Bytes queued but not yet written out (ws has it); a slow tab makes it grow. A transport
   * does not let it grow without bound: one with more than its limit (TetherOptions
   * `maxBufferedBytes`) waiting when a message comes is closed, its session kept for a resume.
   */
  readonly bufferedAmount?: number;
  /**
   * Reads nothing more from the tab for `ms` milliseconds: the session's rate limit, which
   * delays the tab's events (they wait in the network, or in the page) rather than refusing them.
   */
  pauseReading?(ms: number): void;
}

/** Close codes a session uses. */
export const SessionClose = {
  Replaced: 4000,
  /**
   * The tab fell too far behind: more waits for it than the outbox keeps (it reconnects for a
   * fresh mount), or than its connection may buffer (it reconnects and resumes).
   */
  TooFarBehind: 4008,
  /** The tab sent a flood of events far beyond the rate limit (see FLOOD_SECONDS); the session waits for a resume. */
  Flood: 1008,
  /**
   * The server is stopping (`tether.close()`): WebSocket's "going away". The tab reconnects,
   * as after any close, to the server that takes this one's place, and gets a fresh session.
   */
  GoingAway: 1001,
} as const;

// While a transport is backed up, look again this often whether it drained.
const PUMP_INTERVAL = 25;

/**
 * The wire to one tab: numbered messages kept until acknowledged (also while the tab is
 * away, to replay on resume), unnumbered ones sent only when live, and backpressure: the
 * server never buffers without bound for a slow tab.
 *
 * A channel is its outbox (the kept messages, outbox.ts) with the transport they go through:
 * one object per session rather than two, since every session has both for as long as it lives.
 */
export class Channel extends Outbox {
  /** The transport attached now; null while the tab is away. */
  transport: Transport | null = null;
  /**
   * The tab holds a copy of the tree (since its last Mount), so changes are kept for it, also
   * while it is disconnected. False before the first join and after the tab fell too far behind.
   */
  mounted = false;
  /** Numbered messages wait in the outbox while the transport has more than this waiting. */
  private readonly pauseAbove: number;
  private pumpTimer: NodeJS.Timeout | null = null;

  constructor(maxOutboxBytes: number, pauseAbove: number) {
    super(maxOutboxBytes);
    this.pauseAbove = pauseAbove;
  }

  /** Numbered messages not yet acknowledged (tests assert the bound). */
  get unacknowledged(): number {
    return this.size;
  }

  /** Numbers a message and sends it, or keeps it for the tab to get on resume. */
  sendNumbered(message: ServerMessage & { s: number }): void {
    if (!this.mounted) return;
    message.s = this.seq + 1;
    this.keep(message.s, JSON.stringify(message));
  }

  /** Numbers and sends a render's patch: the message of every event, so it is encoded directly. */
  sendPatch(ops: PatchOp[], a: number | undefined): void {
    if (!this.mounted) return;
    const s = this.seq + 1;
    this.keep(s, encodePatch(s, ops, a));
  }

  /** Sends a message that is only meaningful now (a reply, an error, a pong). */
  send(message: ServerMessage): void {
    this.transport?.send(JSON.stringify(message));
  }

  /** A fresh copy for the tab: forget what it had, then send the Mount built by `build` (numbered, not kept). */
  mount(transport: Transport, build: () => ServerMessage & { s: number }): void {
    this.replace(transport);
    this.clear();
    this.mounted = true;
    const mount = build();
    mount.s = this.seq + 1;
    this.skip(mount.s);
    transport.send(JSON.stringify(mount));
  }

  /**
   * Resumes after a dropped connection, on `transport`: sends `first`, then every numbered
   * message after `s`, as the transport drains (up to the outbox's bound of them). False if
   * those are no longer all kept; the caller then mounts afresh.
   */
  resume(transport: Transport, s: number, first: ServerMessage): boolean {
    if (!this.mounted || this.since(s) === null) return false;
    this.replace(transport);
    transport.send(JSON.stringify(first));
    this.sent = s; // what the tab has: the rest is unsent to this transport
    this.write();
    return true;
  }

  /** The transport went away (the tab may resume). True if it was this channel's. */
  detach(transport: Transport): boolean {
    if (this.transport !== transport) return false;
    this.transport = null;
    this.stopPump();
    return true;
  }

  close(code: number, reason: string): void {
    const transport = this.transport;
    this.transport = null;
    this.mounted = false;
    this.clear();
    this.stopPump();
    transport?.close(code, reason);
  }

  private replace(transport: Transport): void {
    const old = this.transport;
    // The new transport first: closing the old one may report its close at once (long-poll),
    // and the session must not look disconnected then.
    this.transport = transport;
    if (old !== null && old !== transport) old.close(SessionClose.Replaced, "replaced by a newer connection");
  }

  private keep(s: number, data: string): void {
    if (this.push(s, data)) this.write();
    else this.fallBehind();
  }

  /** Hands numbered messages to the transport while it is not backed up; the rest go as it drains. */
  private write(): void {
    const transport = this.transport;
    if (transport === null) return;
    if (this.sendUnsent(transport, this.pauseAbove)) this.stopPump();
    else this.pumpTimer ??= setInterval(() => this.write(), PUMP_INTERVAL);
  }

  /** Too much is waiting for this tab: drop it all and let the tab reconnect for a fresh mount. */
  private fallBehind(): void {
    this.close(SessionClose.TooFarBehind, "too far behind: reconnect for a fresh copy");
  }

  private stopPump(): void {
    if (this.pumpTimer !== null) clearInterval(this.pumpTimer);
    this.pumpTimer = null;
  }
}
