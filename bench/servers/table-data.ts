/**
 * Rows for the table pages of the peers (LiveViewJS, the whole-HTML baseline) and for
 * Tether's pre-filled table: the rows of examples/table.ts (js-framework-benchmark's word
 * lists), so every server sends labels of the same lengths.
 */
import { buildRows, type Row } from "../../examples/table-rows.js";

export { buildRows, type Row };

/** The table operations of examples/table.ts, on plain state, for the peers' servers. */
export interface TableState {
  rows: Row[];
  selected: number;
  nextId: number;
}

/** Applies one named operation (a button of the page, or a row's select/remove) to `state`. */
export function applyTableEvent(state: TableState, event: string, id: number): TableState {
  switch (event) {
    case "run":
      return { rows: buildRows(state.nextId, 1000), selected: 0, nextId: state.nextId + 1000 };
    case "runlots":
      return { rows: buildRows(state.nextId, 10000), selected: 0, nextId: state.nextId + 10000 };
    case "add":
      return { ...state, rows: state.rows.concat(buildRows(state.nextId, 1000)), nextId: state.nextId + 1000 };
    case "update": {
      const rows = state.rows.slice();
      for (let i = 0; i < rows.length; i += 10) rows[i] = { ...rows[i], label: rows[i].label + " !!!" };
      return { ...state, rows };
    }
    case "clear":
      return { ...state, rows: [], selected: 0 };
    case "swaprows": {
      const rows = state.rows.slice();
      if (rows.length > 998) [rows[1], rows[998]] = [rows[998], rows[1]];
      return { ...state, rows };
    }
    case "select":
      return { ...state, selected: id };
    case "remove":
      return { ...state, rows: state.rows.filter((row) => row.id !== id) };
    default:
      throw new Error(`unknown table event ${event}`);
  }
}
