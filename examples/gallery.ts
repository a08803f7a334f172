import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { ServeOptions } from "tether-live";
import { CHAT_STYLESHEET, examples, sourceUrl } from "./catalog.js";
import { staticFiles, type StaticFile } from "./files.js";
import { echo } from "./echo.js";
import { Home } from "./home.js";
import { ISLANDS_DIR } from "./islands.js";
import { galleryLayout, type GalleryPage } from "./layout.js";

const STYLESHEET = "/gallery.css";
/** The components' theme (tether-live/components/theme.css), before the gallery's own sheet. */
const THEME = "/components/theme.css";
const HOME = { path: "/", title: "Tether examples", source: "home.ts" };
const TEXT = "text/plain; charset=utf-8";

/**
 * What `npm start` serves, and the tests with it: the gallery page at /, every example at its
 * path, all in one layout with a header, and the files the pages link to (the stylesheet and
 * each page's source), the app's WebSocket endpoint and its islands. Spread it into `serve()`'s options.
 */
export function galleryOptions(): Required<Pick<ServeOptions, "routes" | "layout" | "fallback" | "endpoints" | "islands">> {
  const pages: GalleryPage[] = examples.map((e) => ({ path: e.path, title: e.title, source: sourceUrl(e.source) }));
  const css = "text/css; charset=utf-8";
  const files: Record<string, StaticFile> = {
    // Found as an app finds it, through the package (in this repository, its source file).
    [THEME]: { file: pathToFileURL(createRequire(import.meta.url).resolve("tether-live/components/theme.css")), type: css },
    [STYLESHEET]: { file: new URL("./gallery.css", import.meta.url), type: css },
    // An example's own styles, linked from its route's head.
    [CHAT_STYLESHEET]: { file: new URL("./chat.css", import.meta.url), type: css },
  };
  for (const { source } of [HOME, ...examples]) files[sourceUrl(source)] = { file: new URL(`./${source}`, import.meta.url), type: TEXT };
  for (const example of examples) Object.assign(files, example.files);
  return {
    routes: {
      [HOME.path]: { component: Home, title: HOME.title },
      ...Object.fromEntries(examples.map((e) => [e.path, { ...e.route, title: `${e.title} · Tether` }])),
      ...Object.assign({}, ...examples.map((e) => e.routes ?? {})),
      ...Object.assign({}, ...examples.map((e) => e.pages ?? {})),
    },
    layout: galleryLayout({ stylesheets: [THEME, STYLESHEET], home: { ...HOME, source: sourceUrl(HOME.source) }, examples: pages }),
    fallback: staticFiles(files),
    // The WebSocket endpoint of the /echo page.
    endpoints: [echo],
    // The island modules of the /islands page, bundled for the pages that have one.
    islands: ISLANDS_DIR,
  };
}
