/**
 * A bare node:http server on 127.0.0.1 for tests that drive one part of Tether's server
 * (pages, assets, the long-poll endpoint, upgrades) without the rest of it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestServer {
  server: Server;
  /** `http://127.0.0.1:port` */
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on a free port of 127.0.0.1 with `handle`: a request it resolves false for gets a
 * 404 with the body "not handled", one it throws for a 500.
 */
export async function listen(handle: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>): Promise<TestServer> {
  const server = createServer((req, res) => {
    Promise.resolve(handle(req, res)).then(
      (handled) => {
        if (handled) return;
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not handled");
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
