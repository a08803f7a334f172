/**
 * The browser runtime. Loaded before the page's own scripts: it defines `window.tether` at
 * once (calls made before the connection is ready are queued), then, when the document is
 * parsed, finds the live root the server rendered, joins its session and keeps the page in
 * step with the server.
 */
import { Bridge } from "./bridge.js";
import { auroraViewAlias, type AuroraViewAlias, type TetherPage } from "./page-api.js";
import { Runtime } from "./runtime.js";

declare global {
  interface Window {
    tether?: TetherPage;
    auroraview?: AuroraViewAlias;
  }
}

let runtime: Runtime | null = null;
const bridge = new Bridge(() => ({
  status: runtime?.status ?? "connecting",
  sessionId: runtime?.sessionId ?? null,
  transport: runtime?.transport ?? "websocket",
}));
window.tether = bridge.page;
if ((document.currentScript as HTMLScriptElement | null)?.dataset.alias === "auroraview") {
  window.auroraview = auroraViewAlias(bridge.page, bridge);
}

function boot(): void {
  const root = document.querySelector("[data-tether-root]");
  if (root === null) return;
  runtime = new Runtime(root, bridge);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
else boot();
