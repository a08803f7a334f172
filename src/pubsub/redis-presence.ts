import type { Redis } from "ioredis";
import type { HeartbeatResult, PresenceEntry, PresenceStore } from "./adapter.js";

/*
 * A topic's entries are two keys: a sorted set of entry ids scored by when each expires (Redis's
 * own clock, TIME, so that the processes' clocks need not agree) and a hash of each id's
 * entry. Every change is one Lua script, atomic in Redis: of all the processes that try to
 * remove an entry (an untrack, or reaping an expired one), exactly one gets it back, and that
 * one announces its leave. Both keys expire four timeouts after the last write, so a topic
 * that everyone left without a word leaves nothing in Redis either.
 */

const NOW = "local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)";
const KEEP = "redis.call('PEXPIRE', KEYS[1], ARGV[1] * 4) redis.call('PEXPIRE', KEYS[2], ARGV[1] * 4)";

/** ARGV: timeout, id, entry. */
const ADD = `${NOW}
redis.call('ZADD', KEYS[1], now + ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
${KEEP}
return 1`;

/** ARGV: id. Returns the entry if this call removed it. */
const REMOVE = `if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return false end
local entry = redis.call('HGET', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return entry`;

/** Returns the entries alive now. */
const LIST = `${NOW}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')
local out = {}
for i = 1, #ids do
  local entry = redis.call('HGET', KEYS[2], ids[i])
  if entry then out[#out + 1] = entry end
end
return out`;

/** ARGV: timeout, then id and entry pairs of this process. Renews them; returns the ids it had to add back. */
const RENEW = `${NOW}
local lost = {}
for i = 2, #ARGV, 2 do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], 'XX', now + ARGV[1], ARGV[i])
  else
    redis.call('ZADD', KEYS[1], now + ARGV[1], ARGV[i])
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    lost[#lost + 1] = ARGV[i]
  end
end
${KEEP}
return lost`;

/** Removes the expired entries; returns them (only this call gets each one). */
const REAP = `${NOW}
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
local out = {}
for i = 1, #ids do
  redis.call('ZREM', KEYS[1], ids[i])
  local entry = redis.call('HGET', KEYS[2], ids[i])
  redis.call('HDEL', KEYS[2], ids[i])
  if entry then out[#out + 1] = entry end
end
return out`;

/** Presence entries in Redis, expiring `timeout` ms after their process's last heartbeat. */
export class RedisPresence implements PresenceStore {
  readonly heartbeatInterval: number;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly timeout: number;

  constructor(redis: Redis, prefix: string, timeout: number) {
    if (!(timeout >= 300)) throw new RangeError(`Tether: presenceTimeout is at least 300 ms, not ${timeout}`);
    this.redis = redis;
    this.prefix = prefix;
    this.timeout = Math.round(timeout);
    this.heartbeatInterval = Math.round(timeout / 3);
  }

  private keys(topic: string): [string, string] {
    return [`${this.prefix}${topic}:expiry`, `${this.prefix}${topic}:entries`];
  }

  async add(topic: string, entry: PresenceEntry): Promise<void> {
    await this.redis.eval(ADD, 2, ...this.keys(topic), this.timeout, entry.id, encode(entry));
  }

  async remove(topic: string, id: string): Promise<PresenceEntry | null> {
    const text = (await this.redis.eval(REMOVE, 2, ...this.keys(topic), id)) as string | null;
    return text === null ? null : decode(text);
  }

  async list(topic: string): Promise<PresenceEntry[]> {
    return ((await this.redis.eval(LIST, 2, ...this.keys(topic))) as string[]).map(decode);
  }

  async heartbeat(own: ReadonlyMap<string, ReadonlyMap<string, PresenceEntry>>, watched: Iterable<string>): Promise<HeartbeatResult> {
    const result: HeartbeatResult = { reaped: [], lost: [] };
    for (const [topic, entries] of own) {
      const args: string[] = [];
      for (const entry of entries.values()) args.push(entry.id, encode(entry));
      const lost = (await this.redis.eval(RENEW, 2, ...this.keys(topic), this.timeout, ...args)) as string[];
      for (const id of lost) {
        const entry = entries.get(id);
        if (entry !== undefined) result.lost.push({ topic, entry });
      }
    }
    for (const topic of new Set([...own.keys(), ...watched])) {
      for (const text of (await this.redis.eval(REAP, 2, ...this.keys(topic))) as string[]) result.reaped.push({ topic, entry: decode(text) });
    }
    return result;
  }
}

function encode(entry: PresenceEntry): string {
  return JSON.stringify(entry);
}

function decode(text: string): PresenceEntry {
  return JSON.parse(text) as PresenceEntry;
}
