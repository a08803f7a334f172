import { defaultLayout, type Layout } from "tether-live";

/** A page of the gallery as its header shows it. */
export interface GalleryPage {
  path: string;
  title: string;
  /** The URL of its source, linked as "Source". */
  source: string;
}

/**
 * The gallery's layout: Tether's default document, with the gallery's stylesheets in the head and
 * a header before the page: the project's name (a link to the gallery), the navigation between
 * the examples with the current one marked, and a link to the page's source. The headers are
 * made once, per page: the entries are the gallery's own constants, trusted as a route's `head` is.
 */
export function galleryLayout(options: { stylesheets: readonly string[]; home: GalleryPage; examples: readonly GalleryPage[] }): Layout {
  const { stylesheets, home, examples } = options;
  const headers = new Map<string, string>();
  for (const current of [home, ...examples]) headers.set(current.path, header(current, home, examples));
  const link = stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join("");
  return (page) => {
    // The router also matches a path with a trailing slash ("/counter/").
    const path = page.path.length > 1 && page.path.endsWith("/") ? page.path.slice(0, -1) : page.path;
    return defaultLayout({ ...page, head: link + page.head, root: (headers.get(path) ?? header(null, home, examples)) + page.root });
  };
}

/** The header of `current` (null: a page the gallery does not list). */
function header(current: GalleryPage | null, home: GalleryPage, examples: readonly GalleryPage[]): string {
  const here = (page: GalleryPage) => (page === current ? ` aria-current="page"` : "");
  let nav = "";
  for (const page of examples) nav += `<a href="${page.path}"${here(page)}>${page.title}</a>`;
  const source = current === null ? "" : `<a class="source-link" href="${current.source}">Source</a>`;
  return `<header class="site-header"><div class="site-header-inner"><a class="brand" href="${home.path}"${here(home)}>Tether</a><nav class="site-nav" aria-label="Examples">${nav}</nav>${source}</div></header>`;
}
