/**
 * The table example's rows, in a module of their own: examples/table.ts then exports only its
 * component, which `tether dev` swaps in place (a module that exports anything else is executed
 * again with its importers, here the catalog up to the entry: a restart).
 */
export interface Row {
  id: number;
  label: string;
}

// The word lists of js-framework-benchmark, so labels look like the ones peers are measured with.
const ADJECTIVES = ["pretty", "large", "big", "small", "tall", "short", "long", "handsome", "plain", "quaint", "clean", "elegant", "easy", "angry", "crazy", "helpful", "mushy", "odd", "unsightly", "adorable", "important", "inexpensive", "cheap", "expensive", "fancy"];
const COLOURS = ["red", "yellow", "blue", "green", "pink", "brown", "purple", "brown", "white", "black", "orange"];
const NOUNS = ["table", "chair", "house", "bbq", "desk", "car", "pony", "cookie", "sandwich", "burger", "pizza", "mouse", "keyboard"];

const pick = (words: string[]) => words[Math.floor(Math.random() * words.length)];

/** `count` new rows with ids from `firstId`, labelled the js-framework-benchmark way. */
export function buildRows(firstId: number, count: number): Row[] {
  const rows: Row[] = new Array(count);
  for (let i = 0; i < count; i++) rows[i] = { id: firstId + i, label: `${pick(ADJECTIVES)} ${pick(COLOURS)} ${pick(NOUNS)}` };
  return rows;
}
