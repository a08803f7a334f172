import type { LiveNode } from "./live-node.js";

// Up to this many elements are kept in an array and found by a scan; beyond it, in a Map.
const FEW = 8;

/**
 * The elements of a page that were rendered with event handlers, by id: the only targets an
 * event may name. Most pages have a few (a counter has two), and a Map's hash table would be
 * the largest object of an idle session's tree, so a few are kept in an array sized to fit
 * and scanned; from the ninth on, they move to a Map.
 */
export class HandlerTargets {
  private few: LiveNode[] | null = null;
  private many: Map<number, LiveNode> | null = null;

  get size(): number {
    return this.many !== null ? this.many.size : this.few !== null ? this.few.length : 0;
  }

  get(id: number): LiveNode | undefined {
    if (this.many !== null) return this.many.get(id);
    const few = this.few;
    if (few === null) return undefined;
    const at = indexOfId(few, id);
    return at === -1 ? undefined : few[at];
  }

  /** The ids, in the order they were added. */
  ids(): number[] {
    if (this.many !== null) return [...this.many.keys()];
    return this.few === null ? [] : this.few.map((live) => live.id);
  }

  /** Adds an element under its id (again: no change). */
  add(live: LiveNode): void {
    if (this.many !== null) {
      this.many.set(live.id, live);
      return;
    }
    const few = this.few;
    if (few === null) {
      this.few = [live];
      return;
    }
    const at = indexOfId(few, live.id);
    if (at !== -1) {
      few[at] = live;
      return;
    }
    this.append(few, live);
  }

  /**
   * Adds an element of a shaped element (diff/shaped.ts) under its own id, `id`: the shaped
   * element, `live`, stands for it. Such pages have many targets: they go to the Map.
   */
  addAt(id: number, live: LiveNode): void {
    if (this.many === null) {
      this.many = new Map();
      const few = this.few;
      if (few !== null) for (let i = 0; i < few.length; i++) this.many.set(few[i].id, few[i]);
      this.few = null;
    }
    this.many.set(id, live);
  }

  /**
   * Adds an element that is not there yet. Kept apart from `add`'s common paths so that `add`
   * stays small (99 bytes of bytecode instead of 262): V8 inlines it into the encoders, and
   * what a function inlines counts against one budget. With `add` whole and assignIds inlined
   * too, encodeAttrs no longer fit into encodeLive, and a join's encoding of a 1,000-row table
   * took 5–8% longer.
   */
  private append(few: LiveNode[], live: LiveNode): void {
    if (few.length === FEW) {
      this.many = new Map();
      for (let i = 0; i < few.length; i++) this.many.set(few[i].id, few[i]);
      this.many.set(live.id, live);
      this.few = null;
      return;
    }
    // Copied to its new size: an array grown by push keeps room for 17.
    const grown: LiveNode[] = new Array(few.length + 1);
    for (let i = 0; i < few.length; i++) grown[i] = few[i];
    grown[few.length] = live;
    this.few = grown;
  }

  delete(id: number): void {
    if (this.many !== null) {
      this.many.delete(id);
      return;
    }
    const few = this.few;
    if (few === null) return;
    const at = indexOfId(few, id);
    if (at === -1) return;
    if (few.length === 1) {
      this.few = null;
      return;
    }
    const rest: LiveNode[] = new Array(few.length - 1);
    for (let i = 0, j = 0; i < few.length; i++) if (i !== at) rest[j++] = few[i];
    this.few = rest;
  }

  clear(): void {
    this.few = null;
    this.many = null;
  }
}

function indexOfId(list: LiveNode[], id: number): number {
  for (let i = 0; i < list.length; i++) if (list[i].id === id) return i;
  return -1;
}
