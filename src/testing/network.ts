import type { IncomingMessage } from "node:http";
import type { Transport } from "../session/channel.js";
import type { LiveSession } from "../session/live-session.js";
import type { ClientRecord } from "../server/client-connections.js";
import { connectionClosed, createConnection, receiveJoinQuery, receiveText, type Connection, type ConnectionHost } from "../server/connection.js";
import { Lane } from "./lane.js";

/** What the view sees of the traffic: every text each side sent, before it travels. */
export interface WireTap {
  /** A message the page sent. */
  fromPage(text: string): void;
  /** A message the server sent; returns the text the page receives (the page mock rewrites a few). */
  fromServer(text: string): string;
  /** A delivery threw (the runtime or the server failed on a message). */
  failed(error: unknown): void;
}

/** What the runtime's `runtime/transport.ts` uses of a browser WebSocket. */
interface PageSocketEvents {
  onopen: (() => void) | null;
  onmessage: ((event: { data: string }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
}

/** One open connection: the page's socket and the server's end of it. */
interface Link {
  page: PageSocketEvents;
  server: ServerEnd;
  /** The page has not closed it, nor heard it closed. */
  pageOpen: boolean;
  /** The server has not closed it, nor heard it closed. */
  serverOpen: boolean;
}

/**
 * The server's end of an in-process connection: a Transport the session writes to and a
 * Connection the join policy attaches, as `LongPollTransport` is for HTTP.
 */
class ServerEnd implements Transport {
  readonly connection: Connection;
  readonly bufferedAmount = 0;
  readonly #network: Network;
  link!: Link;

  constructor(network: Network, host: ConnectionHost, client: ClientRecord) {
    this.#network = network;
    this.connection = createConnection(this, host, client);
  }

  send(text: string): void {
    this.#network.toPage(this.link, text);
  }

  close(code = 1000, reason = ""): void {
    this.#network.closeFromServer(this.link, code, reason);
  }
}

/**
 * The network between one view's page and its server, in memory: the page's `WebSocket` (the
 * class the runtime finds in its window) and the server's transport, each message a string
 * that the runtime writes and reads with JSON and the server with `validate.ts`, as on a real
 * socket. It can be slowed (`latency`) and cut (`down`); connections opened while it is down
 * wait, as a browser's do on a dead network, and open when it is back.
 */
export class Network {
  latency = 0;
  #down = false;
  #closed = false;
  #link: Link | null = null;
  #waiting: Array<{ socket: PageSocketEvents & { readyState: number }; url: string }> = [];
  readonly #toServer = new Lane();
  readonly #toPage = new Lane();
  readonly #host: ConnectionHost;
  readonly #request: () => IncomingMessage;
  readonly #tap: WireTap;
  /** The page's WebSocket class: install it as the window's `WebSocket`. */
  readonly WebSocket: new (url: string) => unknown;

  /** `request`: the upgrade request of each connection (its cookies reach the join's authorize hooks). */
  constructor(host: ConnectionHost, request: () => IncomingMessage, tap: WireTap) {
    this.#host = host;
    this.#request = request;
    this.#tap = tap;
    const network = this;
    this.WebSocket = class WebSocket implements PageSocketEvents {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSED = 3;
      readyState = 0;
      binaryType = "blob";
      readonly url: string;
      onopen: (() => void) | null = null;
      onmessage: ((event: { data: string }) => void) | null = null;
      onclose: ((event: { code: number; reason: string }) => void) | null = null;
      link: Link | null = null;

      constructor(url: string) {
        this.url = url;
        network.#open(this, url);
      }

      send(text: string): void {
        if (this.link !== null) network.#fromPage(this.link, text);
      }

      close(): void {
        this.readyState = 3;
        if (this.link !== null) network.#closeFromPage(this.link);
        else network.#waiting = network.#waiting.filter((w) => w.socket !== this);
      }
    };
  }

  /** Deliveries on their way, both directions. */
  get inFlight(): number {
    return this.#toServer.size + this.#toPage.size;
  }

  get isDown(): boolean {
    return this.#down;
  }

  /** The session the page's connection is joined to now, if any. */
  get session(): LiveSession | null {
    return this.#link?.serverOpen ? this.#link.server.connection.session : null;
  }

  /**
   * Cuts the network: the connection drops at both ends at once (what was on its way is
   * lost, as with a dead link), and new ones wait until `up()`.
   */
  down(): void {
    this.#down = true;
    const link = this.#link;
    if (link === null) return;
    this.#toServer.clear();
    this.#toPage.clear();
    const { pageOpen, serverOpen } = link;
    link.pageOpen = link.serverOpen = false;
    if (serverOpen) connectionClosed(link.server.connection);
    if (pageOpen) this.#toPage.push(() => this.#deliver(() => link.page.onclose?.({ code: 1006, reason: "network down" })), 0);
  }

  /** The network is back: connections the page opened meanwhile open now. */
  up(): void {
    this.#down = false;
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const w of waiting) this.#connect(w.socket, w.url);
  }

  /** The page's document is gone (a full page load): its connection closes, as a browser closes it; one waiting to open never does. */
  leave(): void {
    this.#waiting = [];
    if (this.#link !== null) this.#closeFromPage(this.#link);
  }

  /** Drops everything for good (the view closed). */
  close(): void {
    this.#closed = true;
    this.#toServer.clear();
    this.#toPage.clear();
    this.#waiting = [];
    const link = this.#link;
    if (link !== null && link.serverOpen) connectionClosed(link.server.connection);
    if (link !== null) link.pageOpen = link.serverOpen = false;
  }

  toPage(link: Link, text: string): void {
    // A page that closed its connection reads nothing more of it.
    if (!link.serverOpen || !link.pageOpen) return;
    const delivered = this.#tap.fromServer(text);
    this.#toPage.push(() => link.pageOpen && this.#deliver(() => link.page.onmessage?.({ data: delivered })), this.latency);
  }

  /** The server closed: it knows at once, the page when the close reaches it. */
  closeFromServer(link: Link, code: number, reason: string): void {
    if (!link.serverOpen) return;
    link.serverOpen = false;
    connectionClosed(link.server.connection);
    this.#toPage.push(() => {
      if (!link.pageOpen) return;
      link.pageOpen = false;
      this.#deliver(() => link.page.onclose?.({ code, reason }));
    }, this.latency);
  }

