import { renderValues } from "../template/flat.js";
import { createElement } from "../template/h.js";
import { VNodeFlags } from "../vnode/flags.js";
import { createVNode, type Renderable, type VNode } from "../vnode/vnode.js";
import { Component } from "./component.js";
import { HOST, TRANSPARENT, TREE, type ComponentHost } from "./slots.js";

type Key = string | number;

/** How a LiveList knows its items: a key for each, and how each renders. */
export interface LiveListOptions<T> {
  /** Each item's identity: kept, moved, never re-created while its key stays. */
  key: (item: T) => Key;
  /** Renders one item. It may read other state too; call `refresh(key)` when that changes. */
  render: (item: T) => Renderable;
}

/**
 * A keyed list for large collections whose items change one at a time. Each item is rendered
 * by its own component: `update(key, item)` and `refresh(key)` re-render that item only, so an
 * update's work does not grow with the length of the list; `set`, `push`, `insert` and `remove`
 * diff the list (by key, with identity skips), never the page around it. Render it once with
 * `${list.view}`; the parent's own renders skip it by identity.
 *
 *   rows = new LiveList<Row>({ key: (r) => r.id, render: (r) => html`<tr><td>${r.label}</td></tr>` });
 *   render() { return html`<table>${this.rows.view}</table>`; }
 *   rename(id: number, label: string) { this.rows.update(id, { ...this.rows.get(id)!, label }); }
 */
export class LiveList<T> {
  /** The vnode to put in a template. Stable: the same object for the list's whole life. */
  readonly view: VNode;
  private entries: T[] = [];
  private positions: Map<Key, number> | null = null;
  /** The list's component while it is on a page. */
  listView: ListView<T> | null = null;
  /**
   * The rows by key, read from the list's rows (ComponentTree.rowsOf) when first asked for
   * after they changed: a row costs no map entry of its own, nor a hook to keep one, as it is
   * created or removed (a 10,000-row create would insert 10,000 keys, and a clear delete them).
   */
  private hosts: Map<Key, ComponentHost> | null = null;
  /** The rows `hosts` was read from: the live tree replaces that array when the rows change. */
  private hostsFrom: readonly ComponentHost[] | null = null;
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

  /** Replaces one item (same key) and re-renders only it. False if there is no such item. */
  update(key: Key, item: T): boolean {
    const i = this.indexOf(key);
    if (i < 0) return false;
    this.entries[i] = item;
    const host = this.rowOf(key);
    if (host !== undefined) {
      // The row's host takes the new item's vnode and re-renders alone, as if its parent had rendered it.
      host.vnode = itemVNode(this, item, key);
      this.listView![TREE]!.invalidate(host);
    }
    return true;
  }

  /** Re-renders one item with the data it has (when something else its render reads changed). */
  refresh(key: Key): void {
    const host = this.rowOf(key);
    if (host !== undefined) this.listView![TREE]!.invalidate(host);
  }

  /**
   * The item vnodes in order: an item that its row shows already gives that row's vnode
   * (skipped by identity); the others new ones. The rows are the record of what was shown: no
   * map of vnodes is kept beside them. A row at the same place is checked first (an append, an
   * update in place), the map of rows by key only when the order changed.
   */
  itemVNodes(): VNode[] {
    const entries = this.entries;
    const out: VNode[] = new Array(entries.length);
    const rows = this.shownRows();
    for (let i = 0; i < entries.length; i++) {
      const item = entries[i];
      let shown = i < rows.length ? (rows[i].vnode as VNode) : null;
      if (shown === null || shown.props.item !== item) {
        if (rows.length === 0) {
          out[i] = itemVNode(this, item, this.keyOf(item));
          continue;
        }
        const key = this.keyOf(item);
        shown = (this.rowOf(key)?.vnode as VNode | undefined) ?? null;
        if (shown === null || shown.props.item !== item) shown = itemVNode(this, item, key);
      }
      out[i] = shown;
    }
    return out;
  }

  /** The rows the page shows, in order (none while the list is not on a page). */
  private shownRows(): readonly ComponentHost[] {
    const view = this.listView;
    return view === null ? NO_ROWS : view[TREE]!.rowsOf(view[HOST]!);
  }

  /** The row that shows the item with this key, or undefined. */
  private rowOf(key: Key): ComponentHost | undefined {
    const rows = this.shownRows();
    if (rows !== this.hostsFrom || this.hosts === null) {
      const hosts = new Map<Key, ComponentHost>();
      for (let i = 0; i < rows.length; i++) hosts.set((rows[i].vnode as VNode).key!, rows[i]);
      this.hosts = hosts;
      this.hostsFrom = rows;
    }
    return this.hosts.get(key);
  }

  private changed(): void {
    this.positions = null;
    this.listView?.setState({});
  }

  /** The list's component left the page: its rows are gone with it. */
  detach(view: ListView<T>): void {
    if (this.listView !== view) return;
    this.listView = null;
    this.hosts = null;
    this.hostsFrom = null;
  }
}

const NO_ROWS: readonly ComponentHost[] = Object.freeze([]);

/**
 * An item's row vnode, made directly: createElement would copy its props without the key, and
 * a list makes one per item (10,000 at once for a large create).
 */
function itemVNode<T>(list: LiveList<T>, item: T, key: Key): VNode {
  return createVNode(VNodeFlags.Component, ListRow, key, { list, item }, [], null);
}

/** The list's component: renders the items, once per structural change. */
class ListView<T> extends Component<{ list: LiveList<T> }> {
  static [TRANSPARENT] = true;

  mount() {
    this.props.list.listView = this;
    this[TREE]!.hasLists = true;
  }

  unmount() {
    this.props.list.detach(this);
  }

  render() {
    return this.props.list.itemVNodes();
  }
}

/**
 * One item's row: a function component, so a row has no instance and no hooks. `update` and
 * `refresh` re-render it alone through its host (LiveList.rowOf). Having no instance, it is
 * not the `this` of anything: `onClick=${this.select}` in the list's render means the owner's
 * method (ownerOf looks past it). On a page that builds rows from shapes, its template gives
 * the row's values rather than its vnodes (template/flat.ts).
 */
function ListRow<T>(props: { list: LiveList<T>; item: T }): Renderable {
  const list = props.list;
  if (list.listView?.[TREE]?.shapes) return renderValues(list.renderItem, props.item) as Renderable;
  return list.renderItem(props.item);
}
