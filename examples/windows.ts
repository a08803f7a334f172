import { Component, html, type ChildWindow, type JsonValue, type LiveEvent } from "tether-live";

/** One item of the list: what a detail window edits. */
interface Item {
  id: number;
  title: string;
}

const ITEMS: readonly Item[] = [
  { id: 1, title: "Brush settings" },
  { id: 2, title: "Layer stack" },
  { id: 3, title: "Export presets" },
];

/** The detail window's page: `/windows/item?id=2`. */
export const ITEM_PATH = "/windows/item";

/** Which item a child window shows: the `id` of its path's query. */
const itemOf = (child: ChildWindow): number => Number(new URLSearchParams(child.path.split("?")[1] ?? "").get("id"));

/**
 * The parent: a list whose "Open" buttons open a detail window per item (`openWindow`, from the
 * click's handler: the browser opens popups on a user's gesture). What a detail window edits
 * comes back as a message and updates the list; "Refresh all" broadcasts the list to every open
 * window; a window closed leaves the list of open windows.
 */
export class Windows extends Component<Record<string, never>, { items: Item[]; open: ChildWindow[]; error: string }> {
  state = { items: ITEMS.map((item) => ({ ...item })), open: [] as ChildWindow[], error: "" };

  mount() {
    this.onChildMessage(this.fromChild);
  }

  fromChild(child: ChildWindow, event: string, data: JsonValue) {
    // A detail window that opens (or reloads) asks for its item: the parent's list is the truth.
    if (event === "ready") void this.session.sendToChild(child.id, "item", this.itemFor(itemOf(child)));
    if (event === "edit" && typeof data === "object" && data !== null && !Array.isArray(data)) {
      const title = String(data.title ?? "").slice(0, 200);
      this.setState({ items: this.state.items.map((item) => (item.id === itemOf(child) ? { ...item, title } : item)) });
    }
    this.setState({ open: this.session.children.filter((c) => c.state === "open") });
  }

  itemFor(id: number): JsonValue {
    const item = this.state.items.find((i) => i.id === id);
    return item === undefined ? null : { id: item.id, title: item.title };
  }

  async open(event: LiveEvent) {
    const id = event.data.id as number;
    try {
      // A named window per item: "Open" again brings the same window to this item.
      await this.session.openWindow(`${ITEM_PATH}?id=${id}`, { name: `item-${id}`, features: "popup,width=460,height=360" });
      this.setState({ error: "" });
    } catch (error) {
      this.setState({ error: (error as Error).message });
    }
  }

  refreshAll() {
    void this.session.broadcastToChildren("items", this.state.items as unknown as JsonValue);
  }

  closeAll() {
    void this.session.closeChildren();
  }

  render() {
    const { items, open, error } = this.state;
    return html`
      <main>
        <h1>Windows</h1>
        <p class="lead">Each "Open" opens a detail window with a session of its own, linked to this one: its edits come back here live.</p>
        <ul id="items" class="items">
          ${items.map((item) => html`<li key=${item.id}>
            <span class="label">#${item.id}</span><span class="title" data-item=${item.id}>${item.title}</span>
            <button class="tether-button tether-secondary" data-id=${item.id} data-open=${item.id} onClick=${this.open}>Open</button>
          </li>`)}
        </ul>
        <p class="toolbar">
          <button id="refresh-all" class="tether-button" onClick=${this.refreshAll}>Refresh all</button>
          <button id="close-all" class="tether-button tether-secondary" onClick=${this.closeAll}>Close all</button>
        </p>
        ${error === "" ? null : html`<p id="error" role="alert">${error}</p>`}
        <h2>Open windows: <output id="open-count">${open.length}</output></h2>
        <ul id="open">${open.map((child) => html`<li key=${child.id} data-child=${child.id}>${child.path}</li>`)}</ul>
      </main>
    `;
  }
}

/**
 * A detail window: edits its item's title and tells its parent as you type; takes the list
 * its parent broadcasts ("Refresh all"); says when its parent is gone.
 */
export class WindowItem extends Component<{ query: Record<string, string> }, { title: string; refreshes: number; orphan: boolean }> {
  state = { title: "", refreshes: 0, orphan: false };
  readonly id = Number(this.props.query.id);

  mount() {
    this.onParentMessage(this.fromParent);
    if (this.session.parent === null) this.setState({ orphan: true });
    else void this.session.emitToParent("ready");
  }

  fromParent(event: string, data: JsonValue) {
    if (event === "item" && typeof data === "object" && data !== null && !Array.isArray(data)) this.setState({ title: String(data.title) });
    if (event === "items" && Array.isArray(data)) {
      const item = data.find((i) => typeof i === "object" && i !== null && !Array.isArray(i) && i.id === this.id) as { title?: JsonValue } | undefined;
      this.setState({ title: String(item?.title ?? this.state.title), refreshes: this.state.refreshes + 1 });
    }
    if (event === "parent_closed") this.setState({ orphan: true });
  }

  rename(event: LiveEvent) {
    const title = String(event.value ?? "");
    this.setState({ title });
    if (!this.state.orphan) void this.session.emitToParent("edit", { title });
  }

  close() {
    this.session.closeWindow();
  }

  render() {
    return html`
      <main>
        <h1>Item #${this.id}</h1>
        <p class="lead">A window of its own, linked to the list that opened it.</p>
        <label>Title <input id="title" value=${this.state.title} onInput=${this.rename} /></label>
        <p>Refreshed by the list: <output id="refreshes">${this.state.refreshes}</output> times</p>
        ${this.state.orphan ? html`<p id="orphan" role="status">The list that opened this window is gone.</p>` : null}
        <p class="toolbar"><button id="close" class="tether-button tether-secondary" onClick=${this.close}>Close</button></p>
      </main>
    `;
  }
}
