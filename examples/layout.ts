import { defaultLayout, html, type Layout, type VNode } from "tether-live";

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
 * the examples with the current one marked, and a link to the page's source. Each header is an
 * `html` template made once per page (a vnode is immutable, so every request shares it).
 */
export function galleryLayout(options: { stylesheets: readonly string[]; home: GalleryPage; examples: readonly GalleryPage[] }): Layout {
  const { stylesheets, home, examples } = options;
  const headers = new Map<string, VNode>();
  for (const current of [home, ...examples]) headers.set(current.path, header(current, home, examples));
  const other = header(null, home, examples);
  const links = stylesheets.map((href) => html`<link rel="stylesheet" href=${href} />`);
  return (page) => {
    // The router also matches a path with a trailing slash ("/counter/").
    const path = page.path.length > 1 && page.path.endsWith("/") ? page.path.slice(0, -1) : page.path;
    // An example's own pages below its path (/profile/2) are its: the same header, so live
    // navigation between them keeps the document (another header would be a full load).
    const slash = path.indexOf("/", 1);
    const section = slash === -1 ? path : path.slice(0, slash);
    return defaultLayout({
      ...page,
      head: html`${links}${page.head}`,
      root: html`${headers.get(path) ?? headers.get(section) ?? other}${page.root}`,
    });
  };
}

/** The header of `current` (null: a page the gallery does not list). */
function header(current: GalleryPage | null, home: GalleryPage, examples: readonly GalleryPage[]): VNode {
  const here = (page: GalleryPage) => (page === current ? "page" : undefined);
  return html`<header class="site-header"><div class="site-header-inner">
    <a class="brand" href=${home.path} aria-current=${here(home)}>Tether</a>
    <nav class="site-nav" aria-label="Examples">${examples.map((page) => html`<a href=${page.path} aria-current=${here(page)}>${page.title}</a>`)}</nav>
    ${current === null ? null : html`<a class="source-link" href=${current.source}>Source</a>`}
  </div></header>` as VNode;
}
