import { escapeAttr, escapeText } from "../render/escape.js";

/** The parts of a page that a layout arranges. */
export interface PageParts {
  title: string;
  /** Extra `<head>` markup of the route (trusted: it comes from your code). */
  head: string;
  /** The `<script>` tag that loads the runtime. */
  script: string;
  /** The root element with the server-rendered first paint; must appear once in the page. */
  root: string;
}

/** Builds a whole HTML document around a rendered page. */
export type Layout = (page: PageParts) => string;

export const defaultLayout: Layout = (page) =>
  `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(page.title)}</title>
${page.head}
${page.script}
</head>
<body>
${page.root}
</body>
</html>
`;

/** The root element the runtime looks for, carrying what it needs to join. */
export function rootElement(sessionId: string, base: string, html: string): string {
  return `<div data-tether-root data-tether-session="${escapeAttr(sessionId)}" data-tether-base="${escapeAttr(base)}">${html}</div>`;
}

export function scriptTag(base: string, dev: boolean): string {
  return `<script src="${escapeAttr(base)}/${dev ? "tether.dev.js" : "tether.js"}" defer></script>`;
}
