import { escapeAttr } from "../html/escape.js";
import { html } from "../template/html.js";
import { raw, type TrustedHtml } from "../template/raw.js";
import type { Child, VNode } from "../vnode/vnode.js";

export type { TrustedHtml } from "../template/raw.js";

/**
 * The parts of a page that a layout arranges. `head`, `script` and `root` are markup Tether
 * trusts (TrustedHtml): put in an `html` template they are inserted as they are, put in a
 * string they are their HTML. The title is text: a template escapes it, a string layout must.
 */
export interface PageParts {
  title: string;
  /** The requested path, without the query (`/users/7`): for a layout that marks the current page in its navigation. */
  path: string;
  /** Extra `<head>` markup of the route: its `head` (trusted: it comes from your code) and its `scripts`. */
  head: TrustedHtml;
  /** The `<script>` tag that loads the runtime; put it before scripts that use `window.tether`. */
  script: TrustedHtml;
  /** The root element with the server-rendered first paint; must appear once in the page. */
  root: TrustedHtml;
  /**
   * With the `csp` option, the page's nonce: a `<script>` of the layout's own needs
   * `nonce=${page.nonce}` to run. "" without it.
   */
  nonce: string;
}

/**
 * Builds a whole HTML document around a rendered page: an `html` template of the `<html>`
 * element (Tether writes the doctype before it, and escapes as in every template), or a string
 * of the whole document (then escaping the title is the layout's job).
 */
export type Layout = (page: PageParts) => VNode | VNode[] | string;

/**
 * The parts `defaultLayout` takes: a page's own, or a layout's changed ones. A string part is
 * taken as trusted markup, as a route's `head` is; a template is rendered as templates are.
 */
export interface LayoutParts extends Omit<PageParts, "head" | "script" | "root"> {
  head: Child;
  script: Child;
  root: Child;
}

/**
 * The layout of a page unless `TetherOptions.layout` gives another: a plain HTML5 document. A
 * layout of yours may call it with parts of its own (a stylesheet added to `head`, a header
 * before `root`).
 */
export function defaultLayout(page: LayoutParts): VNode {
  return html`<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="icon" href="data:," />
<title>${page.title}</title>
${trusted(page.script)}
${trusted(page.head)}
</head>
<body>
${trusted(page.root)}
</body>
</html>` as VNode;
}

function trusted(part: Child): Child {
  return typeof part === "string" ? raw.trusted(part) : part;
}

/** The root element the runtime looks for, carrying what it needs to join: the session's id and its join token. */
export function rootElement(sessionId: string, token: string, base: string, html: string): string {
  return `<div data-tether-root data-tether-session="${escapeAttr(sessionId)}" data-tether-token="${escapeAttr(token)}" data-tether-base="${escapeAttr(base)}">${html}</div>`;
}

/**
 * Not deferred: the runtime is small, and loading it first means `window.tether` exists for
 * every later script (calls made before the connection is ready are queued). With `auroraview`
 * (the methods the page may call), the script that adds `window.auroraview` follows it,
 * carrying them: its `auroraview.api.*` functions exist before the page has joined, as
 * AuroraView's do when page scripts run. With `navigation`, the live navigation script comes
 * deferred (it needs the document's links, not the first paint). With `lists`, the builder of
 * rows from shapes (runtime/lists.ts).
 */
export function scriptTag(base: string, dev: boolean, auroraview?: readonly string[], nonce = "", navigation = false, windows = false, lists = false): string {
  const attrs = nonce === "" ? "" : ` nonce="${escapeAttr(nonce)}"`;
  const src = (name: string) => `${escapeAttr(base)}/${name}${dev ? ".dev" : ""}.js`;
  let tags = `<script src="${src("tether")}"${attrs}></script>`;
  // The builder of a list's rows from shapes: before the page joins, as its session sends them from the start.
  if (lists) tags += `<script src="${src("tether-lists")}"${attrs}></script>`;
  if (auroraview !== undefined) tags += `<script src="${src("tether-auroraview")}" data-methods="${escapeAttr(JSON.stringify(auroraview))}"${attrs}></script>`;
  // Linked windows' page calls (route option `windows`), after the alias, which reaches them when called.
  if (windows) tags += `<script src="${src("tether-windows")}"${attrs}></script>`;
  if (navigation) tags += `<script src="${src("tether-nav")}" defer${attrs}></script>`;
  return tags;
}

/** The uploads' page script, for a page whose components declared an upload (deferred: it waits for no one). */
export function uploadScriptTag(base: string, dev: boolean, nonce = ""): string {
  return `<script defer src="${escapeAttr(base)}/tether-upload${dev ? ".dev" : ""}.js"${nonce === "" ? "" : ` nonce="${escapeAttr(nonce)}"`}></script>`;
}

/** The route's page scripts (RouteOptions.scripts) as module script tags, with the page's nonce if it has one. */
export function moduleScripts(urls: readonly string[], nonce: string): string {
  let tags = "";
  for (const url of urls) tags += `<script type="module" src="${escapeAttr(url)}"${nonce === "" ? "" : ` nonce="${escapeAttr(nonce)}"`}></script>`;
  return tags;
}
