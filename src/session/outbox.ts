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

  /** Keeps a numbered message; false if that would exceed the byte bound (the caller resyncs). */
  push(s: number, data: string): boolean {
    this.seq = s;
    this.entries.push({ s, data });
    this.bytes += data.length;
    return this.bytes <= this.maxBytes;
  }

  /** The tab has applied everything up to `s`. */
  acknowledge(s: number): void {
    let i = 0;
    while (i < this.entries.length && this.entries[i].s <= s) this.bytes -= this.entries[i++].data.length;
    if (i > 0) this.entries.splice(0, i);
  }

  /** The messages after `s`, or null if some of them are no longer kept. */
  since(s: number): Array<{ s: number; data: string }> | null {
    if (s > this.seq) return null;
    if (s === this.seq) return [];
    if (this.entries.length === 0 || this.entries[0].s > s + 1) return null;
    return this.entries.filter((entry) => entry.s > s);
  }

  /** Messages numbered but not yet handed to the connection (it was backed up). */
  unsent(): Array<{ s: number; data: string }> {
    return this.sent === this.seq ? [] : this.entries.filter((entry) => entry.s > this.sent);
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
