import { NavigationEvents, type EmitMessage, type NavigatedDetail } from "../protocol/wire.js";
import { isSafeUrl } from "../template/url-attributes.js";
import type { Renderable } from "../vnode/vnode.js";
import type { HandlerCall } from "./event-target.js";
import type { PageNavigator } from "./options.js";
import { SessionTopics } from "./session-topics.js";

/** Options of `session.navigate`. */
// Said by navigate and redirect on a server whose pages have no navigation script: they would do nothing.
const SCRIPTLESS = "Tether: the server's `navigation: false` leaves the navigation script out of its pages, so a page can be neither shown live nor loaded from the server (a link, or `navigation: true`)";

export interface NavigateOptions {
  /** Replace the page's history entry instead of adding one (a filter's query, a redirect). Default false. */
  replace?: boolean | undefined;
}

/** What a page shows after a live navigation: see SessionNavigation.showPage. */
export interface ShownPage {
  /** The path and query the session is at now (what a join names). */
  path: string;
  /** The route's content: its component with the page's props. */
  content: Renderable;
  /** What the page is told (`tether:navigated`). */
  detail: NavigatedDetail;
  /** What the authorize hooks returned for the new page. */
  context: unknown;
}

/**
 * A session's page, and live navigation between pages: `navigate` (from a handler) and the
 * navigation script's `tether:navigate` go through the server's PageNavigator, which calls
 * `showPage` to render the new route into this session's tree (one patch: the same component
 * updated with its new props, or the old one unmounted and the new one mounted), or `load` for
 * a full page load. LiveSession's base, above SessionTopics.
 */
export abstract class SessionNavigation extends SessionTopics {
  /** The page's path and query, where the tab is: live navigation moves it (and a join names it). */
  path = "";
  /** What the app's `authorize` hooks returned for this page (a user, a tenant); undefined without hooks. */
  context: unknown = undefined;
  /** Renders what changed (with `content`: that as the whole page) and sends it as one patch. */
  abstract override flush(content?: Renderable): void;

  /**
   * Shows the page at `to` (`/users/2`, `?page=3`, `/docs#setup`) in this tab without loading
   * a document: the same route's component gets its new `params`/`query` (one render), another
   * route's component replaces it. The route's authorize hooks run first; a refusal, another
   * origin, or a page another layout or `head` serves is a full page load instead. Resolves
   * when the page shows it (or the load is sent).
   */
  navigate(to: string, options?: NavigateOptions): Promise<void> {
    if (typeof to !== "string" || to === "") return Promise.reject(new TypeError("navigate: the path must be a non-empty string"));
    const navigator = this.options.navigator as PageNavigator<this> | undefined;
    if (navigator === undefined) return Promise.reject(new Error("Tether: navigation is for the sessions of a server (createTether or serve)"));
    if (!navigator.live) return Promise.reject(new Error(SCRIPTLESS));
    return navigator.navigate(this, to, options?.replace === true);
  }

  /** Sends the tab to `url` with a full page load (another site, a download, a page of another app). */
  redirect(url: string): void {
    if (typeof url !== "string" || url === "" || !isSafeUrl(url, false)) throw new TypeError(`redirect: ${JSON.stringify(url)} is not a URL a page may go to`);
    if (this.options.navigator?.live === false) throw new Error(SCRIPTLESS);
    this.load(url);
  }

  /** @internal A full page load of `to`, told to the page. */
  load(to: string): void {
    this.sendEmit(this.bridge.emit(NavigationEvents.Load, { to }));
  }

  /**
   * @internal Shows another page of this server in the tab: its content rendered into the tree
   * (one patch), then `tether:navigated` with a join token for the new path, after the patch so
   * that the page scrolls once the new content is there.
   */
  showPage(page: ShownPage): void {
    if (this.isEnded) return;
    this.path = page.path;
    this.context = page.context;
    this.flush(page.content);
    const message = this.bridge.emit(NavigationEvents.Navigated, page.detail) as EmitMessage;
    const token = this.options.joinToken?.(this as never);
    if (token) message.tk = token;
    this.sendEmit(message);
  }

  /** @internal The navigation script's `tether:navigate`: a navigation of the page's own, its event answered when the page shows. */
  protected pageNavigation(detail: unknown): HandlerCall {
    return {
      run: () => {
        const to = (detail as { to?: unknown } | null)?.to;
        if (typeof to !== "string" || to === "") throw new TypeError(`tether:navigate needs { to: string }, got ${JSON.stringify(detail)}`);
        return this.navigate(to);
      },
      describe: () => "live navigation",
    };
  }
}
