import type { IncomingMessage } from "node:http";
import { documentToHtml } from "../html/to-html.js";
import type { NavigatedDetail } from "../protocol/wire.js";
import type { LiveSession } from "../session/live-session.js";
import type { PageNavigator } from "../session/options.js";
import { trustedHtml } from "../template/raw.js";
import { Refusal, type Authorizer, type Identify } from "./authorize.js";
import type { Layout } from "./layout.js";
import type { RouteMatch, Router } from "./routes.js";

// Layout parts that are the same on every page: what is left to differ is the layout's own.
const NO_MARKUP = trustedHtml("");
// The origin a path is resolved against: only its being the same matters.
const HERE = "http://tether.invalid";

/**
 * Live navigation on a server (ARCHITECTURE.md, "Where new capabilities plug in"): moves a
 * session to another page over its connection. The router finds the page (or the not-found
 * page), the route's authorize hooks run again on the request the tab joined with (its
 * cookies), and the session renders the new route into its tree (SessionNavigation.showPage).
 * What one document cannot become is a full page load instead: another origin, a refusal
 * (to its redirect, or to the page, whose GET answers the refusal), another user, and a page
 * whose `head`, scripts, `auroraview` or `csp` differ, or around which the layout renders
 * something else (a menu marking the current page).
 */
export class Navigation implements PageNavigator<LiveSession> {
  private readonly router: Router;
  private readonly authorizer: Authorizer;
  private readonly identify: Identify;
  private readonly layout: Layout;
  /** The request each session's tab joined with, for the hooks (only when some hook exists). */
  private readonly requests = new WeakMap<LiveSession, IncomingMessage>();
  /** The latest navigation of each session: an earlier one still in its hooks gives way. */
  private readonly latest = new WeakMap<LiveSession, number>();
  private count = 0;
  private readonly guarded: boolean;
  private readonly onError: (error: unknown, where: string) => void;
  readonly live: boolean;

  constructor(router: Router, authorizer: Authorizer, identify: Identify, layout: Layout, guarded: boolean, onError: (error: unknown, where: string) => void, live = true) {
    this.live = live;
    this.router = router;
    this.authorizer = authorizer;
    this.identify = identify;
    this.layout = layout;
    this.guarded = guarded;
    this.onError = onError;
  }

  /** A tab joined `session` on `request` (its upgrade, or its long-poll POST): its navigations are authorized on it. */
  joined(session: LiveSession, request: IncomingMessage | null): void {
    if (this.guarded && request !== null) this.requests.set(session, request);
  }

  async navigate(session: LiveSession, to: string, replace: boolean): Promise<void> {
    const turn = ++this.count;
    this.latest.set(session, turn);
    const target = resolve(session.path, to);
    // Another origin (or no URL at all): the browser's to load, if it may go there.
    if (target === null) return session.redirect(to);
    const href = target.path + target.hash;
    // Before any tab had the page (a first paint's mount()), the tab joins the page it was
    // served, then loads this one.
    if (!session.wasMounted) return session.load(href);
    try {
      const match = this.router.match(target.path) ?? this.router.notFound(target.path);
      const current = this.router.match(session.path) ?? this.router.notFound(session.path);
      if (match === null || current === null || !sameDocument(current, match) || !this.sameLayout(current, match)) return session.load(href);
      let context = session.context;
      if (this.authorizer.guards(match.authorize)) {
        const request = this.requests.get(session);
        if (request === undefined) return session.load(href); // the page's GET authorizes it
        const admission = await this.authorizer.check(request, target.path, match.authorize);
        if (this.latest.get(session) !== turn || session.isEnded) return;
        if (admission instanceof Refusal) return session.load(admission.location ?? href);
        if (admission.identity !== this.identify(session.context)) return session.load(href);
        context = admission.context;
      }
      const detail: NavigatedDetail = replace ? { to: href, title: match.title, replace: 1 } : { to: href, title: match.title };
      session.showPage({ path: target.path, content: match.content, detail, context });
    } catch (error) {
      // A hook or the layout threw: the page's GET is the one to answer it (with a 500).
      this.onError(error, `live navigation to ${target.path}`);
      if (!session.isEnded) session.load(href);
    }
  }

  /** Whether the layout renders the same document around both pages, but for their title, head and content. */
  private sameLayout(from: RouteMatch, to: RouteMatch): boolean {
    return from.props.path === to.props.path || this.layoutOf(from.props.path) === this.layoutOf(to.props.path);
  }

  private layoutOf(path: string): string {
    const document = this.layout({ title: "", path, head: NO_MARKUP, script: NO_MARKUP, root: NO_MARKUP, nonce: "" });
    return typeof document === "string" ? document : documentToHtml(document);
  }
}

/** Whether two pages share what a document keeps: their `<head>` markup, scripts, `auroraview` and `csp`. */
function sameDocument(a: RouteMatch, b: RouteMatch): boolean {
  if (a.head !== b.head || a.auroraview !== b.auroraview || a.csp !== b.csp || a.scripts.length !== b.scripts.length) return false;
  for (let i = 0; i < a.scripts.length; i++) if (a.scripts[i] !== b.scripts[i]) return false;
  return true;
}

/** `to` (a path, `?query`, `#hash`, or a URL) resolved against the page at `from`; null if it is of another origin. */
function resolve(from: string, to: string): { path: string; hash: string } | null {
  let url: URL;
  try {
    url = new URL(to, HERE + from);
  } catch {
    return null;
  }
  return url.origin === HERE ? { path: url.pathname + url.search, hash: url.hash } : null;
}
