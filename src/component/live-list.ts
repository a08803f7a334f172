import { renderValues } from "../template/flat.js";
import { createElement } from "../template/h.js";
import { VNodeFlags } from "../vnode/flags.js";
import { createVNode, type Renderable, type VNode } from "../vnode/vnode.js";
import { Component } from "./component.js";
import { HOST, TRANSPARENT, TREE, type RowSource } from "./slots.js";

type Key = string | number;

/** How a LiveList knows its items: a key for each, and how each renders. */
export interface LiveListOptions<T> {
  /** Each item's identity: kept, moved, never re-created while its key stays. */
  key: (item: T) => Key;
  /** Renders one item. It may read other state too; call `refresh(key)` when that changes. */
  render: (item: T) => Renderable;
}

/**
 * A keyed list for large collections whose items change one at a time. `update(key, item)` and
 * `refresh(key)` re-render that item's row only, so an update's work does not grow with the
 * length of the list; `set`, `push`, `insert` and `remove` diff the rows by key (with identity
 * skips), never the page around them. Render it once with `${list.view}`; the parent's own
 * renders skip it by identity.
 *
 *   rows = new LiveList<Row>({ key: (r) => r.id, render: (r) => html`<tr><td>${r.label}</td></tr>` });
 *   render() { return html`<table>${this.rows.view}</table>`; }
 *   rename(id: number, label: string) { this.rows.update(id, { ...this.rows.get(id)!, label }); }
 *
 * The rows are kept by the diff (diff/rows.ts), a live node each and no component: the list
 * tells it what changed since it last read them (RowSource).
 */
export class LiveList<T> implements RowSource {
  /** The vnode to put in a template. Stable: the same object for the list's whole life. */
  readonly view: VNode;
  private entries: T[] = [];
  private positions: Map<Key, number> | null = null;
  /** The list's component while it is on a page. */
  listView: ListView<T> | null = null;
  /** @internal The keys whose rows render again at the next flush (RowSource; the diff resets it). */
  pending: Set<Key> | null = null;
  /** @internal Items were added, removed or moved since the rows were diffed (RowSource). */
  reordered = false;
  readonly keyOf: (item: T) => Key;
  readonly renderItem: (item: T) => Renderable;

  constructor(options: LiveListOptions<T>, items: readonly T[] = []) {
    this.keyOf = options.key;
    this.renderItem = options.render;
    this.entries = items.slice();
    this.view = createElement(ListView, { list: this }, [], null, 3);
  }

  /** The items, in order. */
  get items(): readonly T[] {
    return this.entries;
  }

  get size(): number {
    return this.entries.length;
  }

  get(key: Key): T | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.entries[i];
  }

  indexOf(key: Key): number {
    if (this.positions === null) {
      this.positions = new Map();
      for (let i = 0; i < this.entries.length; i++) this.positions.set(this.keyOf(this.entries[i]), i);
    }
    return this.positions.get(key) ?? -1;
  }

  /** Replaces every item (a keyed diff of the list: kept items are moved, not re-created). */
  set(items: readonly T[]): void {
    this.entries = items.slice();
    this.changed();
  }

  push(...items: T[]): void {
    for (const item of items) this.entries.push(item);
    this.changed();
  }

  insert(index: number, item: T): void {
    this.entries.splice(index, 0, item);
    this.changed();
  }

  /** Removes the item with this key; false if there is none. */
  remove(key: Key): boolean {
    const i = this.indexOf(key);
    if (i < 0) return false;
    this.entries.splice(i, 1);
    this.changed();
    return true;
  }

  /** Replaces one item (same key) and re-renders only its row. False if there is no such item. */
  update(key: Key, item: T): boolean {
    const i = this.indexOf(key);
    if (i < 0) return false;
    this.entries[i] = item;
    this.renderAgain(key);
    return true;
  }

  /** Re-renders one item's row with the data it has (when something else its render reads changed). */
  refresh(key: Key): void {
    if (this.indexOf(key) >= 0) this.renderAgain(key);
  }

  /** @internal One item's row (RowSource): as values where its templates allow (template/flat.ts). */
  renderRow(item: T, values: boolean): Renderable {
    return values ? (renderValues(this.renderItem, item) as Renderable) : this.renderItem(item);
  }

  /** @internal The diff read what changed (RowSource). */
  diffed(): void {
    this.pending = null;
    this.reordered = false;
  }

  private renderAgain(key: Key): void {
    if (this.listView === null) return; // not on a page: its first render shows the item as it is
    (this.pending ??= new Set()).add(key);
    this.invalidate();
  }

  private changed(): void {
    this.positions = null;
    if (this.listView === null) return;
    this.reordered = true;
    this.invalidate();
  }

  private invalidate(): void {
    const view = this.listView!;
    view[TREE]!.invalidate(view[HOST]!);
  }

  /** The list's component left the page: its rows are gone with it. */
  detach(view: ListView<T>): void {
    if (this.listView !== view) return;
    this.listView = null;
    this.diffed();
  }
}

const NO_ROWS: ReadonlyArray<VNode | string> = Object.freeze([]);

/**
 * The list's component: renders its rows' fragment (VNodeFlags.Rows), which the diff fills from
 * the list (diff/rows.ts). A new vnode each render, so that the diff reads what changed.
 */
class ListView<T> extends Component<{ list: LiveList<T> }> {
  static [TRANSPARENT] = true;
  private readonly rows = { source: this.props.list };

  mount() {
    this.props.list.listView = this;
    this[TREE]!.hasLists = true;
  }

  unmount() {
    this.props.list.detach(this);
  }

  render() {
    return createVNode(VNodeFlags.Fragment | VNodeFlags.Rows, null, null, this.rows, NO_ROWS, null);
  }
}
