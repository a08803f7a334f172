import type { IncomingMessage } from "node:http";
import { ErrorCodes, type ErrorCode, type JoinMessage } from "../protocol/wire.js";
import type { LiveSession } from "../session/live-session.js";
import { Refusal, type Authorizer } from "./authorize.js";
import type { JoinTokens } from "./join-tokens.js";
import type { Navigation } from "./navigation.js";
import type { Router } from "./routes.js";
import type { SessionRegistry } from "./session-registry.js";

/** A join's outcome: the session, and the last message the tab applied if it is resuming. */
export interface Joined {
  session: LiveSession;
  resumeFrom: number | null;
}

/** A refused join: the error the tab is sent before its connection is closed (`to`: where the page goes instead). */
export interface JoinRefusal {
  code: ErrorCode;
  message: string;
  to?: string;
}

/**
 * Decides which session a join gets, or refuses it: the one place that does, for every
 * transport (the origin was checked before, at the upgrade or the long-poll request).
 */
export interface JoinPolicy {
  /**
   * `request` is the HTTP request the join came with: the WebSocket's upgrade, or the long-poll
   * POST that carried it. It is what a fresh session's authorization runs on.
   */
  join(message: JoinMessage, request: IncomingMessage | null): Promise<Joined | JoinRefusal>;
}

/**
 * Tether's join rules (invariant 7, "Escaped by default" in ARCHITECTURE.md): every join carries a
 * join token this server signed for the page's path, and for the session it names.
 *
 * - The tab that holds a session resumes it, proving it with the resume token of its last Mount.
 * - The first join of a page this server rendered takes the page's session.
 * - Anything else builds a fresh session for the page (the server restarted and the session is
 *   gone, the tab fell too far behind, a duplicated tab finds the session taken).
 *
 * With authorize hooks, each join first runs them again on its own request (the upgrade's or
 * the long-poll POST's cookies), and the identity they give must be the token's: a user who
 * logged out meanwhile is refused, and so is anyone else who holds the page's token.
 */
export class SessionJoinPolicy implements JoinPolicy {
  private readonly router: Router;
  private readonly registry: SessionRegistry;
  private readonly authorizer: Authorizer;
  private readonly tokens: JoinTokens;
  private readonly navigation: Navigation | null;

  /** `navigation`: told the request each tab joined with, which its live navigations are authorized on. */
  constructor(router: Router, registry: SessionRegistry, authorizer: Authorizer, tokens: JoinTokens, navigation: Navigation | null = null) {
    this.router = router;
    this.registry = registry;
    this.authorizer = authorizer;
    this.tokens = tokens;
    this.navigation = navigation;
  }

  async join(message: JoinMessage, request: IncomingMessage | null): Promise<Joined | JoinRefusal> {
    const joined = await this.decide(message, request);
    if ("session" in joined) this.navigation?.joined(joined.session, request);
    return joined;
  }

  private async decide(message: JoinMessage, request: IncomingMessage | null): Promise<Joined | JoinRefusal> {
    // The session the join names, if it is here: its page's token is checked against the MAC its page GET kept.
    const named = message.sid === null ? undefined : this.registry.find(message.sid);
    const claims = message.t === undefined ? null : this.tokens.verify(message.t, named);
    if (claims === null) return unauthorized(message.t === undefined ? "the join has no token: reload the page" : "the join token is not valid or has expired: reload the page");
    const existing = claims.sid === message.sid ? named : this.registry.find(claims.sid);
    // The tab that holds its session may name another path than its token's: a live navigation
    // crossed the drop (back/forward moved the URL before the server knew, or the new path's
    // token was on its way). It resumes; the replay, or its re-sent navigation, settles where it is.
    const holder = existing !== undefined && !existing.isEnded && message.rt !== undefined && existing.holdsToken(message.rt);
    if (claims.sid !== message.sid || (claims.path !== message.path && !holder)) return unauthorized("the join token is for another page: reload the page");
    // The holder is authorized for the page its session shows (where the tab's URL may not be
    // yet), which may be one no route serves: live navigation showed the not-found page there.
    const path = holder ? existing.path : message.path;
    const match = this.router.match(path) ?? (holder ? this.router.notFound(path) : null);
    if (match === null) return { code: ErrorCodes.UnknownRoute, message: `no page is served at ${path}` };
    // With hooks, every join is authorized again on its own request: the token is the page's,
    // and the request must still be its user's (not logged out, not someone else holding it).
    let context: unknown = undefined;
    if (this.authorizer.guards(match.authorize)) {
      if (request === null) return unauthorized("the join came without a request to authorize: reload the page");
      const admission = await this.authorizer.check(request, path, match.authorize);
      if (admission instanceof Refusal) return { code: ErrorCodes.Unauthorized, message: admission.message, ...(admission.location === null ? {} : { to: admission.location }) };
      if (this.tokens.identityDigest(admission.identity) !== claims.identity) return unauthorized("the join token belongs to another user: reload the page");
      context = admission.context;
    } else if (claims.identity !== "") return unauthorized("the join token belongs to another user: reload the page");
    if (holder && !existing.isEnded) {
      this.registry.claim(existing);
      return { session: existing, resumeFrom: message.s ?? 0 };
    }
    // The first join of a page this server rendered. A copy of that page's HTML (a duplicated
    // tab) finds the session taken and gets a fresh one below.
    if (existing !== undefined && existing.path === message.path && !existing.isEnded && message.rt === undefined && !existing.wasMounted && !existing.isConnected) {
      this.registry.claim(existing);
      return { session: existing, resumeFrom: null };
    }
    // The session is gone (a restart, its time ran out), taken, or was never this page's: a
    // fresh one for the page the tab is on, for the same user; made from its snapshot if it
    // is not here at all (its process died or stopped) and another process kept one.
    const session = await this.registry.create(message.path, match, context, existing === undefined ? claims.sid : undefined);
    if (session === null) return { code: ErrorCodes.UnknownRoute, message: `no page is served at ${message.path}` };
    return { session, resumeFrom: null };
  }
}

function unauthorized(message: string): JoinRefusal {
  return { code: ErrorCodes.Unauthorized, message };
}
