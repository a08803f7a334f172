import { shapedContent, type LiveNode } from "./live-node.js";

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
  /**
   * Shaped elements with handlers (diff/shaped.ts), each standing for its elements' ids, in the
   * order of their ids, and those ids: a 10,000-row list is 10,000 entries here, found by a
   * binary search, instead of 20,000 in the Map (the Map's inserts were a tenth of the create).
   * A removed one is null until half are, then the lists are compacted.
   */
  private shaped: Array<LiveNode | null> | null = null;
  private shapedIds: number[] | null = null;
  private shapedGone = 0;

  get size(): number {
    return (this.many !== null ? this.many.size : this.few !== null ? this.few.length : 0) + this.shapedTargets(null);
  }

  get(id: number): LiveNode | undefined {
    if (this.many !== null) {
      const live = this.many.get(id);
      return live !== undefined || this.shaped === null ? live : this.findShaped(id);
    }
    const few = this.few;
    const at = few === null ? -1 : indexOfId(few, id);
    if (at !== -1) return few![at];
    return this.shaped === null ? undefined : this.findShaped(id);
  }

  /** The ids, in the order they were added (a shaped element's elements after the others). */
  ids(): number[] {
    const ids = this.many !== null ? [...this.many.keys()] : this.few === null ? [] : this.few.map((live) => live.id);
    this.shapedTargets(ids);
    return ids;
  }

  /** Adds a shaped element whose elements have handlers, under their ids. Its id is above every other shaped element's. */
  addShaped(live: LiveNode): void {
    if (this.shaped === null) {
      this.shaped = [];
      this.shapedIds = [];
    }
    this.shaped.push(live);
    this.shapedIds!.push(live.id);
  }

  /** Removes a shaped element added by addShaped (it left the page, or became live nodes). */
  deleteShaped(live: LiveNode): void {
    const at = this.shaped === null ? -1 : this.shapedAt(live.id);
    if (at === -1 || this.shaped![at] !== live) return;
    this.shaped![at] = null;
    if (++this.shapedGone * 2 < this.shaped!.length) return;
    const kept = this.shaped!.filter((s) => s !== null);
    this.shaped = kept.length === 0 ? null : kept;
    this.shapedIds = kept.length === 0 ? null : kept.map((s) => s!.id);
    this.shapedGone = 0;
  }

  /** The shaped element that stands for the element with id `id`, if that element has handlers. */
  private findShaped(id: number): LiveNode | undefined {
    const at = this.shapedAt(id);
    const live = at === -1 ? null : this.shaped![at];
    if (live == null) return undefined;
    const offset = id - live.id;
    return shapedContent(live)!.shape.layout!.handlers.includes(offset) ? live : undefined;
  }

  /** The index of the last shaped element whose id is at most `id`, or -1. */
  private shapedAt(id: number): number {
    const ids = this.shapedIds!;
    let lo = 0;
    let hi = ids.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] <= id) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  /** How many ids the shaped elements stand for; appended to `out` unless it is null. */
  private shapedTargets(out: number[] | null): number {
    if (this.shaped === null) return 0;
    let n = 0;
    for (const live of this.shaped) {
      if (live === null) continue;
      const offsets = shapedContent(live)!.shape.layout!.handlers;
      n += offsets.length;
      if (out !== null) for (const offset of offsets) out.push(live.id + offset);
    }
    return n;
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
    this.shaped = null;
    this.shapedIds = null;
    this.shapedGone = 0;
  }
}

function indexOfId(list: LiveNode[], id: number): number {
  for (let i = 0; i < list.length; i++) if (list[i].id === id) return i;
  return -1;
}
