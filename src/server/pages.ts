import type { IncomingMessage, ServerResponse } from "node:http";
import { rootElement, scriptTag, type Layout } from "./layout.js";
import { clientAddress } from "./client-address.js";
import type { ResolvedOptions } from "./options.js";
import type { Router } from "./routes.js";
import type { SessionRegistry } from "./session-registry.js";

/**
 * The pages of a server: a GET renders the route's component into a new session and answers
 * the first paint, in the layout, with the session's id for the tab to join with; the session
 * waits `joinTimeout` for that tab (see SessionRegistry.holdForJoin).
 */
export class Pages {
  private readonly router: Router;
  private readonly registry: SessionRegistry;
  private readonly layout: Layout;
  private readonly basePath: string;
  private readonly dev: boolean;

  constructor(router: Router, registry: SessionRegistry, options: ResolvedOptions) {
    this.router = router;
    this.registry = registry;
    this.layout = options.layout;
    this.basePath = options.basePath;
    this.dev = options.dev;
  }

  /** Answers a GET or HEAD of a route's page; resolves false (answering nothing) for anything else. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = req.url ?? "/";
    const match = this.router.match(url);
    if (match === null) return false;
    if (req.method === "HEAD") {
      // A HEAD gets the headers of the page without a session being made for nobody.
      res.writeHead(200, HTML_HEADERS);
      res.end();
      return true;
    }
    const session = await this.registry.createForPage(url, match, clientAddress(req));
    if (session === null) {
      // Too many pages wait for their tab (SessionRegistry.createForPage): one frees as a tab
      // joins or a page's joinTimeout runs out.
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": RETRY_AFTER });
      res.end("The server is busy: too many pages are waiting for their tab. Try again in a few seconds.");
      return true;
    }
    const body = this.layout({
      title: match.title,
      head: match.head,
      script: scriptTag(this.basePath, this.dev, match.auroraview),
      root: rootElement(session.id, this.basePath, session.toHtml()),
    });
    res.writeHead(200, HTML_HEADERS);
    res.end(body);
    return true;
  }
}

const HTML_HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } as const;

/** Seconds a client is asked to wait after a 503 for too many pending pages. */
const RETRY_AFTER = "5";
