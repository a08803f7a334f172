import { joinQuery } from "../src/protocol/encode.js";
import { Msg, PROTOCOL_VERSION, type ClientMessage, type EmitMessage, type JoinMessage, type ServerMessage } from "../src/protocol/wire.js";
import { loadLongPoll, openWebSocket, type Transport } from "./transport.js";
import { devHooks, devReceived, devSent } from "./dev-hooks.js";

declare const DEV: boolean;

/**
 * Connection states, also set as a class on <html> (`tether-connected`, …): "connecting" before
 * the first join, "reconnecting" after a drop, "disconnected" when the server refused for good.
 */
export type Status = "connecting" | "connected" | "reconnecting" | "disconnected";

export interface ConnectionEvents {
  message(message: ServerMessage): void;
  status(status: Status): void;
}

// A standalone acknowledgement waits this long for an event to carry it instead.
const ACK_DELAY = 250;
const RETRY_MIN = 250;
const RETRY_MAX = 8_000;

/**
 * The link to the server: join and resume, sequence numbers and acknowledgements, heartbeat,
 * reconnecting with backoff and jitter, and the long-poll fallback when a WebSocket cannot be
 * opened (or `?transport=longpoll` is in the page's URL). It knows nothing about the DOM.
 */
export class Connection {
  #transport: Transport | null = null;
  readonly #base: string;
  #sid: string | null;
  /** Resume token of the last Mount: lets this tab, and only it, resume the session. */
  #rt: string | null = null;
  /**
   * The join token: the page's until the first Mount, then the last Mount's, Resume's or live
   * navigation's (an Emit with `tk`): it is for the page's path, which a join reads from
   * `location` (live navigation changes it).
   */
  #token: string | null;
  readonly #events: ConnectionEvents;
  /** Last server sequence number received, acknowledged with the next event or after ACK_DELAY. */
  #received = 0;
  #acknowledged = 0;
  #ackTimer = 0;
  #retries = 0;
  #stopped = false;
  #longPoll: boolean;
  #heartbeat: [number, number] = [15_000, 10_000];
  #heartbeatTimer = 0;
  #lastHeard = 0;
  /** The largest message the server accepts, in bytes (from the last Mount or Resume). */
  maxMessageSize = Infinity;
  /** Joined on the current transport: messages may be sent. */
  #joined = false;
  status: Status = "connecting";

  constructor(base: string, sid: string | null, token: string | null, events: ConnectionEvents) {
    this.#base = base;
    this.#sid = sid;
    this.#token = token;
    this.#events = events;
    this.#longPoll = longPollAsked() || typeof WebSocket === "undefined";
    if (DEV) devHooks.send = (message) => this.send(message); // the devtools' DevWatch
  }

  /** The transport in use: "websocket" or "longpoll". */
  get transportName(): string {
    return this.#longPoll ? "longpoll" : "websocket";
  }

