import { createElement } from "../template/h.js";
import type { ComponentType, VNode } from "../vnode/vnode.js";
import type { Authorize } from "./authorize.js";
import { NotFound } from "./not-found.js";

/** A page: a component, or a component with its title and extra `<head>` markup. */
export type Route = ComponentType | RouteOptions;

export interface RouteOptions {
  component: ComponentType;
  title?: string;
  /**
   * Extra `<head>` markup (trusted): styles, and scripts that use `window.tether` (it exists
   * before them). A function gets the page's CSP nonce (with the `csp` option) for its scripts.
   */
  head?: string | ((page: { nonce: string }) => string);
  /**
   * The page's own scripts, by URL (`["/app.js"]`): each is loaded as a module
   * (`<script type="module" src=…>`, with the page's nonce under the `csp` option) after the
   * runtime, so `window.tether` exists when it runs. Serve the files yourself (serve's
   * `fallback`, your framework's static files).
   */
  scripts?: readonly string[];
  /** Also expose the bridge as `window.auroraview`, with AuroraView's names and behaviour, for page code (and AuroraView's client library) written for it. */
  auroraview?: boolean;
  /**
   * Load the page script of hooks and client commands (`tether-client`) even if the first paint
   * has no `t-hook` or `t-js` (they come with a later patch). Default: only when it has.
   */
  client?: boolean;
  /** Load the app's islands bundle (`TetherOptions.islands`) even if the first paint has no island. */
  islands?: boolean;
  /**
   * Load the uploads' page script even if the first paint declares no upload (one comes with a
   * later patch, or a live navigation to a page that has one). Default: only when it does.
   */
  uploads?: boolean;
  /**
   * Load the linked-windows script: page scripts get `tether.openWindow`, `emitToParent`,
   * `sendToChild`, `onChildMessage` and the rest, and `openWindow` from the server runs without eval.
   */
  windows?: boolean;
  /**
   * Load the page script that builds a list's new rows from shapes (`tether-lists`), so that a
   * large create costs its data: rows sent as a shape once and their values, each row a clone
   * (see "Performance" in the README). Default: when the first paint has a LiveList. Set it for
   * a page whose long lists come later or are plain arrays of a template; false leaves it out.
   */
  lists?: boolean;
  /** Decides who may open this page, after the app-wide `authorize` (whose context it gets). */
  authorize?: Authorize;
  /** Serve this page with the strict Content-Security-Policy (or not), whatever `TetherOptions.csp` says. */
  csp?: boolean;
}

/** What a route's component receives as props. */
export interface RouteProps {
  /** Values of `:name` segments in the route pattern. */
  params: Record<string, string>;
  /** The query string's parameters (the last value of a repeated name). */
  query: Record<string, string>;
  /** The requested path, without the query. */
  path: string;
}

export interface RouteMatch {
  component: ComponentType;
  title: string;
  head: NonNullable<RouteOptions["head"]>;
  scripts: readonly string[];
  auroraview: boolean;
  client: boolean;
  islands: boolean;
  uploads: boolean;
  windows: boolean;
  /** The route's own `lists`, if it says. */
  lists: boolean | undefined;
  authorize: Authorize | undefined;
  /** The route's own `csp`, if it says. */
  csp: boolean | undefined;
  props: RouteProps;
  /** What the page renders: the component with those props. */
  content: VNode;
}

interface CompiledRoute {
  pattern: RegExp;
  names: string[];
  route: Route;
  /**
   * The content (with frozen props) of this route's URLs without params or query, by path:
   * every session of such a page shares it (a pattern without params matches two paths at
   * most, with and without a trailing slash).
   */
  plain: Map<string, VNode>;
}

/** Matches paths against route patterns like `/users/:id`; exact otherwise. */
const NONE: Record<string, string> = Object.freeze({}) as Record<string, string>;
const NO_SCRIPTS: readonly string[] = Object.freeze([]);

export class Router {
  private readonly routes: CompiledRoute[] = [];
  private readonly notFoundRoute: Route;
  private readonly notFoundPlain = new Map<string, VNode>();

