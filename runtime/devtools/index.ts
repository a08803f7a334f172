/**
 * `tether-devtools`, development only: the panel `tether.devtools()` (or Alt+Shift+T) opens, a
 * preact app (panel.tsx). It reads what the development runtime records (dev-hooks.ts): the
 * connection, each event and the patch batch that answered it, the requests waiting for an
 * answer; while it is open the session sends its component tree and each event's server time
 * (DevWatch, DevReport); and it sets the latency simulator. It lives in a shadow root outside
 * the live root, so no patch and no page style reaches it. Never built for production, never
 * loaded by a production page.
 */
import { h, render } from "preact";
import type { TetherPage } from "../page-api.js";
import type {} from "../dev-hooks.js";
import { Panel } from "./panel.js";

const STYLE = `
:host { all: initial; }
:host([hidden]) { display: none; }
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
details > summary { cursor: pointer; }
.fields { padding-left: 14px; }
.component > summary .name { color: #8cf; }
.key { color: #c9a; }
`;

// The development runtime's records: its own module instance, not a copy bundled here.
const devHooks = window.__tetherDevHooks!;

let host: HTMLElement | null = null;
let root: HTMLElement | null = null;
let scheduled = 0;
let ticker = 0;

function open(): void {
  if (host === null) build();
  host!.hidden = false;
  devHooks.changed = schedule;
  ticker = window.setInterval(schedule, 500); // time left of pending requests
  devHooks.watch(true);
  draw();
}

function close(): void {
  if (host !== null) host.hidden = true;
  devHooks.changed = null;
  clearInterval(ticker);
  devHooks.watch(false);
}

function build(): void {
  host = document.createElement("tether-devtools");
  host.id = "tether-devtools";
  const shadow = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = STYLE;
  root = document.createElement("div");
  shadow.append(style, root);
  document.body.appendChild(host);
}

function schedule(): void {
  if (scheduled === 0) scheduled = requestAnimationFrame(draw);
}

function draw(): void {
  scheduled = 0;
  if (root === null) return;
  render(h(Panel, { tether: window.tether as TetherPage, hooks: devHooks, now: performance.now(), close }), root);
}

window.__tetherDevtools = { open, close, toggle: () => (host === null || host.hidden ? open() : close()) };
