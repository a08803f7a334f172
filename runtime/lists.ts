/**
 * The builder of shapes' elements (runtime/dom/shape.ts), a script of its own
 * (`tether-lists.js`): loaded after the runtime on the pages the server sends shapes to (those
 * that show a LiveList, or whose route says `lists: true`), before the page joins.
 */
import { buildFromShape } from "./dom/shape.js";

window.__tetherShapes = buildFromShape;
