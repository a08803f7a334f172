import { Component, html, LiveList, type LiveEvent } from "tether-live";
import { buildRows, type Row } from "./table-rows.js";

/**
 * The standard js-framework-benchmark operations, run on the server. The rows are a LiveList:
 * each row renders on its own, so selecting a row or relabelling every 10th re-renders just
 * those rows, and adding or swapping rows diffs the list without touching the rest of the page.
 */
export class Table extends Component {
  private nextId = 1;
  private selected = 0;
  readonly rows = new LiveList<Row>({
    key: (row) => row.id,
    render: (row) => html`
      <tr class=${row.id === this.selected ? "danger" : ""}>
        <td class="col-id">${row.id}</td>
        <td class="col-label"><a class="lbl" data-id=${row.id} onClick=${this.select}>${row.label}</a></td>
        <td class="col-remove"><a class="remove" data-id=${row.id} onClick=${this.remove}>×</a></td>
        <td class="col-spacer"></td>
      </tr>
    `,
  });

  private build(count: number): Row[] {
    const rows = buildRows(this.nextId, count);
    this.nextId += count;
    return rows;
  }

  run() {
    this.selected = 0;
    this.rows.set(this.build(1000));
  }

  runLots() {
    this.selected = 0;
    this.rows.set(this.build(10000));
  }

  add() {
    this.rows.push(...this.build(1000));
  }

  update() {
    const rows = this.rows.items;
    for (let i = 0; i < rows.length; i += 10) this.rows.update(rows[i].id, { ...rows[i], label: rows[i].label + " !!!" });
  }

  clear() {
    this.selected = 0;
    this.rows.set([]);
  }

  swapRows() {
    const rows = this.rows.items.slice();
    if (rows.length > 998) [rows[1], rows[998]] = [rows[998], rows[1]];
    this.rows.set(rows);
  }

  select(event: LiveEvent) {
    const previous = this.selected;
    this.selected = event.data.id as number;
    this.rows.refresh(previous);
    this.rows.refresh(this.selected);
  }

  remove(event: LiveEvent) {
    this.rows.remove(event.data.id as number);
  }

  render() {
    return html`
      <main>
        <h1>Table</h1>
        <p class="lead">The js-framework-benchmark operations, run on the server. Click a label to select its row, × to remove it.</p>
        <p class="toolbar">
          <button id="run" onClick=${this.run}>Create 1,000 rows</button>
          <button id="runlots" onClick=${this.runLots}>Create 10,000 rows</button>
          <button id="add" onClick=${this.add}>Append 1,000 rows</button>
          <button id="update" onClick=${this.update}>Update every 10th row</button>
          <button id="clear" onClick=${this.clear}>Clear</button>
          <button id="swaprows" onClick=${this.swapRows}>Swap rows</button>
        </p>
        <div class="table-wrap"><table class="rows">${this.rows.view}</table></div>
      </main>
    `;
  }
}
