import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createTether, deny, type PageRequest, type Tether } from "tether-live";
import { Panel } from "./panel.js";

export interface PanelOptions {
  /** Where the panel's page is. Default "/_panel". */
  path?: string;
  /** Who else may open it: a request with `?token=<this>`. Without it, only this machine may. */
  token?: string | undefined;
  /**
   * The service is behind a reverse proxy on this machine: the client is the first address of
   * X-Forwarded-For (else every request would come from this machine). Default false.
   */
  trustProxy?: boolean;
}

/**
 * Mounts the tool panel on a service's own HTTP server: Tether answers its page, its runtime and
 * its WebSocket first, and every other request goes to the service's own handlers as before.
 * Only a client on this machine may open the panel, or one that brings the token. Returns the
 * Tether: `close()` it when the service stops (its WebSockets keep the server from closing).
 */
export function attachPanel(server: Server, options: PanelOptions = {}): Tether {
  const path = options.path ?? "/_panel";
  const tether = createTether({
    routes: { [path]: { component: Panel, title: "Panel" } },
    trustProxy: options.trustProxy === true,
    // At the page's GET and at every join (its WebSocket's request): the same check.
    authorize: (request) => (isLocal(request) || hasToken(request, options.token) ? undefined : deny(403)),
  });
  const handlers = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    tether.handle(req, res).then(
      (handled) => {
        if (!handled) for (const handler of handlers) handler.call(server, req, res);
      },
      (error: unknown) => {
        console.error("[panel]", error);
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });
  tether.attach(server);
  return tether;
}

function isLocal(request: PageRequest): boolean {
  return ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(request.remoteAddress);
}

function hasToken(request: PageRequest, token: string | undefined): boolean {
  if (token === undefined || token === "") return false;
  const given = Buffer.from(new URL(request.url, "http://x").searchParams.get("token") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
