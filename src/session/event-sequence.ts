/**
 * The browser's events as the session has seen them (invariant 4): each is applied once, in
 * order, and counts as answered only when its handler (async ones included) has settled.
 * `answered` is what the page is told: every event up to it is done, so a focused field's
 * text is kept against server values until its events are (invariant 5).
 */
export class EventSequence {
  /** The last event received (applied, refused or failed): a re-sent one at or below it is not applied again. */
  last = 0;
  /** Events whose async handler has not settled yet, in order (null: none, the usual case). */
  private running: number[] | null = null;

  /** True if `e` was received before (the page sent it again after a reconnect). */
  isRepeat(e: number): boolean {
    return e <= this.last;
  }

  /** `e` arrived and is taken (applied, or refused for good). */
  receive(e: number): void {
    if (e > this.last) this.last = e;
  }

  /** `e`'s handler is async: it is not answered until `settle(e)`. */
  start(e: number): void {
    (this.running ??= []).push(e); // events arrive in order: this stays sorted
  }

  settle(e: number): void {
    const running = this.running!;
    running.splice(running.indexOf(e), 1);
  }

  /** Every event up to this one is answered. */
  get answered(): number {
    return this.running !== null && this.running.length > 0 ? this.running[0] - 1 : this.last;
  }
}
