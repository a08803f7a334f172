/**
 * The server's numbered messages to one tab, kept until the tab acknowledges them so that a
 * resumed connection can replay what it missed (invariant 4, "One render per turn, every message
 * sequenced" in ARCHITECTURE.md). Bounded in bytes: a tab that falls too far behind is given a
 * fresh mount instead, which is every pending change at once.
 *
 * Kept messages are consecutive (each is numbered one past the last), so only their texts are
 * stored: the newest is `seq`, the one before it `seq - 1`, and so on. An event's reply costs
 * no object of its own, and an idle session (everything acknowledged) holds no array at all.
 */
export class Outbox {
  /** Texts of the messages after the last acknowledged one, oldest first; null when none. */
  private entries: string[] | null = null;
  private bytes = 0;
  /** Sequence number of the last message numbered. */
  seq = 0;
  /** Sequence number of the last message handed to the connection. */
  sent = 0;
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /**
   * Keeps the next numbered message, `seq + 1`; false if that exceeds the byte bound (the
   * caller resyncs). One message alone is always kept, however large (a 100,000-row mount): the
   * bound is for what piles up behind it, and refusing it would only make the tab reconnect
   * for the same again.
   */
  push(s: number, data: string): boolean {
    if (s !== this.seq + 1) throw new Error(`Tether: outbox message ${s} does not follow ${this.seq}`);
    this.seq = s;
    this.bytes += data.length;
    // The usual case: everything before was acknowledged, and this is the only one (sized to fit).
    if (this.entries === null) {
      this.entries = [data];
      return true;
    }
    this.entries.push(data);
    return this.bytes <= this.maxBytes;
  }

  /**
   * Numbers a message without keeping it: a mount. A tab that did not get it cannot resume
   * anyway (it has no tree); it gets a fresh mount. Keeping it would only hold megabytes for a
   * large page and count them against the bound.
   */
  skip(s: number): void {
    this.seq = s;
    this.sent = s;
  }

  /** The tab has applied everything up to `s`. */
  acknowledge(s: number): void {
    const entries = this.entries;
    if (entries === null) return;
    const drop = Math.min(entries.length, s - this.first + 1);
    if (drop <= 0) return;
    if (drop === entries.length) {
      this.entries = null;
      this.bytes = 0;
      return;
    }
    for (let i = 0; i < drop; i++) this.bytes -= entries[i].length;
    entries.splice(0, drop);
  }

  /** The messages after `s`, or null if some of them are no longer kept. */
  since(s: number): Array<{ s: number; data: string }> | null {
    if (s > this.seq) return null;
    if (s === this.seq) return [];
    const entries = this.entries;
    const first = this.first;
    if (entries === null || first > s + 1) return null;
    return entries.slice(s + 1 - first).map((data, i) => ({ s: s + 1 + i, data }));
  }

  /**
   * Hands the messages numbered but not yet sent to `to`, oldest first, marking each sent, and
   * stops before one that would find more than `pauseAbove` bytes waiting in `to` (they wait
   * here, counted against the outbox's bound, rather than in the transport's buffer). True if
   * none is left unsent. The usual case (one new message, on every event) costs one step and no
   * allocation however many wait for an acknowledgement.
   */
  sendUnsent(to: { send(data: string): void; readonly bufferedAmount?: number }, pauseAbove = Infinity): boolean {
    if (this.sent === this.seq) return true;
    const entries = this.entries;
    if (entries !== null) {
      const first = this.first;
      for (let i = Math.max(0, this.sent + 1 - first); i < entries.length; i++) {
        if ((to.bufferedAmount ?? 0) > pauseAbove) {
          this.sent = first + i - 1;
          return false;
        }
        to.send(entries[i]);
      }
    }
    this.sent = this.seq;
    return true;
  }

  clear(): void {
    this.entries = null;
    this.bytes = 0;
    this.sent = this.seq;
  }

  get size(): number {
    return this.entries === null ? 0 : this.entries.length;
  }

  /** The sequence number of the oldest kept message. */
  private get first(): number {
    return this.seq - (this.entries === null ? 0 : this.entries.length) + 1;
  }
}
