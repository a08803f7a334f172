/**
 * What every pub/sub adapter does, run against each (memory.test.ts, redis.test.ts), as hono's
 * routers share one suite. `open()` gives a fresh PubSub over a new adapter of the kind under
 * test, isolated from every other test's (Redis: a prefix of its own); `sibling(pubsub)` a
 * second PubSub that shares its topics and presence, as another process would (for the memory
 * adapter, none: it is one process's).
 */
import { afterEach, describe, expect, it } from "vitest";
import { Presence, PubSub, type JsonValue, type PresenceDiff, type PubSubOptions } from "../../src/pubsub/index.js";

export interface AdapterKind {
  open(options?: PubSubOptions): PubSub;
  /** Two PubSubs, each over an adapter of its own, that share topics and presence: two servers (processes). */
  openPair(): [PubSub, PubSub];
}

/** Resolves with the first `count` values `collect` gathers, failing after `ms`. */
export function until<T>(list: T[], count: number, ms = 5000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = () => {
      if (list.length >= count) return resolve(list.slice(0, count));
      if (Date.now() - started > ms) return reject(new Error(`got ${list.length} of ${count}: ${JSON.stringify(list)}`));
      setTimeout(look, 5);
    };
    look();
  });
}

/** Lets whatever was in flight arrive (a round trip to Redis and back, many times over). */
export async function settle(pubsub: PubSub): Promise<void> {
  // A broadcast on a probe topic is delivered after everything published before it on the same connection.
  const got: JsonValue[] = [];
  const off = pubsub.subscribe("settle-probe", (m) => got.push(m));
  await off.ready;
  await pubsub.broadcast("settle-probe", 1);
  await until(got, 1);
  off();
}

