/**
 * The "send the whole HTML" baseline: the same counter and table, rendered to an HTML string
 * after every event and sent whole over a WebSocket, as a page that swaps its `innerHTML` on
 * each message would need. No diff at all: what a live-component framework saves is measured
 * against this.
 *
 * Protocol (its own, minimal): `{"join":"/counter"}` or `{"join":"/table?rows=N"}` first,
 * then `{"ev":"inc"}` or `{"ev":"select","id":7}`; every message is answered with the page's
 * whole HTML.
 */
import type { WebSocket } from "ws";
import { applyTableEvent, buildRows, type TableState } from "./table-data.js";
import { serveWebSocket } from "./control.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escape = (value: string | number) => String(value).replace(/[&<>"]/g, (c) => ESCAPES[c]);

interface Page {
  render(): string;
  handle(event: string, id: number): void;
}

class CounterPage implements Page {
  count = 0;
  handle(event: string): void {
    this.count += event === "inc" ? 1 : -1;
  }
  render(): string {
    return `<main><h1>Counter</h1><p><button id="dec">−</button><output id="count">${this.count}</output><button id="inc">+</button></p><p><a href="/">← all examples</a></p></main>`;
  }
}

class TablePage implements Page {
  state: TableState;
  constructor(rows: number) {
    this.state = { rows: buildRows(1, rows), selected: 0, nextId: rows + 1 };
  }
  handle(event: string, id: number): void {
    this.state = applyTableEvent(this.state, event, id);
  }
  render(): string {
    const { rows, selected } = this.state;
    let body = "";
    for (const row of rows) {
      body += `<tr class="${row.id === selected ? "danger" : ""}"><td class="col-id">${row.id}</td><td class="col-label"><a class="lbl" data-id="${row.id}">${escape(row.label)}</a></td><td class="col-remove"><a class="remove" data-id="${row.id}">×</a></td><td class="col-spacer"></td></tr>`;
    }
    return `<main><h1>Table</h1><p><button id="run">Create 1,000 rows</button><button id="runlots">Create 10,000 rows</button><button id="add">Append 1,000 rows</button><button id="update">Update every 10th row</button><button id="clear">Clear</button><button id="swaprows">Swap rows</button></p><table class="rows">${body}</table><p><a href="/">← all examples</a></p></main>`;
  }
}

const PAGE = Symbol("page");
type PageSocket = WebSocket & { [PAGE]?: Page };

function onMessage(this: PageSocket, data: Buffer): void {
  const message = JSON.parse(data.toString()) as { join?: string; ev?: string; id?: number };
  if (message.join !== undefined) {
    const url = new URL(message.join, "http://localhost");
    this[PAGE] = url.pathname === "/counter" ? new CounterPage() : new TablePage(Number(url.searchParams.get("rows") ?? 0));
  } else {
    this[PAGE]!.handle(message.ev!, message.id ?? 0);
  }
  this.send(this[PAGE]!.render());
}

await serveWebSocket(onMessage);
