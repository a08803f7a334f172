/**
 * `tether-devtools`, development only: the panel `tether.devtools()` (or Alt+Shift+T) opens. It
 * reads what the development runtime records (dev-hooks.ts): the connection, each event and the
 * patch batch that answered it, the requests waiting for an answer; and sets the latency
 * simulator. It lives in a shadow root outside the live root, so no patch and no page style
 * reaches it. Never built for production, never loaded by a production page.
 */
import type { TetherPage } from "../page-api.js";
import type {} from "../dev-hooks.js";
import { lastRoundTrip, pendingRequests, summarizeEvents } from "./summary.js";

const STYLE = `
:host { all: initial; }
.panel { position: fixed; right: 8px; bottom: 8px; z-index: 2147483647; width: min(34rem, calc(100vw - 16px)); max-height: 60vh; overflow: auto;
  font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; color: #e8eaed; background: #1e2127ee; border: 1px solid #444; border-radius: 6px; padding: 8px; }
h2 { font-size: 12px; margin: 8px 0 4px; color: #9ab; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 1px 6px 1px 0; white-space: nowrap; }
th { color: #9ab; font-weight: normal; }
.bar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
button, input { font: inherit; }
input { width: 5em; }
.muted { color: #889; }
`;

// The development runtime's records: its own module instance, not a copy bundled here.
const devHooks = window.__tetherDevHooks!;

let host: HTMLElement | null = null;
let body: HTMLElement | null = null;
let scheduled = 0;
let ticker = 0;

function tether(): TetherPage {
  return window.tether as TetherPage;
}

function open(): void {
  if (host === null) build();
  host!.hidden = false;
  devHooks.changed = schedule;
  ticker = window.setInterval(schedule, 500); // time left of pending requests
  render();
}

function close(): void {
  if (host !== null) host.hidden = true;
  devHooks.changed = null;
  clearInterval(ticker);
}

function build(): void {
  host = document.createElement("tether-devtools");
  host.id = "tether-devtools";
  const shadow = host.attachShadow({ mode: "open" });
  shadow.innerHTML = `<style>${STYLE}</style><div class="panel" role="region" aria-label="Tether devtools">
    <div class="bar"><strong>Tether devtools</strong>
      <label>latency <input id="latency" type="number" min="0" step="50" value="${devHooks.latency}"> ms</label>
      <button id="close" type="button">Close</button></div>
    <div id="body"></div></div>`;
  body = shadow.getElementById("body");
  const latency = shadow.getElementById("latency") as HTMLInputElement;
  latency.addEventListener("change", () => tether().latency?.(Number(latency.value)));
  shadow.getElementById("close")!.addEventListener("click", close);
  document.body.appendChild(host);
}

function schedule(): void {
  if (scheduled === 0) scheduled = requestAnimationFrame(render);
}

function render(): void {
  scheduled = 0;
  if (body === null) return;
  const t = tether();
  const log = devHooks.log;
  const events = summarizeEvents(log);
  const pending = pendingRequests(log, devHooks.callTimeouts, performance.now());
  const rtt = lastRoundTrip(events);
  let html = `<h2>Connection</h2><table><tr><th>status</th><td id="status">${esc(t.status)}</td><th>transport</th><td id="transport">${esc(t.transport)}</td>
    <th>round trip</th><td id="rtt">${rtt === null ? "–" : `${rtt} ms`}</td><th>latency</th><td id="latency-now">${devHooks.latency} ms</td></tr></table>`;
  html += `<h2>Events and their patches</h2>`;
  html += events.length === 0
    ? `<p class="muted">No event yet.</p>`
    : `<table id="events"><tr><th>#</th><th>event</th><th>node</th><th>ops</th><th>bytes</th><th>round trip</th></tr>${events.map((r) => `<tr data-e="${r.e}"><td>${r.e}</td><td class="name">${esc(r.name)}</td><td>${r.node ?? "page"}</td>
        <td class="ops">${r.error !== null ? `error ${esc(r.error)}` : (r.ops ?? "…")}</td><td class="bytes">${r.bytes ?? "…"}</td><td>${r.rtt === null ? "waiting" : `${r.rtt} ms`}</td></tr>`).join("")}</table>`;
  html += `<h2>Pending requests</h2>`;
  html += pending.length === 0
    ? `<p class="muted">None.</p>`
    : `<table id="pending"><tr><th>kind</th><th>id</th><th>what</th><th>time left</th></tr>${pending.map((p) => `<tr><td>${p.kind}</td><td>${p.id}</td><td>${esc(p.what)}</td><td>${p.left === null ? "no timeout" : `${p.left} ms`}</td></tr>`).join("")}</table>`;
  html += `<p class="muted">Bytes are each message's JSON; the component tree is not shown (the server does not send it).</p>`;
  body.innerHTML = html;
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

window.__tetherDevtools = { open, close, toggle: () => (host === null || host.hidden ? open() : close()) };
