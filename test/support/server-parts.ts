/**
 * The parts of a Tether server (server/options, routes, session-registry, join-policy,
 * connection) put together as createTether does, for tests that drive one part directly.
 */
import type { IncomingMessage } from "node:http";
import type { JoinMessage } from "../../src/protocol/wire.js";
import { JOIN_TIMEOUT, MAX_BAD_MESSAGES, type ConnectionHost } from "../../src/server/connection.js";
import { Authorizer } from "../../src/server/authorize.js";
import { SessionJoinPolicy, type JoinPolicy } from "../../src/server/join-policy.js";
import { JoinTokens } from "../../src/server/join-tokens.js";
import { resolveOptions, type TetherOptions } from "../../src/server/options.js";
import { Router } from "../../src/server/routes.js";
import { LocalSessionRegistry } from "../../src/server/session-registry.js";
import { ClientConnections } from "../../src/server/client-connections.js";
import { Counter } from "../../examples/counter.js";

/** A join policy that records what it was asked, deciding as `inner` does. */
export class RecordingPolicy implements JoinPolicy {
  readonly asked: Array<{ message: JoinMessage; request: IncomingMessage | null }> = [];
  private readonly inner: JoinPolicy;

  constructor(inner: JoinPolicy) {
    this.inner = inner;
  }

  join(message: JoinMessage, request: IncomingMessage | null) {
    this.asked.push({ message, request });
    return this.inner.join(message, request);
  }
}

/**
 * Options (with defaults; routes default to `/counter`), router, join tokens, authorizer,
 * registry, a recording policy and the connections' host.
 */
export function serverParts(options: Partial<TetherOptions> = {}, host: Partial<ConnectionHost> = {}) {
  const resolved = resolveOptions({ routes: { "/counter": Counter }, ...options });
  const router = new Router(resolved.routes);
  const tokens = new JoinTokens(resolved.secret);
  const authorizer = new Authorizer(resolved.authorize, resolved.identify, resolved.trustProxy);
  const registry = new LocalSessionRegistry(resolved, (session) => tokens.sign(session.path, session.id, "", 60_000));
  const policy = new RecordingPolicy(new SessionJoinPolicy(router, registry, authorizer, tokens));
  const connectionHost: ConnectionHost = {
    policy,
    registry,
    joinTimeout: JOIN_TIMEOUT,
    maxBadMessages: MAX_BAD_MESSAGES,
    maxBufferedBytes: resolved.maxBufferedBytes,
    clients: new ClientConnections(resolved.maxConnectionsPerClient),
    ...host,
  };
  /** A page's session for `path` (as a GET makes it) and the join token its page carries. */
  const page = async (path = "/counter") => {
    const session = (await registry.create(path, router.match(path), undefined))!;
    registry.holdForJoin(session);
    return { session, token: tokens.sign(session.path, session.id, "", resolved.joinTimeout) };
  };
  return { options: resolved, router, tokens, authorizer, registry, policy, host: connectionHost, page };
}
