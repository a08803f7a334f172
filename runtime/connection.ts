import { Msg, PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from "../src/protocol/wire.js";

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
 * The WebSocket to the server: join, sequence numbers, acknowledgements and reconnecting with
 * backoff and jitter. It knows nothing about the DOM.
 */
export class Connection {
  private ws: WebSocket | null = null;
  private readonly url: string;
  private readonly path: string;
  private sid: string | null;
  private readonly events: ConnectionEvents;
  /** Last server sequence number received, acknowledged with the next event or after ACK_DELAY. */
  private received = 0;
  private acknowledged = 0;
  private ackTimer = 0;
  private retries = 0;
  private stopped = false;
  status: Status = "connecting";

  constructor(url: string, sid: string | null, path: string, events: ConnectionEvents) {
    this.url = url;
    this.sid = sid;
    this.path = path;
    this.events = events;
  }

  connect(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => this.write({ k: Msg.Join, v: PROTOCOL_VERSION, sid: this.sid, path: this.path });
    ws.onmessage = (e) => this.onMessage(e.data as string);
    ws.onclose = () => this.onClose(ws);
  }

  /** Sends a message; false if there is no open connection. */
  send(message: ClientMessage): boolean {
    if (this.status !== "connected") return false;
    if (message.k === Msg.Event && this.received > this.acknowledged) {
      message.a = this.acknowledged = this.received;
      clearTimeout(this.ackTimer);
      this.ackTimer = 0;
    }
    this.write(message);
    return true;
  }

  /** Stops for good (a fatal error): no more reconnecting. */
  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }

  /** Closes the socket to get a fresh mount from the server (after the page diverged). */
  resync(): void {
    this.ws?.close();
  }

  private write(message: ClientMessage): void {
    this.ws!.send(JSON.stringify(message));
  }

  private onMessage(text: string): void {
    const message = JSON.parse(text) as ServerMessage;
    if (message.k === Msg.Mount) {
      this.sid = message.sid;
      this.received = this.acknowledged = message.s;
      this.retries = 0;
      this.setStatus("connected");
    } else if ("s" in message) {
      if (DEV && message.s !== this.received + 1) console.warn(`[tether] message ${message.s} arrived after ${this.received}`);
      this.received = message.s;
      if (this.ackTimer === 0) this.ackTimer = window.setTimeout(this.sendAck, ACK_DELAY);
    } else if (message.k === Msg.Error && message.fatal) {
      this.stopped = true;
    }
    this.events.message(message);
  }

  private readonly sendAck = (): void => {
    this.ackTimer = 0;
    if (this.received > this.acknowledged && this.status === "connected") {
      this.acknowledged = this.received;
      this.write({ k: Msg.Ack, s: this.received });
    }
  };

  private onClose(ws: WebSocket): void {
    if (ws !== this.ws) return;
    this.ws = null;
    clearTimeout(this.ackTimer);
    this.ackTimer = 0;
    this.setStatus(this.stopped ? "disconnected" : "reconnecting");
    if (this.stopped) return;
    const delay = Math.min(RETRY_MAX, RETRY_MIN * 2 ** this.retries++) * (0.5 + Math.random() / 2);
    window.setTimeout(() => this.connect(), delay);
  }

  private setStatus(status: Status): void {
    if (this.status === status) return;
    this.status = status;
    this.events.status(status);
  }
}
