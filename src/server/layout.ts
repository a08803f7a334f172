import { escapeAttr, escapeText } from "../html/escape.js";

/** The parts of a page that a layout arranges. */
export interface PageParts {
  title: string;
  /** The requested path, without the query (`/users/7`): for a layout that marks the current page in its navigation. */
  path: string;
  /** Extra `<head>` markup of the route (trusted: it comes from your code). */
  head: string;
  /** The `<script>` tag that loads the runtime; put it before scripts that use `window.tether`. */
  script: string;
  /** The root element with the server-rendered first paint; must appear once in the page. */
  root: string;
  /**
   * With the `csp` option, the page's nonce: a `<script>` of the layout's own needs
   * `nonce="${page.nonce}"` to run. "" without it.
   */
  nonce: string;
}

/** Builds a whole HTML document around a rendered page. */
export type Layout = (page: PageParts) => string;

/**
 * The layout of a page unless `TetherOptions.layout` gives another: a plain HTML5 document. A
 * layout of yours may call it with parts of its own (a stylesheet added to `head`, a header
 * before `root`).
 */
export const defaultLayout: Layout = (page) =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeText(page.title)}</title>
${page.script}
${page.head}
</head>
<body>
${page.root}
</body>
</html>
`;

/** The root element the runtime looks for, carrying what it needs to join: the session's id and its join token. */
export function rootElement(sessionId: string, token: string, base: string, html: string): string {
  return `<div data-tether-root data-tether-session="${escapeAttr(sessionId)}" data-tether-token="${escapeAttr(token)}" data-tether-base="${escapeAttr(base)}">${html}</div>`;
}

/**
 * Not deferred: the runtime is small, and loading it first means `window.tether` exists for
 * every later script (calls made before the connection is ready are queued).
 */
export function scriptTag(base: string, dev: boolean, auroraview = false, nonce = ""): string {
  return `<script src="${escapeAttr(base)}/${dev ? "tether.dev.js" : "tether.js"}"${nonce === "" ? "" : ` nonce="${escapeAttr(nonce)}"`}${auroraview ? " data-alias=\"auroraview\"" : ""}></script>`;
}
