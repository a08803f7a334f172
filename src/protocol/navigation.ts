/**
 * Live navigation's page events, over the page bridge (`tether.sendEvent` / `emit`): numbered,
 * resumed and applied once like every page event, and no message kind of their own. The names
 * start with `tether:` (RESERVED_PREFIX, in wire.ts), which an app's own events may not (`emit` and
 * `on` refuse them).
 *
 * - Page → server, `tether:navigate` with NavigateDetail: the navigation script asks for the page
 *   at `to` (a link with `t-nav` was clicked, or back/forward moved the history).
 * - Server → page, `tether:navigated` with NavigatedDetail, in an Emit that carries a fresh join
 *   token (`tk`) for the new path: the patch before it showed the new page; the URL, the title and
 *   the scroll follow.
 * - Server → page, `tether:load` with LoadDetail: a full page load (`session.redirect`, a refused
 *   navigation, a page another layout or head must serve).
 */
export const NavigationEvents = {
  Navigate: "tether:navigate",
  Navigated: "tether:navigated",
  Load: "tether:load",
} as const;

/** What the page asks: the path (with query and hash) to show; `pop` when back/forward moved the history there already. */
export interface NavigateDetail {
  to: string;
  pop?: 1;
}

/** What the page now shows: `to` (with the hash the page asked for), its `title`; `replace` the history entry rather than push one. */
export interface NavigatedDetail {
  to: string;
  title: string;
  replace?: 1;
}

/** A full page load of `to`. */
export interface LoadDetail {
  to: string;
}
