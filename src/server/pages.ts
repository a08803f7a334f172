import type { IncomingMessage, ServerResponse } from "node:http";
import { randomToken } from "../session/random-token.js";
import { Refusal, type Authorizer } from "./authorize.js";
import type { JoinTokens } from "./join-tokens.js";
import { moduleScripts, rootElement, scriptTag, uploadScriptTag, type Layout } from "./layout.js";
import type { Uploads } from "./uploads.js";
import { documentToHtml } from "../html/to-html.js";
import { trustedHtml } from "../template/raw.js";
import { clientAddress } from "./client-address.js";
import { clientScripts } from "./client-scripts.js";
import { devHost } from "./dev-host.js";
import { paintFailed } from "./error-page.js";
import type { ResolvedOptions } from "./options.js";
import type { Router } from "./routes.js";
import type { SessionRegistry } from "./session-registry.js";

/**
 * The pages of a server: a GET runs the authorize hooks on the request, renders the route's
 * component into a new session for the context they return, and answers the first paint, in
 * the layout, with the session's id and a join token for the tab to join with; the session
 * waits `joinTimeout` for that tab (see SessionRegistry.holdForJoin).
 */
export class Pages {
  private readonly router: Router;
  private readonly registry: SessionRegistry;
  private readonly authorizer: Authorizer;
  private readonly tokens: JoinTokens;
  private readonly layout: Layout;
  private readonly basePath: string;
  private readonly dev: boolean;
  private readonly joinTimeout: number;
  private readonly csp: boolean;
  private readonly trustProxy: boolean;
  private readonly islands: boolean;
  private readonly navigation: boolean;
  private readonly uploads: Uploads | null;

  constructor(router: Router, registry: SessionRegistry, authorizer: Authorizer, tokens: JoinTokens, options: ResolvedOptions, uploads: Uploads | null = null) {
    this.uploads = uploads;
    this.router = router;
    this.registry = registry;
    this.authorizer = authorizer;
    this.tokens = tokens;
    this.layout = options.layout;
    this.basePath = options.basePath;
    this.dev = options.dev;
    this.joinTimeout = options.joinTimeout;
    this.csp = options.csp;
    this.trustProxy = options.trustProxy;
    this.islands = options.islands !== null;
    this.navigation = options.navigation;
  }

  /** Answers a GET or HEAD of a route's page; resolves false (answering nothing) for anything else. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = req.url ?? "/";
    const match = this.router.match(url);
    if (match === null) return false;
    const admission = await this.authorizer.check(req, url, match.authorize);
    if (admission instanceof Refusal) {
      refuse(res, admission);
      return true;
    }
    const nonce = (match.csp ?? this.csp) ? randomToken(18) : "";
    const headers = nonce === "" ? HTML_HEADERS : { ...HTML_HEADERS, "content-security-policy": contentSecurityPolicy(nonce) };
    if (req.method === "HEAD") {
      // A HEAD gets the headers of the page without a session being made for nobody.
      res.writeHead(200, headers);
      res.end();
      return true;
    }
    const session = await this.registry.createForPage(url, match, clientAddress(req, this.trustProxy), admission.context);
    if (session === null) {
      // Too many pages wait for their tab (SessionRegistry.createForPage): one frees as a tab
      // joins or a page's joinTimeout runs out.
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": RETRY_AFTER });
      res.end("The server is busy: too many pages are waiting for their tab. Try again in a few seconds.");
      return true;
    }
    if (session.paintError !== undefined) {
      session.end("the first paint failed");
      paintFailed(res, session.paintError, url, this.dev);
      return true;
    }
    const token = this.tokens.signPage(session, session.path, session.id, this.tokens.identityDigest(admission.identity), this.joinTimeout);
    const uploadScript = match.uploads || this.uploads?.hasUploads(session.id) ? uploadScriptTag(this.basePath, this.dev, nonce) : "";
    const head = (typeof match.head === "function" ? match.head({ nonce }) : match.head) + moduleScripts(match.scripts, nonce) + uploadScript;
    const paint = session.toHtml();
    // A page that shows a LiveList (or whose route asks) gets the builder of rows from shapes,
    // and its session sends new rows so from now on (src/diff/shapes.ts).
    const lists = match.lists ?? session.tree.hasLists;
    if (lists) session.tree.shapes = true;
    const client = clientScripts(paint, match, this.basePath, this.dev, nonce, this.islands);
    const document = this.layout({
      title: match.title,
      path: match.props.path,
      head: trustedHtml(head),
      script: trustedHtml(scriptTag(this.basePath, this.dev, match.auroraview ? session.boundMethods : undefined, nonce, this.navigation, match.windows, lists) + client + (devHost()?.pageScript(this.basePath, nonce) ?? "")),
      root: trustedHtml(rootElement(session.id, token, this.basePath, paint)),
      nonce,
    });
    const body = typeof document === "string" ? document : documentToHtml(document);
    res.writeHead(200, headers);
    res.end(body);
    return true;
  }
}

const HTML_HEADERS = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } as const;

/**
 * Scripts run only with the page's nonce, and what they load (the long-poll transport) through
 * 'strict-dynamic'; no inline handlers, no eval, no plugins, no <base> that moves URLs.
 */
export function contentSecurityPolicy(nonce: string): string {
  return `script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; base-uri 'none'`;
}

/** A refused page: the redirect, or the status with a short text. */
function refuse(res: ServerResponse, refusal: Refusal): void {
  if (refusal.location !== null) {
    res.writeHead(refusal.status, { location: refusal.location, "cache-control": "no-store" });
    res.end();
    return;
  }
  res.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(refusal.message);
}
/** Seconds a client is asked to wait after a 503 for too many pending pages. */
const RETRY_AFTER = "5";
