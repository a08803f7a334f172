import type { IncomingMessage } from "node:http";
import { ErrorCodes, type ErrorCode, type JoinMessage } from "../protocol/wire.js";
import type { LiveSession } from "../session/live-session.js";
import type { SessionRegistry } from "./session-registry.js";

/** A join's outcome: the session, and the last message the tab applied if it is resuming. */
export interface Joined {
  session: LiveSession;
  resumeFrom: number | null;
}

/** A refused join: the error the tab is sent before its connection is closed. */
export interface JoinRefusal {
  code: ErrorCode;
  message: string;
}

/**
 * Decides which session a join gets, or refuses it: the one place that does, for every
 * transport. Checks of who may join (a signed join token, the request's origin) belong here.
 */
export interface JoinPolicy {
  /**
   * `request` is the HTTP request the join came with: the WebSocket's upgrade for a join in
   * the socket's URL, the long-poll POST that carried it. A Join message on an open WebSocket
   * has none (null): a socket does not keep its upgrade's request, which would be one more
   * object per socket.
   */
  join(message: JoinMessage, request: IncomingMessage | null): Promise<Joined | JoinRefusal>;
}

/** Tether's join rules over the sessions of a registry. */
export class SessionJoinPolicy implements JoinPolicy {
  private readonly registry: SessionRegistry;

  constructor(registry: SessionRegistry) {
    this.registry = registry;
  }

  async join(message: JoinMessage, _request: IncomingMessage | null): Promise<Joined | JoinRefusal> {
    const existing = message.sid === null ? undefined : this.registry.find(message.sid);
    if (existing !== undefined && existing.path === message.path && !existing.isEnded) {
      // The tab that holds the session proves it with the token of its last mount, and resumes.
      if (message.rt !== undefined && existing.holdsToken(message.rt)) {
        this.registry.claim(existing);
        return { session: existing, resumeFrom: message.s ?? 0 };
      }
      // The first join of a page this server rendered. A copy of that page's HTML (a
      // duplicated tab) finds the session taken and gets a fresh one below.
      if (message.rt === undefined && !existing.wasMounted && !existing.isConnected) {
        this.registry.claim(existing);
        return { session: existing, resumeFrom: null };
      }
    }
    // An unknown sid (the server restarted, the session expired), another path, a taken
    // session: a fresh session for the path the tab is on.
    const session = await this.registry.create(message.path);
    if (session === null) return { code: ErrorCodes.UnknownRoute, message: `no page is served at ${message.path}` };
    return { session, resumeFrom: null };
  }
}
