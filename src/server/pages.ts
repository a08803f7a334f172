import type { IncomingMessage, ServerResponse } from "node:http";
import { rootElement, scriptTag, type Layout } from "./layout.js";
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
    const session = await this.registry.create(url, match);
    if (session === null) return false;
    this.registry.holdForJoin(session);
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
