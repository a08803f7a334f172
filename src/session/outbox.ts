/**
 * The server's numbered messages to one tab, kept until the tab acknowledges them so that a
 * resumed connection can replay what it missed (invariant 4). Bounded in bytes: a tab that
 * falls too far behind is given a fresh mount instead, which is every pending change at once.
 */
export class Outbox {
  private entries: Array<{ s: number; data: string }> = [];
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
   * Keeps a numbered message; false if that exceeds the byte bound (the caller resyncs). One
   * message alone is always kept, however large (a 100,000-row mount): the bound is for what
   * piles up behind it, and refusing it would only make the tab reconnect for the same again.
   */
  push(s: number, data: string): boolean {
    this.seq = s;
    this.entries.push({ s, data });
    this.bytes += data.length;
    return this.bytes <= this.maxBytes || this.entries.length === 1;
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
    let i = 0;
    while (i < this.entries.length && this.entries[i].s <= s) this.bytes -= this.entries[i++].data.length;
    // All acknowledged (an idle tab): a fresh empty array holds no room, a spliced one keeps its capacity.
    if (i === this.entries.length) this.entries = [];
    else if (i > 0) this.entries.splice(0, i);
  }

  /** The messages after `s`, or null if some of them are no longer kept. */
  since(s: number): Array<{ s: number; data: string }> | null {
    if (s > this.seq) return null;
    if (s === this.seq) return [];
    if (this.entries.length === 0 || this.entries[0].s > s + 1) return null;
    return this.entries.filter((entry) => entry.s > s);
  }

  /**
   * Hands the messages numbered but not yet sent to `send`, oldest first, and marks them sent.
   * Scans back from the newest, so the usual case (one new message, on every event) costs one
   * step and no allocation however many wait for an acknowledgement.
   */
  sendUnsent(send: (data: string) => void): void {
    if (this.sent === this.seq) return;
    let i = this.entries.length;
    while (i > 0 && this.entries[i - 1].s > this.sent) i--;
    for (; i < this.entries.length; i++) send(this.entries[i].data);
    this.sent = this.seq;
  }

  clear(): void {
    this.entries = [];
    this.bytes = 0;
    this.sent = this.seq;
  }

  get size(): number {
    return this.entries.length;
  }
}
