/**
 * LiveViewJS's benchmark server: the counter and the table of Tether's examples written as
 * LiveViewJS LiveViews (same operations, same markup, `phx-click` where Tether has
 * `onClick`, `phx-value-id` where Tether has `data-id`), served the way the
 * @liveviewjs/express README sets it up: Express with express-session for the page GET, and
 * a `ws` server on /live/websocket speaking Phoenix LiveView's channel protocol.
 *
 * `/table?rows=N` starts the table with N rows (for the cost of a one-row update as it grows).
 * `/room` is Tether's `Room` of bench/servers/tether-pubsub.ts written with LiveViewJS's own
 * pub/sub (its in-process `SingleProcessPubSub`, the server's default): a tab subscribes to one
 * topic when it connects, shows the last message, and its `send` broadcasts last + 1.
 *
 * Loopback only: LiveViewJS fetches a MIME database from the internet when it loads, so
 * `fetch` is replaced first by one that refuses every non-loopback address.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { applyTableEvent, buildRows, type Row, type TableState } from "./table-data.js";
import { serveControl } from "./control.js";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
const realFetch = globalThis.fetch;
globalThis.fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  if (!LOOPBACK.has(url.hostname)) throw new Error(`benchmark: refused to fetch ${url.origin} (loopback only)`);
  return realFetch(input, init);
};

// Imported only now, after fetch is guarded: the MIME database is fetched at module load.
const { BaseLiveView, html, safe, SingleProcessPubSub } = await import("liveviewjs");
type LiveViewSocket<C extends object> = import("liveviewjs").LiveViewSocket<C>;
type LiveViewTemplate = import("liveviewjs").LiveViewTemplate;
const { NodeExpressLiveViewServer } = await import("@liveviewjs/express");
const { default: express } = await import("express");
const { default: session } = await import("express-session");

interface CounterContext {
  count: number;
}

class CounterView extends BaseLiveView<CounterContext, { type: "inc" | "dec" }> {
  mount(socket: LiveViewSocket<CounterContext>): void {
    socket.assign({ count: 0 });
  }

  handleEvent(event: { type: "inc" | "dec" }, socket: LiveViewSocket<CounterContext>): void {
    socket.assign({ count: socket.context.count + (event.type === "inc" ? 1 : -1) });
  }

  render(context: CounterContext): LiveViewTemplate {
    return html`<main><h1>Counter</h1><p><button id="dec" phx-click="dec">−</button><output id="count">${context.count}</output><button id="inc" phx-click="inc">+</button></p><p><a href="/">← all examples</a></p></main>`;
  }
}

type TableEvent = { type: string; id?: string };

class TableView extends BaseLiveView<TableState, TableEvent> {
  mount(socket: LiveViewSocket<TableState>): void {
    socket.assign({ rows: [], selected: 0, nextId: 1 });
  }

  handleParams(url: URL, socket: LiveViewSocket<TableState>): void {
    const rows = Number(url.searchParams.get("rows") ?? 0);
    if (rows > 0 && socket.context.rows.length === 0) socket.assign({ rows: buildRows(1, rows), nextId: rows + 1 });
  }

  handleEvent(event: TableEvent, socket: LiveViewSocket<TableState>): void {
    socket.assign(applyTableEvent(socket.context, event.type, Number(event.id ?? 0)));
  }

  render(context: TableState): LiveViewTemplate {
    const { rows, selected } = context;
    return html`<main><h1>Table</h1><p><button id="run" phx-click="run">Create 1,000 rows</button><button id="runlots" phx-click="runlots">Create 10,000 rows</button><button id="add" phx-click="add">Append 1,000 rows</button><button id="update" phx-click="update">Update every 10th row</button><button id="clear" phx-click="clear">Clear</button><button id="swaprows" phx-click="swaprows">Swap rows</button></p><table class="rows">${rows.map((row: Row) => tableRow(row, row.id === selected))}</table><p><a href="/">← all examples</a></p></main>`;
  }
}

const ROOM_TOPIC = "bench:room";

interface RoomContext {
  last: number;
}

type RoomMessage = { type: "message"; last: number };

class RoomView extends BaseLiveView<RoomContext, { type: "send" }, RoomMessage> {
  async mount(socket: LiveViewSocket<RoomContext>): Promise<void> {
    socket.assign({ last: 0 });
    // The page GET mounts too (socket.connected is false there); only a joined tab listens.
    if (socket.connected) await socket.subscribe(ROOM_TOPIC);
  }

  async handleEvent(_event: { type: "send" }, socket: LiveViewSocket<RoomContext>): Promise<void> {
    await pubSub.broadcast(ROOM_TOPIC, { type: "message", last: socket.context.last + 1 } satisfies RoomMessage);
  }

  handleInfo(info: RoomMessage, socket: LiveViewSocket<RoomContext>): void {
    socket.assign({ last: info.last });
  }

  render(context: RoomContext): LiveViewTemplate {
    return html`<p><output id="last">${context.last}</output><button id="send" phx-click="send">send</button></p>`;
  }
}

function tableRow(row: Row, selected: boolean): LiveViewTemplate {
  return html`<tr class="${selected ? "danger" : ""}"><td class="col-id">${row.id}</td><td class="col-label"><a class="lbl" phx-click="select" phx-value-id="${row.id}">${row.label}</a></td><td class="col-remove"><a class="remove" phx-click="remove" phx-value-id="${row.id}">×</a></td><td class="col-spacer"></td></tr>`;
}

// The page around a LiveView, as in the README; no client script, since no browser runs it here.
const pageTemplate = (title: { title: string }, csrfToken: string, content: LiveViewTemplate): LiveViewTemplate => html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${csrfToken}">
<title>${title.title}</title>
</head>
<body>
${safe(content)}
</body>
</html>
`;

// The server's default pub/sub, made here so that the room can broadcast from its handler.
const pubSub = new SingleProcessPubSub();
const liveView = new NodeExpressLiveViewServer({ "/counter": new CounterView(), "/table": new TableView(), "/room": new RoomView() }, pageTemplate, { title: "LiveViewJS" }, {
  serDeSigningSecret: "benchmark-secret",
  pubSub,
});

const app = express();
app.use(session({ secret: "benchmark-secret", resave: false, saveUninitialized: true }));
app.use(liveView.httpMiddleware());

const server = createServer(app);
const wss = new WebSocketServer({ server, path: "/live/websocket" });
await liveView.wsMiddleware()(wss);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

serveControl((server.address() as AddressInfo).port, () => wss.clients.size);
