/**
 * Live navigation in the page, a script of its own (`tether-nav.js`, loaded deferred on Tether
 * pages): the base runtime carries none of it. It speaks through `window.tether` only, with
 * the page events of src/protocol/navigation.ts, so a navigation is numbered, resumed after a
 * reconnect and applied once like every page event.
 *
 * - A click on a link inside `[t-nav]` (the link itself or an element around it) of this
 *   origin, without a modifier key, `target` or `download`, asks the server for the page.
 * - Back/forward (popstate) asks for the page the history moved to.
 * - `tether:navigated` comes after the patch that shows the page: the URL follows (pushed,
 *   unless replaced or already there), the title changes, and the window scrolls: to where it
 *   was on back/forward (kept in each history entry's state, so a list that grew since is
 *   scrolled to where it was, once its content is there), to the `#anchor`, else to the top.
 * - `tether:load` loads a page in full.
 */
import { NavigationEvents, type LoadDetail, type NavigatedDetail } from "../src/protocol/navigation.js";
import type { TetherPage } from "./page-api.js";

/** What a history entry keeps: the window's scroll when it was left. */
interface EntryState {
  tetherScroll?: [number, number];
}

// Scroll positions are saved this long after scrolling stops (replaceState is rate-limited by browsers).
const SAVE_DELAY = 100;

const tether = (window as Window & { tether: TetherPage }).tether;
let saveTimer = 0;
/** Back/forward asked for the page now coming: its scroll is restored, not reset. */
let popped = false;
/** The path and query shown: a popstate that keeps them only moved between anchors. */
let shown = location.pathname + location.search;

// The scroll of a page shown live is this script's to restore, after its content is there.
history.scrollRestoration = "manual";

function here(): string {
  return location.pathname + location.search + location.hash;
}

/** Keeps the window's scroll in the current history entry. */
function save(): void {
  clearTimeout(saveTimer);
  saveTimer = 0;
  history.replaceState({ ...(history.state as object | null), tetherScroll: [scrollX, scrollY] } satisfies EntryState, "");
}

function restore(): boolean {
  const saved = (history.state as EntryState | null)?.tetherScroll;
  if (saved) scrollTo(saved[0], saved[1]);
  return saved !== undefined;
}

function navigate(to: string, pop: boolean): void {
  tether.sendEvent(NavigationEvents.Navigate, pop ? { to, pop: 1 } : { to });
}

// A reload, or a return to this page from another document: back where it was, as the browser
// would have done (its own restoration is off, above), and again once images have their size.
if (restore()) addEventListener("load", restore, { once: true });

addEventListener("scroll", () => void (saveTimer ||= window.setTimeout(save, SAVE_DELAY)), { passive: true });
addEventListener("pagehide", save);

document.addEventListener("click", (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
  if (!link?.closest("[t-nav]") || (link.target !== "" && link.target !== "_self") || link.hasAttribute("download")) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin) return;
  // An anchor of the page shown: the browser's own to scroll to.
  if (url.hash !== "" && url.pathname + url.search === shown) return;
  event.preventDefault();
  save();
  navigate(url.pathname + url.search + url.hash, false);
});

addEventListener("popstate", () => {
  // A scroll not saved yet belongs to the entry just left, not to this one.
  clearTimeout(saveTimer);
  saveTimer = 0;
  if (location.pathname + location.search === shown) {
    restore();
    return;
  }
  popped = true;
  navigate(here(), true);
});

tether.on(NavigationEvents.Navigated, (detail: NavigatedDetail) => {
  // Not saved here: the patch before this message may have scrolled the window already (a
  // shorter page clamps it). A link saved at its click; a navigation of the server's keeps what
  // the last scroll saved, and a save still waiting would be the new page's.
  clearTimeout(saveTimer);
  saveTimer = 0;
  if (detail.to !== here()) history[detail.replace ? "replaceState" : "pushState"](null, "", detail.to);
  shown = location.pathname + location.search;
  document.title = detail.title;
  const back = popped;
  popped = false;
  if (back && restore()) return;
  const anchor = location.hash === "" ? null : document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (anchor !== null) anchor.scrollIntoView();
  else scrollTo(0, 0);
});

tether.on(NavigationEvents.Load, (detail: LoadDetail) => {
  // A page the history is on already (back/forward, a link whose URL was pushed) replaces its entry.
  if (detail.to === here()) location.replace(detail.to);
  else location.assign(detail.to);
});
