/**
 * `window.auroraview`: the page bridge under AuroraView's names and with its behaviour
 * (auroraview-alias.ts), for page code and client libraries written for it. A script of its
 * own, loaded right after the runtime on routes with `auroraview: true`, so the runtime every
 * page loads stays small.
 */
import { auroraViewAlias, type AuroraViewAlias } from "./auroraview-alias.js";
import type { TetherPage } from "./page-api.js";

declare global {
  interface Window {
    auroraview?: AuroraViewAlias;
  }
}

// The methods bound when the page was rendered (layout.ts), until the join says what they are now.
const methods = document.currentScript?.getAttribute("data-methods");
window.auroraview = auroraViewAlias(window.tether as TetherPage, methods ? (JSON.parse(methods) as string[]) : []);
