/**
 * The pub/sub layer's front door. Pub/sub (pubsub.ts) and presence (presence.ts) run over an
 * adapter (adapter.ts): this process's memory (memory-adapter.ts) or Redis (redis-adapter.ts,
 * redis-presence.ts), for several processes. Messages are checked JSON (message.ts).
 */
export { PubSub, ENDPOINT_CHANNEL, type MessageHandler, type Unsubscribe, type PubSubOptions } from "./pubsub.js";
export { Presence, type PresenceDiff, type PresenceHandler, type PresenceList, type Untrack } from "./presence.js";
export type { PubSubAdapter, PresenceStore, PresenceEntry, HeartbeatResult, SnapshotStore } from "./adapter.js";
export { checkJson, MAX_MESSAGE_BYTES, type JsonValue } from "./message.js";
export { memoryAdapter } from "./memory-adapter.js";
export { redisAdapter, type RedisAdapterOptions } from "./redis-adapter.js";
