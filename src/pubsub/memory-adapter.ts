import type { HeartbeatResult, PresenceEntry, PresenceStore, PubSubAdapter } from "./adapter.js";

/**
 * Pub/sub and presence within this process: the default. A broadcast is delivered in a later
 * microtask, never inside the `broadcast` call, as it is over Redis: a handler that broadcasts
 * finishes before anyone hears it.
 */
export function memoryAdapter(): PubSubAdapter {
  return new MemoryAdapter();
}

class MemoryAdapter implements PubSubAdapter {
  private readonly listeners = new Map<string, (payload: string) => void>();
  readonly presence = new MemoryPresence();

  publish(topic: string, payload: string): Promise<void> {
    queueMicrotask(() => this.listeners.get(topic)?.(payload));
    return Promise.resolve();
  }

  listen(topic: string, deliver: (payload: string) => void): Promise<void> {
    this.listeners.set(topic, deliver);
    return Promise.resolve();
  }

  unlisten(topic: string): Promise<void> {
    this.listeners.delete(topic);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}

/** Entries by topic, then by id: they live as long as the process, so nothing expires. */
class MemoryPresence implements PresenceStore {
  readonly heartbeatInterval = 0;
  private readonly topics = new Map<string, Map<string, PresenceEntry>>();

  add(topic: string, entry: PresenceEntry): Promise<void> {
    let entries = this.topics.get(topic);
    if (entries === undefined) this.topics.set(topic, (entries = new Map()));
    entries.set(entry.id, entry);
    return Promise.resolve();
  }

  remove(topic: string, id: string): Promise<PresenceEntry | null> {
    const entries = this.topics.get(topic);
    const entry = entries?.get(id);
    if (entries === undefined || entry === undefined) return Promise.resolve(null);
    entries.delete(id);
    if (entries.size === 0) this.topics.delete(topic);
    return Promise.resolve(entry);
  }

  list(topic: string): Promise<PresenceEntry[]> {
    return Promise.resolve([...(this.topics.get(topic)?.values() ?? [])]);
  }

  heartbeat(): Promise<HeartbeatResult> {
    return Promise.resolve({ reaped: [], lost: [] });
  }
}
