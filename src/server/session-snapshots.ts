import { snapshotTree, type SavedComponent } from "../diff/index.js";
import { checkJson, type SnapshotStore } from "../pubsub/index.js";
import type { LiveSession } from "../session/live-session.js";

/** The version of a snapshot's form: a snapshot of another version is not restored. */
const VERSION = 1;

export interface SnapshotSettings {
  /** Milliseconds from a change to the snapshot that has it (changes meanwhile share it). */
  delay: number;
  /** The largest snapshot kept, in bytes; a session whose state is larger is not snapshotted. */
  maxBytes: number;
  /** Milliseconds a snapshot is kept after it was saved. */
  ttl: number;
  onError: (error: unknown, where: string) => void;
}

/**
 * A snapshot as stored: its version, its page, its components' saved states in pre-order, and
 * the last of the tab's events whose effects they hold (`e`: every event up to it was answered).
 */
interface Snapshot {
  v: number;
  path: string;
  c: SavedComponent[];
  e?: number;
}

/**
 * A server's session snapshots: after a session changes, its components' states are saved to
 * the adapter's store (debounced: one timer for the whole server, every changed session saved
 * when it fires), so that another process can restore the session if this one dies. A session
 * that ends deletes its snapshot; one ended because the server stops keeps it, for the process
 * its tab reconnects to.
 */
export class SessionSnapshots {
  private readonly store: SnapshotStore;
  private readonly settings: SnapshotSettings;
  private readonly dirty = new Set<LiveSession>();
  private timer: NodeJS.Timeout | null = null;
  private closing = false;
  /** Sessions already reported as not snapshottable: reported once each. */
  private readonly reported = new WeakSet<LiveSession>();

  constructor(store: SnapshotStore, settings: SnapshotSettings) {
    this.store = store;
    this.settings = settings;
  }

  /** `session` changed: it is saved within `delay` ms. */
  changed(session: LiveSession): void {
    if (this.closing) return;
    this.dirty.add(session);
    this.timer ??= setTimeout(() => void this.saveChanged(), this.settings.delay).unref();
  }

  /** `session` ended: its snapshot goes, unless the server is stopping (its tab will want it elsewhere). */
  ended(session: LiveSession): void {
    this.dirty.delete(session);
    if (!this.closing) this.store.delete(session.id).catch((error: unknown) => this.settings.onError(error, "deleting a session snapshot"));
  }

  /**
   * The saved states of session `id` if its snapshot is of page `path`, with the last event
   * they hold (`events`), else null.
   */
  async load(id: string, path: string): Promise<{ components: SavedComponent[]; events: number } | null> {
    let text: string | null;
    try {
      text = await this.store.load(id);
    } catch (error) {
      this.settings.onError(error, "loading a session snapshot");
      return null;
    }
    if (text === null) return null;
    try {
      const snapshot = JSON.parse(text) as Snapshot;
      if (snapshot.v !== VERSION || snapshot.path !== path || !Array.isArray(snapshot.c)) return null;
      return { components: snapshot.c, events: Number.isSafeInteger(snapshot.e) && snapshot.e! > 0 ? snapshot.e! : 0 };
    } catch {
      return null;
    }
  }

  /** Saves what changed now, and stops taking changes: the server is stopping. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.saveChanged();
  }

  private async saveChanged(): Promise<void> {
    this.timer = null;
    const sessions = [...this.dirty];
    this.dirty.clear();
    await Promise.all(sessions.map((session) => this.save(session)));
  }

  private async save(session: LiveSession): Promise<void> {
    if (session.isEnded) return;
    const text = this.encode(session);
    if (text === null) return;
    try {
      await this.store.save(session.id, text, this.settings.ttl);
    } catch (error) {
      this.settings.onError(error, "saving a session snapshot");
    }
  }

  /** The session's snapshot as JSON, or null (reported once) if its state is not plain data or too large. */
  private encode(session: LiveSession): string | null {
    try {
      const components = snapshotTree(session.tree);
      checkJson(components, "the snapshot");
      const text = JSON.stringify({ v: VERSION, path: session.path, c: components, e: session.answered } satisfies Snapshot);
      if (Buffer.byteLength(text) > this.settings.maxBytes) throw new RangeError(`its snapshot is ${Buffer.byteLength(text)} bytes, over maxSnapshotBytes (${this.settings.maxBytes})`);
      return text;
    } catch (error) {
      if (!this.reported.has(session)) {
        this.reported.add(session);
        this.settings.onError(error, `snapshotting the session of ${session.path} (give its components snapshot() and restore(); it will remount fresh on another process)`);
      }
      return null;
    }
  }
}
