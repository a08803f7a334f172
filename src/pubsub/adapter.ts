/**
 * The seam between Tether's pub/sub and presence and what carries them: the memory of this one
 * process (memoryAdapter, the default) or Redis (redisAdapter), for several processes. An
 * adapter moves strings; checking, encoding and fanning out to a process's subscribers are
 * PubSub's and Presence's, the same over every adapter (the conformance suite holds both to it).
 */
export interface PubSubAdapter {
  /** Delivers `payload` to every process listening to `topic`, this one included. */
  publish(topic: string, payload: string): Promise<void>;
  /**
   * Starts delivering `topic`'s payloads to `deliver`, one listener per topic per process
   * (PubSub fans out). Resolves once a publish made after it will be delivered.
   */
  listen(topic: string, deliver: (payload: string) => void): Promise<void>;
  /** Stops delivering `topic` to `deliver` (what `listen` was given). */
  unlisten(topic: string, deliver: (payload: string) => void): Promise<void>;
  /** Where presence entries are kept: in this process, or where every process sees them. */
  readonly presence: PresenceStore;
  /** Where session snapshots are kept, for another process to restore a session whose process died. */
  readonly snapshots: SnapshotStore;
  /** Releases connections and timers: the server that owns the adapter is stopping. */
  close(): Promise<void>;
}

/** One tracked presence: a tab (say) under its key (a user's id), with what it shows of itself. */
export interface PresenceEntry {
  /** Unique per track call. */
  id: string;
  /** What entries are grouped by: one user's several tabs share a key. */
  key: string;
  /** JSON of the entry's meta (a name, a status). */
  meta: string;
}

/**
 * Presence entries by topic. Each add and each removal succeeds in exactly one caller, however
 * many processes share the store: that caller alone announces the join or the leave, which is
 * how each subscriber gets each diff once.
 */
export interface PresenceStore {
  /**
   * Milliseconds between heartbeats, or 0 for a store that never expires entries (in memory:
   * they live as long as the process that tracked them).
   */
  readonly heartbeatInterval: number;
  /** Adds an entry of this process. */
  add(topic: string, entry: PresenceEntry): Promise<void>;
  /** Removes an entry; returns it if this call removed it, null if it was gone. */
  remove(topic: string, id: string): Promise<PresenceEntry | null>;
  /** The entries of `topic` that are alive. */
  list(topic: string): Promise<PresenceEntry[]>;
  /**
   * Keeps this process's entries (`own`, by topic and id) alive, and removes the expired
   * entries of the `watched` topics (their process stopped renewing them: it died). Returns the
   * entries this call removed (`reaped`), and those of `own` it found gone (`lost`: this
   * process stalled past the timeout and another reaped them), which it added back.
   */
  heartbeat(own: ReadonlyMap<string, ReadonlyMap<string, PresenceEntry>>, watched: Iterable<string>): Promise<HeartbeatResult>;
}

/** What one presence heartbeat changed; each entry with its topic. */
export interface HeartbeatResult {
  reaped: Array<{ topic: string; entry: PresenceEntry }>;
  lost: Array<{ topic: string; entry: PresenceEntry }>;
}

/** Session snapshots by session id: JSON text, each expiring `ttl` ms after it was saved. */
export interface SnapshotStore {
  save(id: string, snapshot: string, ttl: number): Promise<void>;
  /** The snapshot of session `id`, or null if there is none (never saved, expired or deleted). */
  load(id: string): Promise<string | null>;
  delete(id: string): Promise<void>;
}
