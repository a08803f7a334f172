/**
 * The /table operations in plain JavaScript, in the page, with no server: the browser-side
 * floor Tether's /table is measured against in Chromium. Written in the manner of
 * js-framework-benchmark's `vanillajs-keyed`: every row is a clone of one `<template>` row whose
 * text nodes are filled in place, rows are kept by id beside their `<tr>`, and each operation
 * touches exactly the nodes it changes. The markup is examples/table.ts's (rows straight in the
 * `<table>`, no `<tbody>`, `class=""` and `data-id` as Tether renders them) and the labels come
 * from the same word lists (examples/table-rows.ts, bundled into this script).
 *
 * Bundled by bench/pages/server.ts into the page it serves at /table-vanilla.
 */
import { buildRows, type Row } from "../../examples/table-rows.js";

/** A row on the page: its data, its `<tr>` and the label's text node. */
interface RowEntry {
  id: number;
  label: string;
  tr: HTMLTableRowElement;
  labelText: Text;
}

const ROW = document.createElement("template");
// The placeholders (" ") give the clone the text nodes that are then filled in place.
ROW.innerHTML = '<tr class=""><td class="col-id"> </td><td class="col-label"><a class="lbl"> </a></td><td class="col-remove"><a class="remove">×</a></td><td class="col-spacer"></td></tr>';
const rowTemplate = ROW.content.firstChild as HTMLTableRowElement;

const table = document.querySelector("table.rows") as HTMLTableElement;
const tableParent = table.parentNode!;
let rows: RowEntry[] = [];
let selected: HTMLTableRowElement | null = null;
let nextId = 1;

function createRow(row: Row): RowEntry {
  const tr = rowTemplate.cloneNode(true) as HTMLTableRowElement;
  const idCell = tr.firstChild!;
  const label = idCell.nextSibling!.firstChild as HTMLAnchorElement;
  const remove = tr.childNodes[2].firstChild as HTMLAnchorElement;
  const id = String(row.id);
  idCell.firstChild!.nodeValue = id;
  const labelText = label.firstChild as Text;
  labelText.nodeValue = row.label;
  label.setAttribute("data-id", id);
  remove.setAttribute("data-id", id);
  return { id: row.id, label: row.label, tr, labelText };
}

function appendRows(count: number): void {
  const added = buildRows(nextId, count);
  nextId += count;
  // An empty table is taken out of the document while it fills: one insertion instead of `count`.
  const empty = rows.length === 0;
  if (empty) table.remove();
  for (let i = 0; i < added.length; i++) {
    const entry = createRow(added[i]);
    rows.push(entry);
    table.appendChild(entry.tr);
  }
  if (empty) tableParent.appendChild(table);
}

function clearRows(): void {
  table.textContent = "";
  rows = [];
  selected = null;
}

function update(): void {
  for (let i = 0; i < rows.length; i += 10) {
    const entry = rows[i];
    entry.label += " !!!";
    entry.labelText.nodeValue = entry.label;
  }
}

function swapRows(): void {
  if (rows.length <= 998) return;
  const a = rows[1];
  const b = rows[998];
  const afterA = a.tr.nextSibling;
  table.insertBefore(a.tr, b.tr);
  table.insertBefore(b.tr, afterA);
  rows[1] = b;
  rows[998] = a;
}

function select(tr: HTMLTableRowElement): void {
  if (selected !== null) selected.className = "";
  tr.className = "danger";
  selected = tr;
}

function remove(tr: HTMLTableRowElement): void {
  for (let i = 0; i < rows.length; i++) {
    if (rows[i].tr !== tr) continue;
    tr.remove();
    rows.splice(i, 1);
    if (selected === tr) selected = null;
    return;
  }
}

const BUTTONS: Record<string, () => void> = {
  run: () => (clearRows(), appendRows(1000)),
  runlots: () => (clearRows(), appendRows(10000)),
  add: () => appendRows(1000),
  update,
  clear: clearRows,
  swaprows: swapRows,
};
for (const [id, action] of Object.entries(BUTTONS)) document.getElementById(id)!.addEventListener("click", action);

// One listener for every row, as vanillajs-keyed has: a row's label selects it, its × removes it.
table.addEventListener("click", (event) => {
  const target = event.target as Element;
  const tr = target.closest("tr");
  if (tr === null) return;
  if (target.matches("a.lbl")) select(tr);
  else if (target.matches("a.remove")) remove(tr);
});

document.documentElement.classList.add("bench-ready");
