/**
 * The browser runtime. Loaded before the page's own scripts: it defines `window.tether` at
 * once (calls made before the connection is ready are queued), then, when the document is
 * parsed, finds the live root the server rendered, joins its session and keeps the page in
 * step with the server.
 */
import { Bridge } from "./bridge.js";
import type { TetherPage } from "./page-api.js";
import { Runtime } from "./runtime.js";
import { devInstall } from "./dev-hooks.js";

declare const DEV: boolean;

declare global {
  interface Window {
    tether?: TetherPage;
  }
}

let runtime: Runtime | null = null;
const bridge = new Bridge(() => runtime);
window.tether = bridge.page;
if (DEV) devInstall(bridge.page, () => document.querySelector("[data-tether-root]")?.getAttribute("data-tether-base") ?? "/_tether");

function boot(): void {
  const root = document.querySelector("[data-tether-root]");
  if (root === null) return;
  runtime = new Runtime(root, bridge);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
