import { createElement } from "../template/h.js";
import { VNodeFlags } from "../vnode/flags.js";
import { createVNode, type Renderable, type VNode } from "../vnode/vnode.js";
import { Component } from "./component.js";
import { HOST, TRANSPARENT, TREE } from "./slots.js";

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
  /** Mounted item components, by key. */
  readonly mounted = new Map<Key, ItemView<T>>();
  listView: ListView<T> | null = null;
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
    const view = this.mounted.get(key);
    if (view !== undefined) view.show(itemVNode(this, item, key));
    return true;
  }

  /** Re-renders one item with the data it has (when something else its render reads changed). */
  refresh(key: Key): void {
    const view = this.mounted.get(key);
    if (view !== undefined) view.setState({});
  }

  /**
   * The item vnodes in order: an item whose view shows it already gives that view's vnode
   * (skipped by identity); the others new ones. The views are the record of what was shown:
   * no map of vnodes is rebuilt at each change of the list.
   */
  itemVNodes(): VNode[] {
    const out: VNode[] = new Array(this.entries.length);
    for (let i = 0; i < this.entries.length; i++) {
      const item = this.entries[i];
      const key = this.keyOf(item);
      const shown = this.mounted.get(key)?.shown();
      out[i] = shown != null && shown.props.item === item ? shown : itemVNode(this, item, key);
    }
    return out;
  }

  private changed(): void {
    this.positions = null;
    this.listView?.setState({});
  }
}

/**
 * An item's component vnode, made directly: createElement would copy its props without the
 * key, and a list makes one per item (10,000 at once for a large create).
 */
function itemVNode<T>(list: LiveList<T>, item: T, key: Key): VNode {
  return createVNode(VNodeFlags.Component | VNodeFlags.ClassComponent, ItemView, key, { list, item }, [], null);
}

/** The list's component: renders the items, once per structural change. */
class ListView<T> extends Component<{ list: LiveList<T> }> {
  static [TRANSPARENT] = true;

  mount() {
    this.props.list.listView = this;
    this[TREE]!.hasLists = true;
  }

  unmount() {
    if (this.props.list.listView === this) this.props.list.listView = null;
  }

  render() {
    return this.props.list.itemVNodes();
  }
}

/** One item's component: re-rendered alone by `update` and `refresh`. */
class ItemView<T> extends Component<{ list: LiveList<T>; item: T }> {
  // The render function is the list owner's code: `onClick=${this.select}` means the owner's method.
  static [TRANSPARENT] = true;

  private key: Key | null = null;

  mount() {
    this.key = this.props.list.keyOf(this.props.item);
    this.props.list.mounted.set(this.key, this);
  }

  unmount() {
    const list = this.props.list;
    if (this.key !== null && list.mounted.get(this.key) === this) list.mounted.delete(this.key);
  }

  /** The vnode this item's live node shows, or null before it is mounted. */
  shown(): VNode | null {
    const live = this[HOST];
    return live === null ? null : (live.vnode as VNode);
  }

  /** Shows a new vnode for this item without its parent rendering: the live node takes it, then it re-renders. */
  show(vnode: VNode): void {
    const live = this[HOST];
    this.props = vnode.props as { list: LiveList<T>; item: T };
    if (live === null) return;
    live.vnode = vnode;
    this[TREE]!.invalidate(live);
  }

  render() {
    return this.props.list.renderItem(this.props.item);
  }
}
