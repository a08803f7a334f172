import { escapeAttr } from "../html/escape.js";

/**
 * The on-demand scripts of a page (after the runtime's own tag): `tether-client` (hooks, islands,
 * client commands; runtime/client/) when the first paint has a `t-hook`, a `t-js…` or an
 * island, or the route says `client: true`; and the app's islands bundle when it has an island.
 * Read from the first paint's HTML, so a page without them loads neither; an element that
 * appears only later needs the route's `client: true` (and, for an island, `islands: true`).
 */
export function clientScripts(html: string, route: { client: boolean; islands: boolean }, base: string, dev: boolean, nonce: string, hasIslands: boolean): string {
  // One scan of the page for most pages, which have none of them.
  if (!route.client && !route.islands && !CLIENT_MARK.test(html)) return "";
  const island = route.islands || html.includes(' t-island="');
  // Without an islands folder, islands are registered by the page's own scripts (tether.islands.Name = …).
  const islands = island && hasIslands;
  const attrs = nonce === "" ? "" : ` nonce="${escapeAttr(nonce)}"`;
  const client = `<script src="${escapeAttr(base)}/tether-client${dev ? ".dev" : ""}.js"${attrs}></script>`;
  return islands ? `${client}<script src="${escapeAttr(base)}/islands.js"${attrs}></script>` : client;
}

/** What in a first paint's HTML needs `tether-client`: an island, a `t-js…` attribute or a hook. */
const CLIENT_MARK = / t-(?:island="|js|hook=")/;
