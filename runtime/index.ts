/**
 * The browser runtime: finds the live root that the server rendered, joins its session and
 * keeps the page in step with the server. Exposed to page scripts as `window.tether`.
 */
import { Runtime, type TetherPage } from "./runtime.js";

declare global {
  interface Window {
    tether?: TetherPage;
  }
}

function boot(): void {
  const root = document.querySelector("[data-tether-root]");
  if (root === null) return;
  window.tether = new Runtime(root).page;
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
