import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TetherOptions } from "./options.js";
import { closeOnSignals } from "./signals.js";
import { createTether, type Tether } from "./tether.js";

export interface ServeOptions extends TetherOptions {
  /** Default: the PORT environment variable, else 3000. 0 picks a free port. */
  port?: number;
  /** Default: the HOST environment variable, else 127.0.0.1. */
  host?: string;
  /**
   * Default true: on SIGINT (Ctrl-C) and SIGTERM (a process manager's stop) the server closes,
   * telling its tabs to reconnect, then the process ends by the signal, unless the app listens
   * for that signal itself (then ending it is the app's). False leaves signals to the app.
   */
  signals?: boolean;
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
  const server = createServer((req, res) => {
    tether.handle(req, res).then(
      (handled) => {
        if (handled) return;
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("Not found");
      },
      (error: unknown) => {
        console.error("[tether] request failed:", error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("Internal error");
      },
    );
  });
  tether.attach(server);
  const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 3000);
  const host = options.host ?? process.env.HOST ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
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
    url: `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`,
    close,
  };
}
