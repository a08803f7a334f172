/**
 * The conformance suite over Redis (127.0.0.1:6379, a key prefix per test run, its keys
 * deleted after), and what only several processes show: a broadcast heard by another
 * process (the conformance suite's pairs), a foreign publisher, and presence in three processes of which one is
 * killed with SIGKILL (its entry leaves within the documented bound, every diff once).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { Presence, PubSub, redisAdapter, type JsonValue, type PresenceDiff } from "../../src/pubsub/index.js";
import { ROOT } from "../support/app-process.js";
import { REDIS_URL as URL, useRedisPrefix } from "../support/redis.js";
import { describeConformance, settle, until } from "./conformance.js";

const RUN = useRedisPrefix();
let count = 0;
const prefix = () => `${RUN}:${++count}`;

describeConformance("Redis adapter", {
  open: (options) => new PubSub(redisAdapter({ url: URL, prefix: prefix() }), options),
  openPair: () => {
    const shared = prefix();
    return [new PubSub(redisAdapter({ url: URL, prefix: shared })), new PubSub(redisAdapter({ url: URL, prefix: shared }))];
  },
});

describe("Redis adapter across processes", () => {
  it("ignores what another program publishes on its channels", async () => {
    const shared = prefix();
    const pubsub = new PubSub(redisAdapter({ url: URL, prefix: shared }));
    const raw = new Redis(URL);
    try {
      const got: JsonValue[] = [];
      const off = pubsub.subscribe("room", (m) => got.push(m));
      await off.ready;
      await raw.publish(`${shared}:t:room`, "not json");
      await raw.publish(`${shared}:t:room`, JSON.stringify({ no: "envelope" }));
      await pubsub.broadcast("room", "real");
      expect(await until(got, 1)).toEqual(["real"]);
      await settle(pubsub);
      expect(got).toEqual(["real"]);
    } finally {
      await pubsub.close();
      await raw.quit();
    }
  });

  it("three processes: one killed with SIGKILL leaves within the bound, each join and leave reaching each subscriber once", async () => {
    const shared = prefix();
    // Long enough that a worker stalled by a loaded machine is not taken for dead (its entry would leave and join again).
    const timeout = 3000;
    const workers = await Promise.all(["ada", "bob", "cy"].map((key) => Worker.start(shared, key, timeout)));
    try {
      // Everyone hears the others' joins (a worker started earlier hears the later ones).
      const everyone = new Presence(new PubSub(redisAdapter({ url: URL, prefix: shared })));
      expect(Object.keys(await everyone.list("room")).sort()).toEqual(["ada", "bob", "cy"]);
      await everyone.close();
      const [, bob, cy] = workers;
      bob.child.kill("SIGKILL");
      // Bound: presenceTimeout after the last heartbeat, plus one heartbeat (a third of it) for the reap.
      for (const w of [workers[0], cy]) await w.waitFor((d) => "bob" in d.leaves, (timeout * 4) / 3 + 4000);
      // A few more heartbeats: no second leave, no zombie.
      await new Promise((resolve) => setTimeout(resolve, timeout));
      for (const w of [workers[0], cy]) {
        const leaves = w.diffs.filter((d) => "bob" in d.leaves);
        expect(leaves).toHaveLength(1);
        const joins = w.diffs.flatMap((d) => Object.keys(d.joins));
        expect(new Set(joins).size).toBe(joins.length);
      }
      const after = new Presence(new PubSub(redisAdapter({ url: URL, prefix: shared })));
      expect(Object.keys(await after.list("room")).sort()).toEqual(["ada", "cy"]);
      await after.close();
    } finally {
      for (const w of workers) w.stop();
    }
  });
});

/** A presence worker process (presence-worker.ts) and the diffs it printed. */
class Worker {
  readonly child: ChildProcess;
  diffs: PresenceDiff[] = [];
  private buffer = "";
  private constructor(child: ChildProcess) {
    this.child = child;
    child.stdout!.on("data", (data: Buffer) => {
      this.buffer += data.toString();
      let newline;
      while ((newline = this.buffer.indexOf("\n")) !== -1) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        const parsed = JSON.parse(line) as { diff?: PresenceDiff; ready?: true };
        if (parsed.diff) this.diffs.push(parsed.diff);
        if (parsed.ready) this.child.emit("ready");
      }
    });
  }

  static async start(prefix: string, key: string, timeout: number): Promise<Worker> {
    const child = spawn(process.execPath, ["--conditions=tether-source", "--import", "tsx", "test/pubsub/presence-worker.ts", prefix, key, String(timeout)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const worker = new Worker(child);
    await new Promise<void>((resolve, reject) => {
      child.once("ready", resolve);
      child.once("exit", (code) => reject(new Error(`presence worker ${key} exited with ${code}`)));
    });
    return worker;
  }

  /** Resolves once a diff passes `test`; fails after `ms` (a bound, generous for a loaded machine). */
  waitFor(test: (diff: PresenceDiff) => boolean, ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const look = () => {
        if (this.diffs.some(test)) return resolve();
        if (Date.now() - started > ms) return reject(new Error(`no such diff within ${ms} ms: ${JSON.stringify(this.diffs)}`));
        setTimeout(look, 20);
      };
      look();
    });
  }

  stop(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
  }
}
