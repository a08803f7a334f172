/**
 * The parts of a Tether server (server/options, routes, session-registry, join-policy,
 * connection) put together as createTether does, for tests that drive one part directly.
 */
import type { IncomingMessage } from "node:http";
import type { JoinMessage } from "../../src/protocol/wire.js";
import { JOIN_TIMEOUT, MAX_BAD_MESSAGES, type ConnectionHost } from "../../src/server/connection.js";
import { SessionJoinPolicy, type JoinPolicy } from "../../src/server/join-policy.js";
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

/** Options (with defaults; routes default to `/counter`), router, registry, a recording policy and the connections' host. */
export function serverParts(options: Partial<TetherOptions> = {}, host: Partial<ConnectionHost> = {}) {
  const resolved = resolveOptions({ routes: { "/counter": Counter }, ...options });
  const router = new Router(resolved.routes);
  const registry = new LocalSessionRegistry(router, resolved);
  const policy = new RecordingPolicy(new SessionJoinPolicy(registry));
  const connectionHost: ConnectionHost = {
    policy,
    registry,
    joinTimeout: JOIN_TIMEOUT,
    maxBadMessages: MAX_BAD_MESSAGES,
    maxBufferedBytes: resolved.maxBufferedBytes,
    clients: new ClientConnections(resolved.maxConnectionsPerClient),
    ...host,
  };
  return { options: resolved, router, registry, policy, host: connectionHost };
}
