import type { Redis } from "ioredis";
import type { PubSubAdapter, SnapshotStore } from "./adapter.js";
import { connectRedis } from "./redis-client.js";
import { RedisPresence } from "./redis-presence.js";

export interface RedisAdapterOptions {
  /** Where Redis is. Default: the REDIS_URL environment variable, else redis://127.0.0.1:6379. */
  url?: string | undefined;
  /** Prefix of every channel and key Tether uses, so that apps (or tests) can share one Redis. Default "tether". */
  prefix?: string | undefined;
  /**
   * Milliseconds after its process's last heartbeat that a presence entry expires (a process
   * that died without a word): its leave is announced within presenceTimeout × 4/3 of the death.
   * Heartbeats run every third of it. Default 15 000.
   */
  presenceTimeout?: number | undefined;
}

/**
 * Pub/sub, presence and session snapshots over Redis, for several processes: every process
 * that uses the same Redis and prefix shares topics, presence and sessions. Two connections per process, whatever the
 * number of sessions and topics: one publishes (and keeps presence), one subscribes, to plain
 * channels (no pattern subscriptions, whose cost Redis pays on every publish). An adapter
 * belongs to one server: closing the server closes its connections.
 */
export function redisAdapter(options: RedisAdapterOptions = {}): PubSubAdapter {
  return new RedisAdapter(options);
}

class RedisAdapter implements PubSubAdapter {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  /** This process's listener of each channel, by Redis channel name. */
  private readonly listeners = new Map<string, (payload: string) => void>();
  readonly presence: RedisPresence;
  readonly snapshots: SnapshotStore;

  constructor(options: RedisAdapterOptions) {
    const url = options.url ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    this.prefix = `${options.prefix ?? "tether"}:`;
    this.publisher = connectRedis(url, "tether-publisher");
    this.subscriber = connectRedis(url, "tether-subscriber");
    this.subscriber.on("message", (channel: string, payload: string) => this.listeners.get(channel)?.(payload));
    this.presence = new RedisPresence(this.publisher, `${this.prefix}presence:`, options.presenceTimeout ?? 15_000);
    const redis = this.publisher;
    const key = (id: string) => `${this.prefix}session:${id}`;
    this.snapshots = {
      save: async (id, snapshot, ttl) => void (await redis.set(key(id), snapshot, "PX", Math.max(1, Math.round(ttl)))),
      load: (id) => redis.get(key(id)),
      delete: async (id) => void (await redis.del(key(id))),
    };
  }

  async publish(topic: string, payload: string): Promise<void> {
    await this.publisher.publish(this.prefix + topic, payload);
  }

  async listen(topic: string, deliver: (payload: string) => void): Promise<void> {
    this.listeners.set(this.prefix + topic, deliver);
    await this.subscriber.subscribe(this.prefix + topic);
  }

  async unlisten(topic: string, _deliver: (payload: string) => void): Promise<void> {
    this.listeners.delete(this.prefix + topic);
    await this.subscriber.unsubscribe(this.prefix + topic);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
