import { connect, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/** One proxied TCP connection: the client's socket and ours to the server. */
interface Pair {
  client: Socket;
  upstream: Socket;
}

/**
 * A loopback TCP proxy in front of a server, for tests that need the network to fail: point a
 * browser or a client at `url` instead of the server's, then `cutAll()` drops every connection
 * the way a dead Wi-Fi does (a reset on both sides, mid-frame if need be), `stall()` leaves them
 * half-open, and `pause()` makes new connections fail until `resume()`.
 * Only 127.0.0.1, never another interface.
 */
export class TcpProxy {
  private readonly server: Server;
  private readonly pairs = new Set<Pair>();
  private readonly targetPort: number;
  private paused = false;
  /** Connections accepted since the start (refused ones while paused not counted). */
  accepted = 0;
  /** Connections dropped by `cutAll()` so far. */
  cut = 0;

  private constructor(server: Server, targetPort: number) {
    this.server = server;
    this.targetPort = targetPort;
    server.on("connection", (client) => this.accept(client));
  }

  /** Starts a proxy on a free loopback port that forwards to `127.0.0.1:targetPort`. */
  static async start(targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server, targetPort);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return proxy;
  }

  /** Starts a proxy in front of a server given by its URL (`http://127.0.0.1:1234`). */
  static forUrl(serverUrl: string): Promise<TcpProxy> {
    const url = new URL(serverUrl);
    if (url.hostname !== "127.0.0.1") throw new Error(`TcpProxy only forwards to 127.0.0.1, not ${url.hostname}`);
    return TcpProxy.start(Number(url.port));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The proxy's address as an HTTP URL, to use in place of the server's. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Connections open through the proxy now. */
  get open(): number {
    return this.pairs.size;
  }

  /** Drops every open connection on both sides at once (TCP reset); returns how many. */
  cutAll(): number {
    const pairs = [...this.pairs];
    for (const pair of pairs) this.drop(pair);
    this.cut += pairs.length;
    return pairs.length;
  }

  /**
   * Every open connection stops carrying data in either direction but stays open: a half-open
   * connection, as when a laptop sleeps or a NAT forgets it. Only a heartbeat notices.
   */
  stall(): void {
    for (const { client, upstream } of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  /** From now on, new connections are reset as soon as they arrive (the server looks unreachable). */
  pause(): void {
    this.paused = true;
  }

  /** New connections go through again. */
  resume(): void {
    this.paused = false;
  }

  /** Drops every connection and stops listening. */
  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.paused) {
      client.on("error", ignore);
      client.resetAndDestroy();
      return;
    }
    this.accepted++;
    const upstream = connect(this.targetPort, "127.0.0.1");
    const pair: Pair = { client, upstream };
    this.pairs.add(pair);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.pipe(upstream);
    upstream.pipe(client);
    // Whichever side ends or fails first takes the other with it, as a real connection would.
    const end = () => this.drop(pair);
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  }

  private drop(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    for (const socket of [pair.client, pair.upstream]) {
      socket.on("error", ignore);
      if (!socket.destroyed) socket.resetAndDestroy();
    }
  }
}

function ignore(): void {}
