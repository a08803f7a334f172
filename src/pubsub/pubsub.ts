/**
 * Pub/sub: topics that sessions (or any part of the app)
 * subscribe to, and broadcasts to every subscriber in every process that shares the adapter.
 * Each process listens once per topic (one adapter subscription, however many sessions
 * subscribe) and fans out to its own subscribers; messages are JSON, checked and size-capped
 * when they are sent (message.ts).
 */
import type { PubSubAdapter } from "./adapter.js";
import { checkTopic, decodeEnvelope, encodeEnvelope, MAX_MESSAGE_BYTES, type JsonValue } from "./message.js";

/** Receives a topic's messages; its messages are frozen (every subscriber in a process shares them). */
export type MessageHandler = (message: JsonValue, topic: string) => void;

/** Ends a subscription (calling it twice is harmless). `ready` resolves once broadcasts reach it. */
export type Unsubscribe = (() => void) & { readonly ready: Promise<void> };

export interface PubSubOptions {
  /** Largest encoded message, in bytes; a larger broadcast throws a RangeError. Default 64 KiB. */
  maxMessageBytes?: number;
  /** Receives the errors of handlers and of the adapter. Default console.error. */
  onError?: (error: unknown, where: string) => void;
}

interface Subscriber {
  readonly handler: MessageHandler;
  /** Whose subscription it is (a session's id): `broadcastFrom` that owner skips it. */
  readonly owner: string | undefined;
}

/**
 * The adapter's channel of an app's topic, of a presence topic's diffs and of a WebSocket
 * endpoint's broadcasts: namespaces of their own, so that no topic an app names can hear or
 * forge presence diffs or what an endpoint's connections receive. Linked windows' sessions talk
 * on a fourth, `w:` (session/window-messages.ts), through `on` and `send`.
 */
const TOPIC = "t:";
export const PRESENCE_CHANNEL = "p:";
export const ENDPOINT_CHANNEL = "e:";

/** Topics, subscribers and broadcasts over one adapter: one per server (`tether.pubsub`). */
export class PubSub {
  readonly adapter: PubSubAdapter;
  readonly maxMessageBytes: number;
  private readonly onError: (error: unknown, where: string) => void;
  /** Subscribers by channel; an array replaced on change, so that delivery iterates a snapshot for free. */
  private readonly channels = new Map<string, readonly Subscriber[]>();
  /** The adapter's listen of each channel with subscribers (what `ready` waits for), and its listener. */
  private readonly listening = new Map<string, { ready: Promise<void>; deliver: (payload: string) => void }>();

  constructor(adapter: PubSubAdapter, options: PubSubOptions = {}) {
    this.adapter = adapter;
    this.maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    this.onError = options.onError ?? ((error, where) => console.error(`[tether] error in ${where}:`, error));
  }

  /**
   * Calls `handler` with every message broadcast to `topic` from now on (once `ready`
   * resolves, for an adapter that needs a round trip). `owner` names whose subscription it is,
   * for broadcastFrom.
   */
  subscribe(topic: string, handler: MessageHandler, owner?: string): Unsubscribe {
    checkTopic(topic);
    return this.on(TOPIC + topic, handler, owner);
  }

  /** Sends `message` to every subscriber of `topic`, in every process. Throws at once if it is not JSON data or too large. */
  broadcast(topic: string, message: unknown): Promise<void> {
    checkTopic(topic);
    return this.send(TOPIC + topic, message, undefined);
  }

  /** Sends `message` to every subscriber of `topic` but those of `from` (a session's id). */
  broadcastFrom(from: string, topic: string, message: unknown): Promise<void> {
    checkTopic(topic);
    return this.send(TOPIC + topic, message, from);
  }

  /** @internal Subscribes to an adapter channel (a topic's, or a presence topic's diffs). */
  on(channel: string, handler: MessageHandler, owner: string | undefined): Unsubscribe {
    const subscriber: Subscriber = { handler, owner };
    const list = this.channels.get(channel);
    this.channels.set(channel, list === undefined ? [subscriber] : [...list, subscriber]);
    let listening = this.listening.get(channel);
    if (listening === undefined) {
      const deliver = (payload: string) => this.deliver(channel, payload);
      listening = { ready: this.adapter.listen(channel, deliver), deliver };
      listening.ready.catch((error: unknown) => this.onError(error, `listening to ${channel}`));
      this.listening.set(channel, listening);
    }
    const ready = listening.ready;
    let done = false;
    const off = () => {
      if (done) return;
      done = true;
      this.off(channel, subscriber);
    };
    return Object.assign(off, { ready });
  }

  /**
   * @internal Publishes on an adapter channel; after `after` settles if given (what a linked
   * window says waits for its link: see session/linked-windows.ts), but checked, and thrown at, now.
   */
  send(channel: string, message: unknown, from: string | undefined, after?: Promise<void>): Promise<void> {
    const text = encodeEnvelope(message, from, this.maxMessageBytes);
    return after === undefined ? this.adapter.publish(channel, text) : after.then(() => this.adapter.publish(channel, text));
  }

  private off(channel: string, subscriber: Subscriber): void {
    const list = this.channels.get(channel);
    if (list === undefined) return;
    const rest = list.filter((s) => s !== subscriber);
    if (rest.length > 0) {
      this.channels.set(channel, rest);
      return;
    }
    this.channels.delete(channel);
    this.unlisten(channel);
  }

  private unlisten(channel: string): void {
    const listening = this.listening.get(channel);
    if (listening === undefined) return;
    this.listening.delete(channel);
    this.adapter.unlisten(channel, listening.deliver).catch((error: unknown) => this.onError(error, `unlistening ${channel}`));
  }

  private deliver(channel: string, payload: string): void {
    const list = this.channels.get(channel);
    if (list === undefined) return;
    const envelope = decodeEnvelope(payload);
    if (envelope === null) return;
    const message = deepFreeze(envelope.m);
    const topic = channel.slice(2);
    for (let i = 0; i < list.length; i++) {
      const subscriber = list[i];
      if (envelope.f !== undefined && subscriber.owner === envelope.f) continue;
      try {
        subscriber.handler(message, topic);
      } catch (error) {
        this.onError(error, `a subscriber of "${topic}"`);
      }
    }
  }

  /** How many subscriptions this process has to `topic` (for tests and diagnostics). */
  subscriberCount(topic: string): number {
    return this.channels.get(TOPIC + topic)?.length ?? 0;
  }

  /** Drops every subscription and closes the adapter. */
  async close(): Promise<void> {
    this.channels.clear();
    for (const channel of [...this.listening.keys()]) this.unlisten(channel);
    await this.adapter.close();
  }
}

function deepFreeze(value: JsonValue): JsonValue {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const key in value) deepFreeze((value as Record<string, JsonValue>)[key]);
    Object.freeze(value);
  }
  return value;
}