  #open(socket: PageSocketEvents & { readyState: number }, url: string): void {
    if (this.#closed) return;
    if (this.#down) this.#waiting.push({ socket, url });
    else this.#connect(socket, url);
  }

  /** The upgrade: the server's end exists at once, joined from the URL; the page hears it opened one latency later. */
  #connect(socket: PageSocketEvents & { readyState: number; link?: Link | null }, url: string): void {
    const request = this.#request();
    const server = new ServerEnd(this, this.#host, this.#host.clients.open(request.socket.remoteAddress ?? ""));
    const link: Link = { page: socket, server, pageOpen: true, serverOpen: true };
    server.link = link;
    socket.link = link;
    this.#link = link;
    this.#toPage.push(() => {
      if (!link.pageOpen) return;
      socket.readyState = 1;
      this.#deliver(() => socket.onopen?.());
    }, this.latency);
    const query = url.indexOf("?");
    if (query !== -1) receiveJoinQuery(server.connection, url.slice(query), request);
  }

  #fromPage(link: Link, text: string): void {
    if (!link.pageOpen) return;
    this.#tap.fromPage(text);
    this.#toServer.push(() => link.serverOpen && this.#deliver(() => receiveText(link.server.connection, text, null)), this.latency);
  }

  /** The page closed: what it sent before still arrives, then the close. */
  #closeFromPage(link: Link): void {
    if (!link.pageOpen) return;
    link.pageOpen = false;
    this.#toServer.push(() => {
      if (!link.serverOpen) return;
      link.serverOpen = false;
      this.#deliver(() => connectionClosed(link.server.connection));
    }, this.latency);
  }

  #deliver(run: () => void): void {
    if (this.#closed) return;
    try {
      run();
    } catch (error) {
      this.#tap.failed(error);
    }
  }
}
