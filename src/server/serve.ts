import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { TetherOptions } from "./options.js";
import { closeOnSignals } from "./signals.js";
import { createTether, type Tether } from "./tether.js";

/**
 * Answers a request that is not Tether's, Connect-style: `next()` passes it on (a 404 under
 * `serve`), `next(error)` fails it (a 500, the error logged).
 */
export type Fallback = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => unknown;

export interface ServeOptions extends TetherOptions {
  /** Default: the PORT environment variable, else 3000. 0 picks a free port. */
  port?: number;
  /** Default: the HOST environment variable, else 127.0.0.1. */
  host?: string;
  /**
   * Answers every request that no route's page and no Tether file answers: your stylesheets
   * and images, an API, a health check, your own 404 page. Connect-style middleware (such as
   * `serve-static`, or an Express app) fits as it is; one that throws, rejects or calls
   * `next(error)` gets a 500 with the error logged. Default: such requests get a 404.
   */
  fallback?: Fallback;
  /**
   * Default true: on SIGINT (Ctrl-C) and SIGTERM (a process manager's stop) the server closes,
   * telling its tabs to reconnect, then the process ends by the signal, unless the app listens
   * for that signal itself (then ending it is the app's). False leaves signals to the app.
   */
  signals?: boolean;
  /** Don't log the "listening on" line when the server starts. Default false. */
  quiet?: boolean;
}

export interface RunningServer {
  server: Server;
  tether: Tether;
  /** The address it listens on, e.g. http://127.0.0.1:3000. */
  url: string;
  close(): Promise<void>;
}

/** Serves Tether routes on a new node:http server with WebSockets. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const tether = createTether(options);
  const fallback = options.fallback ?? notFound;
  const server = createServer((req, res) => {
    tether
      .handle(req, res)
      .then((handled) => {
        if (!handled) return fallback(req, res, (error?: unknown) => (error === undefined ? notFound(req, res) : failed(res, error)));
      })
      .then(undefined, (error: unknown) => failed(res, error));
  });
  tether.attach(server);
  const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 3000);
  const host = options.host ?? process.env.HOST ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  // One line, so a first run says it started and where (a busy port fails with EADDRINUSE instead).
  if (options.quiet !== true) console.log(`[tether] listening on ${url}`);
  async function close(): Promise<void> {
    forgetSignals();
    await tether.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const forgetSignals = options.signals === false ? () => {} : closeOnSignals(close);
  return {
    server,
    tether,
    url,
    close,
  };
}

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) return void res.end();
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
  res.end("Not found");
}

function failed(res: ServerResponse, error: unknown): void {
  console.error("[tether] request failed:", error);
  if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
  res.end("Internal error");
}