  /** `notFound`: the page live navigation shows (and a tab rejoins) at a path no route serves. */
  constructor(routes: Record<string, Route>, notFound: Route = NotFound) {
    this.notFoundRoute = notFound;
    for (const path in routes) {
      if (!path.startsWith("/")) throw new TypeError(`Tether: route "${path}" must start with "/"`);
      const names: string[] = [];
      const source = path
        .split("/")
        .map((part) => {
          if (part.startsWith(":")) {
            names.push(part.slice(1));
            return "([^/]+)";
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        })
        .join("/");
      this.routes.push({ pattern: new RegExp(`^${source}/?$`), names, route: routes[path], plain: new Map() });
    }
  }

  /**
   * The route for a URL path with its query (`/users/7?tab=2`), or null. A URL that does not
   * parse (`//[`) or a parameter that is not valid percent-encoding (`/users/%zz`) matches
   * nothing: it is the page's URL that is wrong, not the server.
   */
  match(url: string): RouteMatch | null {
    const parsed = parseUrl(url);
    if (parsed === null) return null;
    for (const compiled of this.routes) {
      const { pattern, names, route } = compiled;
      const m = pattern.exec(parsed.pathname);
      if (m === null) continue;
      // A page without params or query shares one empty (frozen) object: every session keeps its props.
      let params = NONE;
      if (names.length > 0) {
        params = {};
        for (let i = 0; i < names.length; i++) {
          const value = decodeParam(m[i + 1]);
          if (value === null) return null;
          params[names[i]] = value;
        }
      }
      const query = queryOf(parsed.search);
      return pageOf(route, compiled.plain, params, query, parsed.pathname);
    }
    return null;
  }

  /** The not-found page for a URL no route serves (null if it does not parse): its params are empty. */
  notFound(url: string): RouteMatch | null {
    const parsed = parseUrl(url);
    if (parsed === null) return null;
    return pageOf(this.notFoundRoute, this.notFoundPlain, NONE, queryOf(parsed.search), parsed.pathname, "Not found");
  }
}

/** The match of `route` for a URL's params, query and path; `plain` shares the content of URLs without params or query. */
function pageOf(route: Route, plain: Map<string, VNode>, params: Record<string, string>, query: Record<string, string>, path: string, title = "Tether"): RouteMatch {
  const page: RouteOptions = typeof route === "function" ? { component: route } : route;
  const shared = params === NONE && query === NONE;
  let content = shared ? plain.get(path) : undefined;
  if (content === undefined) {
    content = createElement(page.component, { params, query, path }, [], null, 3);
    if (shared && plain.size < 2) {
      Object.freeze(content.props);
      plain.set(path, content);
    }
  }
  return {
    component: page.component,
    title: page.title ?? title,
    head: page.head ?? "",
    scripts: page.scripts ?? NO_SCRIPTS,
    auroraview: page.auroraview === true,
    client: page.client === true || page.islands === true,
    islands: page.islands === true,
    uploads: page.uploads === true,
    windows: page.windows === true,
    lists: page.lists,
    authorize: page.authorize,
    csp: page.csp,
    props: content.props as unknown as RouteProps,
    content,
  };
}

/** A query string's parameters (the last value of a repeated name); a shared empty object for none. */
function queryOf(search: string): Record<string, string> {
  if (search.length <= 1) return NONE;
  const query: Record<string, string> = {};
  // defineProperty: a query name like `__proto__` is data, not the object's prototype.
  for (const [name, value] of new URLSearchParams(search)) Object.defineProperty(query, name, { value, enumerable: true, writable: true, configurable: true });
  return query;
}

function decodeParam(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * A request's path and query. The usual request target (`/users/7?tab=2`) is split as it is
 * (the WHATWG URL parser is a large share of a page request's own work); anything else (an
 * absolute URL, `//`, a backslash, characters a browser would have escaped) goes through it.
 */
export function parseUrl(url: string): { pathname: string; search: string } | null {
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  if (pathname.startsWith("/") && PLAIN_PATH.test(pathname) && !ENCODED_DOT.test(pathname)) {
    const search = q === -1 ? "" : url.slice(q);
    // A query of printable ASCII reads the same raw as the URL parser's; it drops spaces and
    // controls at the ends, tabs and newlines anywhere and a fragment, and encodes non-ASCII.
    if (PLAIN_QUERY.test(search)) return { pathname, search: search === "?" ? "" : search };
  }
  // Not URL.canParse: in Node 20, once optimized, it disagrees with new URL on some inputs
  // (it rejects "//ü", which new URL parses).
  let parsed: URL;
  try {
    parsed = new URL(url, "http://localhost");
  } catch {
    return null;
  }
  return { pathname: parsed.pathname, search: parsed.search };
}

// A path the URL parser would leave as it is: "/" then segments of URL-safe characters (percent
// escapes included), no empty segment, no "." or ".." segment (nor "%2e", which it reads as ".").
const ENCODED_DOT = /%2e/i;
const PLAIN_QUERY = /^[\u0021-\u0022\u0024-\u007e]*$/;
const PLAIN_PATH = /^(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9\-._~%!$&'()*+,;=:@]+)*\/?$/;
