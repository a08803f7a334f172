/**
 * A server for session tests over real sockets: `start` serves (with the file's routes, and
 * an onError that collects into `errors`), `open` joins a protocol client; both are closed
 * after each test.
 */
import { afterEach, expect } from "vitest";
import { serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { Msg, type MountMessage } from "../../src/protocol/wire.js";
import { ProtocolClient } from "./client.js";

export interface SessionServer {
  /** What the server reported through onError in this test. */
  readonly errors: Array<{ error: unknown; where: string }>;
  /** The server `start` made in this test. */
  readonly server: RunningServer;
  start(options?: Partial<ServeOptions>): Promise<RunningServer>;
  /** A client on a new socket, closed after the test. */
  connect(): Promise<ProtocolClient>;
  /** A client joined to `path` (the session `sid` rendered, or a fresh one), with its Mount. */
  open(path: string, sid?: string | null): Promise<{ c: ProtocolClient; mount: MountMessage }>;
}

/** Registers the hooks (call it at the top of a test file); `defaults` are the file's serve options. */
export function useSessionServer(defaults: Partial<ServeOptions> & Pick<ServeOptions, "routes">): SessionServer {
  const errors: Array<{ error: unknown; where: string }> = [];
  const clients: ProtocolClient[] = [];
  let running: RunningServer | null = null;

  afterEach(async () => {
    for (const c of clients.splice(0)) c.ws.terminate();
    await running?.close();
    running = null;
    errors.length = 0;
  });

  const harness: SessionServer = {
    errors,
    get server(): RunningServer {
      if (running === null) throw new Error("no server: call start() first");
      return running;
    },
    async start(options = {}) {
      running = await serve({ port: 0, host: "127.0.0.1", dev: true, onError: (error, where) => errors.push({ error, where }), ...defaults, ...options });
      return running;
    },
    async connect() {
      const c = await ProtocolClient.connect(harness.server.url);
      clients.push(c);
      return c;
    },
    async open(path, sid = null) {
      const c = await harness.connect();
      const mount = await c.join(path, sid);
      expect(mount.k).toBe(Msg.Mount);
      return { c, mount };
    },
  };
  return harness;
}
