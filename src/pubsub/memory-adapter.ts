import type { HeartbeatResult, PresenceEntry, PresenceStore, PubSubAdapter, SnapshotStore } from "./adapter.js";

/**
 * Pub/sub and presence within this process: the default. A broadcast is delivered in a later
 * microtask, never inside the `broadcast` call, as it is over Redis: a handler that broadcasts
 * finishes before anyone hears it. Servers given the same memory adapter share its topics and
 * presence as processes on one Redis do (two apps in one process, or two test views).
 */
export function memoryAdapter(): PubSubAdapter {
  return new MemoryAdapter();
}

class MemoryAdapter implements PubSubAdapter {
  private readonly listeners = new Map<string, Set<(payload: string) => void>>();
  readonly presence = new MemoryPresence();
  readonly snapshots = new MemorySnapshots();

  publish(topic: string, payload: string): Promise<void> {
    const listeners = this.listeners.get(topic);
    if (listeners !== undefined) queueMicrotask(() => listeners.forEach((deliver) => deliver(payload)));
    return Promise.resolve();
  }

  listen(topic: string, deliver: (payload: string) => void): Promise<void> {
    let listeners = this.listeners.get(topic);
    if (listeners === undefined) this.listeners.set(topic, (listeners = new Set()));
    listeners.add(deliver);
    return Promise.resolve();
  }

  unlisten(topic: string, deliver: (payload: string) => void): Promise<void> {
    const listeners = this.listeners.get(topic);
    listeners?.delete(deliver);
    if (listeners?.size === 0) this.listeners.delete(topic);
    return Promise.resolve();
  }

  /** Nothing to release; the servers that share it have each stopped listening (PubSub.close). */
  close(): Promise<void> {
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

/** Snapshots in this process's memory: for servers that share the adapter (and tests); they expire when read late. */
export class MemorySnapshots implements SnapshotStore {
  private readonly saved = new Map<string, { text: string; until: number }>();

  save(id: string, snapshot: string, ttl: number): Promise<void> {
    this.saved.set(id, { text: snapshot, until: Date.now() + ttl });
    return Promise.resolve();
  }

  load(id: string): Promise<string | null> {
    const entry = this.saved.get(id);
    if (entry === undefined || entry.until <= Date.now()) {
      this.saved.delete(id);
      return Promise.resolve(null);
    }
    return Promise.resolve(entry.text);
  }

  delete(id: string): Promise<void> {
    this.saved.delete(id);
    return Promise.resolve();
  }
}