  connect(): void {
    // A first join travels in the WebSocket's URL (one round trip sooner), with the page's own
    // short-lived token; once a Mount came (#received > 0), joins carry tokens that last, in a message.
    const joinInUrl = !this.#longPoll && this.#received === 0;
    const path = location.pathname + location.search;
    const events = {
      open: () => {
        if (this.#transport !== transport || joinInUrl) return;
        // A null token is sent as null, which the server reads as none.
        const join = { k: Msg.Join, v: PROTOCOL_VERSION, sid: this.#sid, path, t: this.#token } as JoinMessage;
        if (this.#rt !== null) {
          join.rt = this.#rt;
          join.s = this.#received;
        }
        this.#write(join);
      },
      message: (m: ServerMessage) => {
        if (DEV && devReceived(m, () => this.#transport === transport && this.#onMessage(m))) return;
        if (this.#transport === transport) this.#onMessage(m);
      },
      close: (opened: boolean) => {
        if (this.#transport === transport) this.#onClose(opened);
      },
    };
    let transport: Transport;
    if (!this.#longPoll) {
      const query = joinInUrl ? joinQuery(PROTOCOL_VERSION, this.#sid, path, this.#token) : "";
      // "http:" → "ws:", "https:" → "wss:" (sliced: fewer bytes in the runtime than a comparison).
      transport = openWebSocket(`ws${location.protocol.slice(4)}//${location.host}${this.#base}/ws${query}`, events);
      this.#transport = transport;
      return;
    }
    // Until its script has loaded, a placeholder holds the place (a close() meanwhile is a close).
    let closed = false;
    transport = { send() {}, close: () => (closed = true) };
    this.#transport = transport;
    loadLongPoll(this.#base).then(
      (open) => {
        if (this.#transport !== transport) return;
        if (closed) return events.close(false);
        const real = open(this.#base, events);
        transport = real; // the events check identity against the live transport
        this.#transport = real;
      },
      () => this.#transport === transport && events.close(false),
    );
  }

  /** Sends a message; false if there is no joined connection. */
  send(message: ClientMessage): boolean {
    if (!this.#joined) return false;
    if (message.k === Msg.Event && this.#received > this.#acknowledged) {
      message.a = this.#acknowledged = this.#received;
      clearTimeout(this.#ackTimer);
      this.#ackTimer = 0;
    }
    this.#write(message);
    return true;
  }

  /** Drops the connection to get the tree again (the page diverged from the server). */
  resync(): void {
    this.#rt = null; // a fresh mount, not a replay
    this.#transport?.close();
  }

  #write(message: ClientMessage): void {
    if (DEV && devSent(this.#transport!, message)) return;
    this.#transport!.send(JSON.stringify(message));
  }

  #onMessage(message: ServerMessage): void {
    this.#lastHeard = Date.now();
    if ((message as EmitMessage).tk) this.#token = (message as EmitMessage).tk!;
    if (message.k === Msg.Mount || message.k === Msg.Resume) {
      if (message.k === Msg.Mount) {
        this.#sid = message.sid;
        this.#rt = message.rt;
        this.#received = this.#acknowledged = message.s;
      }
      this.#heartbeat = message.hb;
      this.maxMessageSize = message.mx;
      this.#retries = 0;
      this.#joined = true;
      this.#startHeartbeat();
      // "connected" is announced once the page shows the mounted (or resumed) tree.
      this.#events.message(message);
      this.#setStatus("connected");
      return;
    } else if ("s" in message) {
      if (message.s <= this.#received) return; // already applied (sent again around a resume)
      if (message.s !== this.#received + 1) {
        // A message was lost (a dropped long-poll answer): resume, and the server replays from what we have.
        if (DEV) console.warn(`[tether] message ${message.s} arrived after ${this.#received}; resuming`);
        this.#transport?.close();
        return;
      }
      this.#received = message.s;
      if (this.#ackTimer === 0) this.#ackTimer = window.setTimeout(this.#sendAck, ACK_DELAY);
    } else if (message.k === Msg.Error && message.fatal) {
      this.#stopped = true;
      // A refused join that names where to go instead (a login page): the page goes there.
      if (message.to) location.assign(message.to);
    }
    this.#events.message(message);
  }

  readonly #sendAck = (): void => {
    this.#ackTimer = 0;
    if (this.#received > this.#acknowledged && this.#joined) {
      this.#acknowledged = this.#received;
      this.#write({ k: Msg.Ack, s: this.#received });
    }
  };

  /** Pings when the line has been quiet; closes it when the server has been silent too long (half-open). */
  #startHeartbeat(): void {
    clearInterval(this.#heartbeatTimer);
    const [interval, timeout] = this.#heartbeat;
    this.#heartbeatTimer = window.setInterval(() => {
      const quiet = Date.now() - this.#lastHeard;
      if (quiet > interval + timeout) this.#transport?.close();
      else if (quiet >= interval && this.#joined) this.#write({ k: Msg.Ping });
    }, Math.max(50, Math.min(interval, timeout) / 2));
  }

  #onClose(opened: boolean): void {
    this.#transport = null;
    this.#joined = false;
    clearTimeout(this.#ackTimer);
    clearInterval(this.#heartbeatTimer);
    this.#ackTimer = 0;
    // A WebSocket that never opened is likely blocked (a proxy, a firewall): try long-poll. If
    // long-poll never opened either, the server is away; try the WebSocket again next time.
    if (!opened) this.#longPoll = !this.#longPoll || longPollAsked();
    this.#setStatus(this.#stopped ? "disconnected" : "reconnecting");
    if (this.#stopped) return;
    const delay = Math.min(RETRY_MAX, RETRY_MIN * 2 ** this.#retries++) * (0.5 + Math.random() / 2);
    window.setTimeout(() => this.connect(), delay);
  }

  #setStatus(status: Status): void {
    if (this.status === status) return;
    this.status = status;
    this.#events.status(status);
  }
}

/** `?transport=longpoll` in the page's URL: long-poll only (a test of the fallback, a network known to block WebSockets). */
function longPollAsked(): boolean {
  return new URLSearchParams(location.search).get("transport") === "longpoll";
}