export function describeConformance(name: string, kind: AdapterKind): void {
  describe(`pub/sub conformance: ${name}`, () => {
    const opened: PubSub[] = [];
    const open = (options?: PubSubOptions): PubSub => {
      const pubsub = kind.open(options);
      opened.push(pubsub);
      return pubsub;
    };
    const openPair = (): [PubSub, PubSub] => {
      const pair = kind.openPair();
      opened.push(...pair);
      return pair;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((p) => p.close()));
    });

    it("delivers a broadcast to the subscribers of every server sharing it, broadcastFrom skipping only the sender", async () => {
      const [a, b] = openPair();
      const inA: JsonValue[] = [];
      const inB: JsonValue[] = [];
      const offA = a.subscribe("room", (m) => inA.push(m), "sender");
      const offB = b.subscribe("room", (m) => inB.push(m), "other");
      await Promise.all([offA.ready, offB.ready]);
      await a.broadcastFrom("sender", "room", "from the sender");
      await b.broadcast("room", "to everyone");
      expect(await until(inB, 2)).toEqual(["from the sender", "to everyone"]);
      expect(await until(inA, 1)).toEqual(["to everyone"]);
      await settle(a);
      expect(inA).toEqual(["to everyone"]);
      // One server closing leaves the other's subscriptions alone.
      await a.close();
      await b.broadcast("room", "still here");
      expect(await until(inB, 3)).toEqual(["from the sender", "to everyone", "still here"]);
    });

    it("delivers a broadcast to every subscriber of its topic, not to other topics", async () => {
      const pubsub = open();
      const a: JsonValue[] = [];
      const b: JsonValue[] = [];
      const other: JsonValue[] = [];
      const offA = pubsub.subscribe("room", (m) => a.push(m));
      const offB = pubsub.subscribe("room", (m, topic) => b.push([topic, m]));
      const offOther = pubsub.subscribe("other", (m) => other.push(m));
      await Promise.all([offA.ready, offB.ready, offOther.ready]);
      await pubsub.broadcast("room", { text: "hi", n: 1, list: [true, null] });
      expect(await until(a, 1)).toEqual([{ text: "hi", n: 1, list: [true, null] }]);
      expect(await until(b, 1)).toEqual([["room", { text: "hi", n: 1, list: [true, null] }]]);
      await settle(pubsub);
      expect(other).toEqual([]);
      expect(pubsub.subscriberCount("room")).toBe(2);
    });

    it("never delivers inside the broadcast call", async () => {
      const pubsub = open();
      const got: JsonValue[] = [];
      const off = pubsub.subscribe("t", (m) => got.push(m));
      await off.ready;
      const sent = pubsub.broadcast("t", "x");
      expect(got).toEqual([]);
      await sent;
      expect(await until(got, 1)).toEqual(["x"]);
    });

    it("keeps one sender's order on a topic", async () => {
      const pubsub = open();
      const got: JsonValue[] = [];
      const off = pubsub.subscribe("ordered", (m) => got.push(m));
      await off.ready;
      const sends: Promise<void>[] = [];
      for (let i = 0; i < 50; i++) sends.push(pubsub.broadcast("ordered", i));
      await Promise.all(sends);
      expect(await until(got, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it("skips the sender's own subscriptions with broadcastFrom", async () => {
      const pubsub = open();
      const mine: JsonValue[] = [];
      const theirs: JsonValue[] = [];
      const offMine = pubsub.subscribe("chat", (m) => mine.push(m), "session-a");
      const offTheirs = pubsub.subscribe("chat", (m) => theirs.push(m), "session-b");
      await Promise.all([offMine.ready, offTheirs.ready]);
      await pubsub.broadcastFrom("session-a", "chat", "from a");
      await pubsub.broadcast("chat", "to all");
      expect(await until(theirs, 2)).toEqual(["from a", "to all"]);
      expect(await until(mine, 1)).toEqual(["to all"]);
      await settle(pubsub);
      expect(mine).toEqual(["to all"]);
    });

    it("stops delivering once unsubscribed, and unsubscribing twice is harmless", async () => {
      const pubsub = open();
      const kept: JsonValue[] = [];
      const dropped: JsonValue[] = [];
      const keep = pubsub.subscribe("t", (m) => kept.push(m));
      const drop = pubsub.subscribe("t", (m) => dropped.push(m));
      await Promise.all([keep.ready, drop.ready]);
      drop();
      drop();
      await pubsub.broadcast("t", 1);
      await until(kept, 1);
      await settle(pubsub);
      expect(dropped).toEqual([]);
      keep();
      expect(pubsub.subscriberCount("t")).toBe(0);
      const again: JsonValue[] = [];
      const back = pubsub.subscribe("t", (m) => again.push(m));
      await back.ready;
      await pubsub.broadcast("t", 2);
      expect(await until(again, 1)).toEqual([2]);
      await settle(pubsub);
      expect(kept).toEqual([1]);
    });

    it("gives subscribers a frozen copy, never the sender's object", async () => {
      const pubsub = open();
      const got: JsonValue[] = [];
      const off = pubsub.subscribe("t", (m) => got.push(m));
      await off.ready;
      const sent = { nested: { list: [1] } };
      await pubsub.broadcast("t", sent);
      const [message] = await until(got, 1);
      expect(message).toEqual(sent);
      expect(message).not.toBe(sent);
      expect(Object.isFrozen(message) && Object.isFrozen((message as typeof sent).nested.list)).toBe(true);
    });

    it("refuses what JSON would not carry as it is, saying where", () => {
      const pubsub = open();
      expect(() => pubsub.broadcast("t", { when: new Date() })).toThrow(/message\.when is a Date/);
      expect(() => pubsub.broadcast("t", [1, undefined])).toThrow(/message\[1\] is a undefined/);
      expect(() => pubsub.broadcast("t", { n: NaN })).toThrow(/message\.n is NaN/);
      expect(() => pubsub.broadcast("t", () => 1)).toThrow(/is a function/);
      const cycle: Record<string, unknown> = {};
      cycle.self = cycle;
      expect(() => pubsub.broadcast("t", cycle)).toThrow(/nested more than/);
      expect(() => pubsub.broadcast("", 1)).toThrow(/a topic is a string/);
      expect(() => pubsub.subscribe("bad\nname", () => {})).toThrow(/a topic is a string/);
    });

    it("caps a message's size", async () => {
      const pubsub = open();
      expect(() => pubsub.broadcast("t", "x".repeat(pubsub.maxMessageBytes))).toThrow(RangeError);
      expect(() => pubsub.broadcast("t", "é".repeat(pubsub.maxMessageBytes / 2))).toThrow(/over the \d+-byte cap/);
      await pubsub.broadcast("t", "x".repeat(pubsub.maxMessageBytes - 100));
    });

    it("goes on delivering to the others when a handler throws", async () => {
      const errors: string[] = [];
      const pubsub = open({ onError: (_error, where) => errors.push(where) });
      const got: JsonValue[] = [];
      const bad = pubsub.subscribe("t", () => {
        throw new Error("boom");
      });
      const good = pubsub.subscribe("t", (m) => got.push(m));
      await Promise.all([bad.ready, good.ready]);
      await pubsub.broadcast("t", 1);
      expect(await until(got, 1)).toEqual([1]);
      expect(errors).toEqual(['a subscriber of "t"']);
    });

    describe("presence", () => {
      it("tracks, lists by key (a user's tabs under one key) and untracks", async () => {
        const presence = new Presence(open());
        const tab1 = presence.track("room", "ada", { tab: 1 });
        const tab2 = presence.track("room", "ada", { tab: 2 });
        const bob = presence.track("room", "bob", { name: "Bob" });
        const elsewhere = presence.track("hall", "cy");
        await Promise.all([tab1.ready, tab2.ready, bob.ready, elsewhere.ready]);
        const list = await presence.list("room");
        expect(Object.keys(list).sort()).toEqual(["ada", "bob"]);
        expect(list.ada).toHaveLength(2);
        expect(list.ada).toEqual(expect.arrayContaining([{ tab: 1 }, { tab: 2 }]));
        expect(list.bob).toEqual([{ name: "Bob" }]);
        await tab1();
        await tab1(); // twice: once
        expect((await presence.list("room")).ada).toEqual([{ tab: 2 }]);
        await tab2();
        await bob();
        expect(await presence.list("room")).toEqual({});
        expect(await presence.list("hall")).toEqual({ cy: [{}] });
        await presence.close();
        expect(await presence.list("hall")).toEqual({});
      });

      it("lists the presence of every server sharing it; a clean stop takes its entries along", async () => {
        const [one, two] = openPair();
        const p1 = new Presence(one);
        const p2 = new Presence(two);
        await p1.track("room", "ada", { at: 1 }).ready;
        await p2.track("room", "ada", { at: 2 }).ready;
        await p2.track("room", "bob").ready;
        const list = await p1.list("room");
        expect(list.ada).toEqual(expect.arrayContaining([{ at: 1 }, { at: 2 }]));
        expect(list.bob).toEqual([{}]);
        await p2.close();
        expect(await p1.list("room")).toEqual({ ada: [{ at: 1 }] });
        await p1.close();
      });

      it("sends each join and leave once, as diffs grouped by key", async () => {
        const pubsub = open();
        const presence = new Presence(pubsub);
        const diffs: PresenceDiff[] = [];
        const off = presence.subscribe("room", (diff) => diffs.push(diff));
        await off.ready;
        const a = presence.track("room", "ada", { tab: 1 });
        await a.ready;
        const b = presence.track("room", "ada", { tab: 2 });
        await b.ready;
        await a();
        await b();
        await settle(pubsub);
        expect(await until(diffs, 4)).toEqual([
          { joins: { ada: [{ tab: 1 }] }, leaves: {} },
          { joins: { ada: [{ tab: 2 }] }, leaves: {} },
          { joins: {}, leaves: { ada: [{ tab: 1 }] } },
          { joins: {}, leaves: { ada: [{ tab: 2 }] } },
        ]);
        expect(diffs).toHaveLength(4);
        off();
        await presence.close();
      });

      it("keeps presence diffs apart from an app's topic of the same name", async () => {
        const pubsub = open();
        const presence = new Presence(pubsub);
        const messages: JsonValue[] = [];
        const off = pubsub.subscribe("room", (m) => messages.push(m));
        await off.ready;
        await presence.track("room", "ada").ready;
        await settle(pubsub);
        expect(messages).toEqual([]);
        await presence.close();
      });

      it("refuses a meta that is not JSON data, and a bad key", () => {
        const presence = new Presence(open());
        expect(() => presence.track("room", "ada", { at: new Map() })).toThrow(/meta\.at is a Map/);
        expect(() => presence.track("room", "", {})).toThrow(/presence key/);
      });
    });
  });
}
