import { Component, html, type LiveEvent } from "../src/index.js";

interface Row {
  id: number;
  label: string;
}

// The word lists of js-framework-benchmark, so labels look like the ones peers are measured with.
const ADJECTIVES = ["pretty", "large", "big", "small", "tall", "short", "long", "handsome", "plain", "quaint", "clean", "elegant", "easy", "angry", "crazy", "helpful", "mushy", "odd", "unsightly", "adorable", "important", "inexpensive", "cheap", "expensive", "fancy"];
const COLOURS = ["red", "yellow", "blue", "green", "pink", "brown", "purple", "brown", "white", "black", "orange"];
const NOUNS = ["table", "chair", "house", "bbq", "desk", "car", "pony", "cookie", "sandwich", "burger", "pizza", "mouse", "keyboard"];

const pick = (words: string[]) => words[Math.floor(Math.random() * words.length)];

/**
 * One table row. A function component: when its props are equal (same row object, same
 * selection) it is not re-rendered, so an update touches only the rows that changed.
 */
function TableRow({ row, selected, onSelect, onRemove }: { row: Row; selected: boolean; onSelect: (e: LiveEvent) => void; onRemove: (e: LiveEvent) => void }) {
  return html`
    <tr class=${selected ? "danger" : ""}>
      <td class="col-id">${row.id}</td>
      <td class="col-label"><a class="lbl" data-id=${row.id} onClick=${onSelect}>${row.label}</a></td>
      <td class="col-remove"><a class="remove" data-id=${row.id} onClick=${onRemove}>×</a></td>
      <td class="col-spacer"></td>
    </tr>
  `;
}

/** The standard js-framework-benchmark operations, run on the server. */
export class Table extends Component<Record<string, never>, { rows: Row[]; selected: number }> {
  state = { rows: [] as Row[], selected: 0 };
  private nextId = 1;

  private build(count: number): Row[] {
    const rows: Row[] = new Array(count);
    for (let i = 0; i < count; i++) rows[i] = { id: this.nextId++, label: `${pick(ADJECTIVES)} ${pick(COLOURS)} ${pick(NOUNS)}` };
    return rows;
  }

  run() {
    this.setState({ rows: this.build(1000), selected: 0 });
  }

  runLots() {
    this.setState({ rows: this.build(10000), selected: 0 });
  }

  add() {
    this.setState({ rows: this.state.rows.concat(this.build(1000)) });
  }

  update() {
    const rows = this.state.rows.slice();
    for (let i = 0; i < rows.length; i += 10) rows[i] = { ...rows[i], label: rows[i].label + " !!!" };
    this.setState({ rows });
  }

  clear() {
    this.setState({ rows: [], selected: 0 });
  }

  swapRows() {
    const rows = this.state.rows.slice();
    if (rows.length > 998) [rows[1], rows[998]] = [rows[998], rows[1]];
    this.setState({ rows });
  }

  select(event: LiveEvent) {
    this.setState({ selected: event.data.id as number });
  }

  remove(event: LiveEvent) {
    this.setState({ rows: this.state.rows.filter((row) => row.id !== event.data.id) });
  }

  render() {
    const { rows, selected } = this.state;
    return html`
      <main>
        <h1>Table</h1>
        <p>
          <button id="run" onClick=${this.run}>Create 1,000 rows</button>
          <button id="runlots" onClick=${this.runLots}>Create 10,000 rows</button>
          <button id="add" onClick=${this.add}>Append 1,000 rows</button>
          <button id="update" onClick=${this.update}>Update every 10th row</button>
          <button id="clear" onClick=${this.clear}>Clear</button>
          <button id="swaprows" onClick=${this.swapRows}>Swap rows</button>
        </p>
        <table class="rows">
          ${rows.map((row) => html`<${TableRow} key=${row.id} row=${row} selected=${row.id === selected} onSelect=${this.select} onRemove=${this.remove} />`)}
        </table>
        <p><a href="/">← all examples</a></p>
      </main>
    `;
  }
}
