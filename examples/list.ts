import { Component, html } from "tether-live";

interface Item {
  id: number;
  label: string;
}

/**
 * A keyed list. Each row has an input: type into one, then reverse or shuffle, and the text
 * stays with its row, because the row's DOM node is moved, not re-created.
 */
export class List extends Component<Record<string, never>, { items: Item[]; nextId: number }> {
  state = {
    items: [1, 2, 3, 4, 5].map((id) => ({ id, label: `Item ${id}` })),
    nextId: 6,
  };

  add() {
    const { items, nextId } = this.state;
    this.setState({ items: [...items, { id: nextId, label: `Item ${nextId}` }], nextId: nextId + 1 });
  }

  removeFirst() {
    this.setState({ items: this.state.items.slice(1) });
  }

  reverse() {
    this.setState({ items: [...this.state.items].reverse() });
  }

  shuffle() {
    const items = [...this.state.items];
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    this.setState({ items });
  }

  render() {
    return html`
      <main>
        <h1>Keyed list</h1>
        <p class="lead">Type into a row, then reverse or shuffle: the text stays with its row, because the row's node is moved, not made anew.</p>
        <p class="toolbar">
          <button id="add" onClick=${this.add}>Add</button>
          <button id="remove-first" onClick=${this.removeFirst}>Remove first</button>
          <button id="reverse" onClick=${this.reverse}>Reverse</button>
          <button id="shuffle" onClick=${this.shuffle}>Shuffle</button>
        </p>
        <ul id="items" class="items">
          ${this.state.items.map(
            (item) => html`<li key=${item.id} data-key=${item.id}><span class="label">${item.label}</span> <input placeholder="type here" /></li>`,
          )}
        </ul>
      </main>
    `;
  }
}
