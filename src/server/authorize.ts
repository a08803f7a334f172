import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Http2ServerRequest } from "node:http2";
import { parse as parseCookies } from "cookie";
import { clientAddress } from "./client-address.js";

/**
 * The HTTP request a page or a join came with, as an `authorize` hook reads it: the page GET,
 * or for a join the WebSocket's upgrade or the long-poll POST (its cookies are the page's).
 */
export interface PageRequest {
  /** The page's path and query, `/users/7?tab=2` (for a join: the page the tab is on). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** The request's cookies, by name (parsed with `cookie`). */
  readonly cookies: Readonly<Record<string, string | undefined>>;
  /** The client's address (with `trustProxy`, the first of `X-Forwarded-For`). */
  readonly remoteAddress: string;
  /** Node's request itself, for helpers of your framework (an HTTP/2 server's, for a page it served). */
  readonly raw: IncomingMessage | Http2ServerRequest;
}

/**
 * Decides who may open a page, and what its components know of them (LiveView's `on_mount`).
 * It runs at the page GET, and again at a join that must build a fresh session (after a
 * restart: a tab whose user logged out is refused then). Return the context (a user, a
 * tenant: `this.session.context` in components), or `redirect(url)` / `deny(status)` to refuse.
 * `context` is what the app-wide hook returned, for a route's own hook.
 */
export type Authorize = (request: PageRequest, context: unknown) => unknown;

/** A refused page: `redirect()` or `deny()`, returned by an `authorize` hook. */
export class Refusal {
  /** The HTTP status of the page's answer: 302/303 for a redirect, 401 or 403 to deny. */
  readonly status: number;
  /** Where a redirect sends the browser. */
  readonly location: string | null;
  readonly message: string;

  constructor(status: number, location: string | null, message: string) {
    this.status = status;
    this.location = location;
    this.message = message;
  }
}

/** Refuses a page by sending the browser to `location` (a login page); a live tab goes there too. */
export function redirect(location: string, status: 302 | 303 | 307 = 302): Refusal {
  return new Refusal(status, location, `redirected to ${location}`);
}

/** Refuses a page with 401 (not logged in) or 403 (not allowed). */
export function deny(status: 401 | 403 = 403, message = status === 401 ? "Unauthorized" : "Forbidden"): Refusal {
  return new Refusal(status, null, message);
}

/** A page that may be opened: what its components see, and whose it is. */
export interface Admission {
  context: unknown;
  /** Who the context is, as `identify` says ("" for anyone): what a join token binds. */
  identity: string;
}

/** Turns a hook's context into the identity a join token binds; see TetherOptions.identify. */
export type Identify = (context: unknown) => string;

/**
 * The identity of a context when the app gives no `identify`: its JSON with keys sorted, so
 * that two requests of one user agree and of two users do not. A context that is not JSON
 * (a class instance with methods, a cycle) needs an `identify` of its own.
 */
export function defaultIdentify(context: unknown): string {
  if (context === undefined || context === null) return "";
  try {
    return JSON.stringify(context, (_key, value: unknown) => {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) sorted[key] = (value as Record<string, unknown>)[key];
      return sorted;
    });
  } catch (error) {
    throw new TypeError(`Tether: the authorize hook's context cannot be written as JSON; give TetherOptions.identify (${(error as Error).message})`);
  }
}

/** Runs the app's hook and then the route's, in that order; a refusal stops at once. */
export class Authorizer {
  private readonly appHook: Authorize | undefined;
  private readonly identify: Identify;
  private readonly trustProxy: boolean;

  constructor(appHook: Authorize | undefined, identify: Identify | undefined, trustProxy: boolean) {
    this.appHook = appHook;
    this.identify = identify ?? defaultIdentify;
    this.trustProxy = trustProxy;
  }

  /** True if some hook must run for pages of this route (with none, everyone is admitted as anyone). */
  guards(routeHook: Authorize | undefined): boolean {
    return this.appHook !== undefined || routeHook !== undefined;
  }

  /** Admits the request for the page at `url` (whose route has `routeHook`), or refuses it. */
  async check(raw: IncomingMessage, url: string, routeHook: Authorize | undefined): Promise<Admission | Refusal> {
    if (!this.guards(routeHook)) return ANYONE;
    const request: PageRequest = {
      url,
      headers: raw.headers,
      cookies: parseCookies(raw.headers.cookie ?? ""),
      remoteAddress: clientAddress(raw, this.trustProxy),
      raw,
    };
    let context: unknown = undefined;
    for (const hook of [this.appHook, routeHook]) {
      if (hook === undefined) continue;
      const result = await hook(request, context);
      if (result instanceof Refusal) return result;
      if (result !== undefined) context = result;
    }
    return { context, identity: this.identify(context) };
  }
}

const ANYONE: Admission = Object.freeze({ context: undefined, identity: "" });
