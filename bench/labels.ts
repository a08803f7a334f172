/**
 * The labels of what a benchmark run measures: the same word for the same server (or page) in
 * every scenario, table and chart. Re-exported by results.ts; modules that results.ts itself
 * imports (browser.ts) take them from here.
 */
export const TETHER = "Tether";
export const LIVEVIEWJS = "LiveViewJS";
export const WHOLE_HTML = "whole HTML";
export const ECHO = "raw ws echo";
export const BARE_WS = "bare ws";
/** The /table operations in plain JavaScript in the page, no server (bench/pages/table-vanilla.ts). */
export const VANILLA_JS = "vanilla JS";
/** The dev benchmark's small component (see dev-edit.ts). */
export const DEV_SMALL = "counter (small)";
