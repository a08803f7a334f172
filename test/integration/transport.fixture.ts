/**
 * What the transport conformance cases (transport.case.ts, resume.case.ts) share: the pages
 * they drive, how they read answers, and a tab per transport that is closed after each test.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { Component, html, serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { Msg, type MountMessage, type ServerMessage } from "../../src/protocol/wire.js";
import { nodeId, textNodeId, type ProtocolTransport, type TransportFactory } from "../support/transports.js";

/** Every Board on the server, by session id, so a test can change one while its tab is away. */
export const boards = new Map<string, Board>();

/** A number the page and the server can both change, and a button whose handler changes nothing. */
export class Board extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  private sid = "";

  mount() {
    this.sid = this.session.id;
    boards.set(this.sid, this);
  }

  unmount() {
    boards.delete(this.sid);
  }

  inc() {
    this.setState({ n: this.state.n + 1 });
  }

  noop() {}

  render() {
    return html`<main>
      <button id="inc" onClick=${this.inc}>+</button>
      <button id="noop" onClick=${this.noop}>=</button>
      <output id="n">${this.state.n}</output>
    </main>`;
  }
}

/** A page far above the compression threshold (1024 bytes), with a counter in it. */
export class Big extends Component<Record<string, never>, { n: number }> {
  state = { n: 0 };
  inc() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return html`<main>
      <button id="inc" onClick=${this.inc}>+</button>
      <output id="n">${this.state.n}</output>
      <ul id="rows">${Array.from({ length: 300 }, (_, i) => html`<li key=${i}>row ${i}: ${"é€😀".repeat(3)}</li>`)}</ul>
    </main>`;
  }
}

export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(condition: () => boolean, what: string, timeout = 10_000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(5);
  }
}

export const numbered = (messages: ServerMessage[]): Array<ServerMessage & { s: number }> =>
  messages.filter((m): m is ServerMessage & { s: number } => "s" in m && typeof m.s === "number");

/** The answer to event `e`: its Patch or Reply (both carry `a`), or an Error naming it. */
export const answers = (e: number) => (m: ServerMessage): boolean =>
  ((m.k === Msg.Patch || m.k === Msg.Reply) && m.a === e) || (m.k === Msg.Error && m.e === e);

/**
 * Tabs over one transport, each closed after its test, and servers of /board and /big. Call it
 * once at the top of a case file; `startServer` inside a `describe` serves for that block.
 */
export function useTransport(transport: TransportFactory) {
  const open: ProtocolTransport[] = [];

  afterEach(async () => {
    await Promise.all(open.splice(0).map((t) => t.close()));
  });

  async function connect(server: RunningServer): Promise<ProtocolTransport> {
    const t = await transport.connect(server.url);
    open.push(t);
    return t;
  }

  /** A fresh tab on /board: its transport, its Mount, and the ids a tab reads from the Mount. */
  async function joinBoard(server: RunningServer) {
    const t = await connect(server);
    const mount = (await t.join("/board")) as MountMessage;
    expect(mount.k).toBe(Msg.Mount);
    return { t, mount, inc: nodeId(mount, "inc"), noop: nodeId(mount, "noop"), text: textNodeId(mount, "n") };
  }

  function startServer(options: Partial<ServeOptions> = {}): () => RunningServer {
    let server: RunningServer;
    beforeAll(async () => {
      server = await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/board": Board, "/big": Big }, onError: () => {}, ...options });
    });
    afterAll(async () => {
      await server?.close();
    });
    return () => server;
  }

  return { connect, joinBoard, startServer };
}
