import { html, type Renderable, type VNode } from "../src/index.js";

/** A cell that spans columns or rows; `content` is text or any component. */
export interface SpanCell {
  content: Renderable;
  colspan?: number;
  rowspan?: number;
  /** A header cell (`<th>`) in the body: a row's title. */
  header?: boolean;
}

/** One cell: text, a number, a component (any Renderable), or a SpanCell. */
export type Cell = Renderable | SpanCell;

/** A column of a table from objects: the key read from each object and its header. */
export interface TableColumn<T> {
  key: keyof T & string;
  header?: Cell;
}

/** Props of Table. */
export interface TableProps<T = Record<string, unknown>> {
  /** The rows as lists of cells (a spanned cell's neighbours are left out, as in HTML)… */
  rows?: readonly (readonly Cell[])[];
  /** …or as objects: one row each, a column per key (of `columns`, else of the first object). */
  data?: readonly T[];
  columns?: readonly (TableColumn<T> | (keyof T & string))[];
  /** The header row(s): one list of cells, or several for spanned headers. Default with `data`: the keys. */
  header?: readonly Cell[] | readonly (readonly Cell[])[];
  caption?: string;
  id?: string;
  class?: string;
}

function isSpanCell(cell: Cell): cell is SpanCell {
  return typeof cell === "object" && cell !== null && !Array.isArray(cell) && "content" in cell && !("flags" in cell);
}

function renderCell(cell: Cell, header: boolean): Renderable {
  if (!isSpanCell(cell)) return header ? html`<th scope="col">${cell}</th>` : html`<td>${cell}</td>`;
  const th = header || cell.header === true;
  return th
    ? html`<th colspan=${cell.colspan} rowspan=${cell.rowspan} scope=${header ? ((cell.colspan ?? 1) > 1 ? "colgroup" : "col") : "row"}>${cell.content}</th>`
    : html`<td colspan=${cell.colspan} rowspan=${cell.rowspan}>${cell.content}</td>`;
}

function headerRows(header: TableProps<any>["header"]): readonly (readonly Cell[])[] {
  if (header === undefined || header.length === 0) return [];
  return Array.isArray(header[0]) ? (header as readonly (readonly Cell[])[]) : [header as readonly Cell[]];
}

/**
 * A table from rows of cells or from objects, with header rows, column and row spans, and cells
 * that are components: PyWebIO's `put_table`.
 *
 *   html`<${Table} header=${["Name", "Age"]} rows=${[["Ada", 36], [{ content: "n/a", colspan: 2 }]]} />`
 *   html`<${Table} data=${people} columns=${["name", { key: "age", header: "Age (years)" }]} />`
 */
export function Table<T = Record<string, unknown>>(props: TableProps<T>): VNode {
  let rows = props.rows ?? [];
  let header = props.header;
  if (props.data !== undefined) {
    const first = props.data[0] as Record<string, unknown> | undefined;
    const columns = (props.columns ?? (first === undefined ? [] : Object.keys(first))).map((c) => (typeof c === "string" ? { key: c, header: c } : c)) as TableColumn<T>[];
    rows = props.data.map((item) => columns.map((c) => item[c.key] as Cell));
    header ??= columns.map((c) => c.header ?? c.key);
  }
  const head = headerRows(header);
  return html`<div class=${["tether-table-wrap", props.class]}><table class="tether-table" id=${props.id}>
    ${props.caption ? html`<caption>${props.caption}</caption>` : null}
    ${head.length > 0 ? html`<thead>${head.map((row) => html`<tr>${row.map((c) => renderCell(c, true))}</tr>`)}</thead>` : null}
    <tbody>${rows.map((row) => html`<tr>${row.map((c) => renderCell(c, false))}</tr>`)}</tbody>
  </table></div>` as VNode;
}
