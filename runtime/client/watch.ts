/**
 * One MutationObserver on the live root: what the base runtime does to the page (a patch, a
 * morph at join) reaches the on-demand script here, without a line in the base runtime. Changes
 * this script makes itself (a command, a hook's or an island's own work) are made inside
 * `quiet`, and are not reported back.
 */
export interface WatchListener {
  /** Elements were added (each subtree once, its root given). */
  added(el: Element): void;
  /** A batch of changes ends: elements may have left the page. */
  settled(): void;
  /** An attribute of `el` changed. */
  attribute(el: Element, name: string): void;
  /** Something inside `el` (or `el` itself) changed; `el` is the record's target. */
  changed(target: Node): void;
}

export class Watcher {
  readonly #observer: MutationObserver;
  readonly #listener: WatchListener;

  constructor(root: Element, listener: WatchListener) {
    this.#listener = listener;
    this.#observer = new MutationObserver((records) => this.#handle(records));
    this.#observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true });
  }

  /** Runs `fn`, whose own changes to the page are not reported (those before it are, first). */
  quiet<T>(fn: () => T): T {
    this.#handle(this.#observer.takeRecords());
    try {
      return fn();
    } finally {
      this.#observer.takeRecords();
    }
  }

  /**
   * The page has joined (or resumed): what the join's morph changed is taken now, with elements
   * added and removed, but as no change inside an element (a hook's `updated` is for patches).
   */
  joined(): void {
    this.#handle(this.#observer.takeRecords(), true);
  }

  #handle(records: MutationRecord[], join = false): void {
    if (records.length === 0) return;
    const listener = this.#listener;
    for (const record of records) {
      // The morph at a join sets what is already there: no change.
      if (record.type === "attributes" ? record.oldValue === (record.target as Element).getAttribute(record.attributeName!) : record.type === "characterData" && record.oldValue === record.target.nodeValue) continue;
      if (record.type === "childList") {
        for (const node of record.addedNodes) if (node.nodeType === 1 && node.isConnected) listener.added(node as Element);
      } else if (record.type === "attributes") {
        listener.attribute(record.target as Element, record.attributeName!);
      }
      if (!join) listener.changed(record.target);
    }
    listener.settled();
  }
}
