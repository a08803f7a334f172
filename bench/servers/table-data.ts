/**
 * Rows for the table pages of the peers (LiveViewJS, the whole-HTML baseline) and for
 * Tether's pre-filled table: the same word lists as examples/table.ts (those of
 * js-framework-benchmark), so every server sends labels of the same lengths.
 */

export interface Row {
  id: number;
  label: string;
}

const ADJECTIVES = ["pretty", "large", "big", "small", "tall", "short", "long", "handsome", "plain", "quaint", "clean", "elegant", "easy", "angry", "crazy", "helpful", "mushy", "odd", "unsightly", "adorable", "important", "inexpensive", "cheap", "expensive", "fancy"];
const COLOURS = ["red", "yellow", "blue", "green", "pink", "brown", "purple", "brown", "white", "black", "orange"];
const NOUNS = ["table", "chair", "house", "bbq", "desk", "car", "pony", "cookie", "sandwich", "burger", "pizza", "mouse", "keyboard"];

const pick = (words: string[]) => words[Math.floor(Math.random() * words.length)];

/** `count` new rows with ids from `firstId`. */
export function buildRows(firstId: number, count: number): Row[] {
  const rows: Row[] = new Array(count);
  for (let i = 0; i < count; i++) rows[i] = { id: firstId + i, label: `${pick(ADJECTIVES)} ${pick(COLOURS)} ${pick(NOUNS)}` };
  return rows;
}

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
