/**
 * Linked windows for page scripts: `tether.openWindow`, `emitToParent`, `sendToChild`,
 * `broadcastToChildren`, `onChildMessage`, `onParentMessage` and the rest (windows-api.ts). A
 * script of its own, loaded right after the runtime on routes with `windows: true`, so the
 * runtime every page loads stays small.
 */
import type { TetherPage } from "./page-api.js";
import { addWindows } from "./windows-api.js";

addWindows(window.tether as TetherPage);
