/**
 * Presence: who is on a topic (a room, a document), kept by the adapter's store so that every
 * process sees everyone, and announced as diffs (`joins`, `leaves`) over pub/sub. Entries are
 * grouped by key: one user's several tabs are one key with several metas.
 *
 * Each diff is announced once, by the one caller whose add or removal succeeded in the store
 * (PresenceStore), so every subscriber gets each join and each leave once, however many
 * processes run. An entry whose process dies without a word expires in a store that keeps
 * heartbeats (Redis): the process that removes it announces its leave.
 */
import { randomBytes } from "node:crypto";
import type { HeartbeatResult, PresenceEntry } from "./adapter.js";
import { checkJson, checkTopic, type JsonValue } from "./message.js";
import { PRESENCE_CHANNEL, type PubSub, type Unsubscribe } from "./pubsub.js";

/** A topic's presence: each key with the metas of its entries (a user's tabs). */
export type PresenceList = Record<string, JsonValue[]>;

/** What changed on a topic: the entries that joined and left, grouped by key. */
export interface PresenceDiff {
  joins: PresenceList;
  leaves: PresenceList;
}

/** Receives a topic's presence diffs. */
export type PresenceHandler = (diff: PresenceDiff, topic: string) => void;

/** Removes a tracked entry (its leave is announced); resolves once it is gone. `ready` resolves once its join was announced. */
export type Untrack = (() => Promise<void>) & { readonly ready: Promise<void> };

/** Presence over a PubSub and its adapter's store: one per server (`tether.presence`). */
export class Presence {
  private readonly pubsub: PubSub;
  /** This process's entries, by topic then id: what its heartbeat keeps alive. */
  private readonly own = new Map<string, Map<string, PresenceEntry>>();
  /** Topics with diff subscribers here, and how many: their expired entries are reaped here. */
  private readonly watched = new Map<string, number>();
  /** Removals under way: a stop waits for them, so that their leaves are announced before the adapter closes. */
  private readonly removing = new Set<Promise<void>>();
  private readonly timer: NodeJS.Timeout | null = null;
  private beating = false;

  constructor(pubsub: PubSub) {
    this.pubsub = pubsub;
    const interval = pubsub.adapter.presence.heartbeatInterval;
    if (interval > 0) this.timer = setInterval(() => void this.heartbeat(), interval).unref();
  }

  private get store() {
    return this.pubsub.adapter.presence;
  }

  /**
   * Adds an entry under `key` on `topic` with `meta` (JSON data: a name, a status) and
   * announces its join. Returns the function that removes it.
   */
  track(topic: string, key: string, meta: unknown = {}): Untrack {
    checkTopic(topic);
    if (typeof key !== "string" || key.length === 0 || key.length > 200) throw new TypeError(`Tether: a presence key is a string of 1 to 200 characters, not ${JSON.stringify(key)}`);
    checkJson(meta, "meta");
    const text = JSON.stringify(meta);
    if (Buffer.byteLength(text) > this.pubsub.maxMessageBytes / 2) throw new RangeError(`Tether: a presence meta is capped at ${this.pubsub.maxMessageBytes / 2} bytes`);
    const entry: PresenceEntry = { id: randomBytes(12).toString("base64url"), key, meta: text };
    let entries = this.own.get(topic);
    if (entries === undefined) this.own.set(topic, (entries = new Map()));
    entries.set(entry.id, entry);
    const ready = this.store.add(topic, entry).then(() => this.announce(topic, [entry], []));
    ready.catch(() => {}); // reported to whoever awaits ready or untracks
    let done: Promise<void> | null = null;
    const untrack = () => (done ??= this.remove(topic, entry.id, ready));
    return Object.assign(untrack, { ready });
  }

  private remove(topic: string, id: string, added: Promise<void>): Promise<void> {
    const entries = this.own.get(topic);
    entries?.delete(id);
    if (entries?.size === 0) this.own.delete(topic);
    const removal = (async () => {
      await added.catch(() => {});
      const entry = await this.store.remove(topic, id);
      if (entry !== null) await this.announce(topic, [], [entry]);
    })();
    this.removing.add(removal);
    const forget = () => void this.removing.delete(removal);
    removal.then(forget, forget);
    return removal;
  }

  /** Who is on `topic` now, by key, in every process. */
  async list(topic: string): Promise<PresenceList> {
    checkTopic(topic);
    return group(await this.store.list(topic));
  }

  /** Calls `handler` with every presence diff of `topic` from now on (`owner`: see PubSub.subscribe). */
  subscribe(topic: string, handler: PresenceHandler, owner?: string): Unsubscribe {
    checkTopic(topic);
    this.watched.set(topic, (this.watched.get(topic) ?? 0) + 1);
    const off = this.pubsub.on(PRESENCE_CHANNEL + topic, (diff, t) => handler(diff as unknown as PresenceDiff, t), owner);
    let done = false;
    const unsubscribe = () => {
      if (done) return;
      done = true;
      off();
      const count = this.watched.get(topic)! - 1;
      if (count === 0) this.watched.delete(topic);
      else this.watched.set(topic, count);
    };
    return Object.assign(unsubscribe, { ready: off.ready });
  }

  private announce(topic: string, joins: PresenceEntry[], leaves: PresenceEntry[]): Promise<void> {
    return this.pubsub.send(PRESENCE_CHANNEL + topic, { joins: group(joins), leaves: group(leaves) }, undefined);
  }

  /** One heartbeat: this process's entries renewed, the expired ones of watched topics reaped and their leaves announced. */
  async heartbeat(): Promise<void> {
    if (this.beating || (this.own.size === 0 && this.watched.size === 0)) return;
    this.beating = true;
    try {
      const { reaped, lost } = await this.store.heartbeat(this.own, this.watched.keys());
      for (const [topic, entries] of byTopic(reaped)) await this.announce(topic, [], entries);
      for (const [topic, entries] of byTopic(lost)) await this.announce(topic, entries, []);
    } catch (error) {
      console.error("[tether] presence heartbeat failed (retried at the next one):", error);
    } finally {
      this.beating = false;
    }
  }

  /** Removes this process's entries, announcing their leaves (a clean stop leaves no one behind), and stops the heartbeat. */
  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    const removals: Promise<void>[] = [];
    for (const [topic, entries] of [...this.own]) for (const id of [...entries.keys()]) removals.push(this.remove(topic, id, Promise.resolve()));
    await Promise.allSettled([...this.removing, ...removals]);
  }
}

function group(entries: readonly PresenceEntry[]): PresenceList {
  const list: PresenceList = {};
  for (const entry of entries) (list[entry.key] ??= []).push(JSON.parse(entry.meta) as JsonValue);
  return list;
}

function byTopic(items: HeartbeatResult["reaped"]): Map<string, PresenceEntry[]> {
  const topics = new Map<string, PresenceEntry[]>();
  for (const { topic, entry } of items) {
    const list = topics.get(topic);
    if (list === undefined) topics.set(topic, [entry]);
    else list.push(entry);
  }
  return topics;
}
