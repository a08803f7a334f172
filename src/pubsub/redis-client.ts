import { createRequire } from "node:module";
import type { Redis } from "ioredis";

/**
 * The one module that loads ioredis, an optional peer dependency: an app that never runs over
 * Redis needs not install it, and one that does is told how at the first call.
 */
export function connectRedis(url: string, name: string): Redis {
  let RedisClass: typeof Redis;
  try {
    RedisClass = (createRequire(import.meta.url)("ioredis") as { Redis: typeof Redis }).Redis;
  } catch (cause) {
    throw new Error("Tether: the Redis adapter needs the ioredis package (npm install ioredis)", { cause });
  }
  const client = new RedisClass(url, { connectionName: name });
  let reported = "";
  // ioredis reconnects by itself; it is told once per kind of failure, not on every retry.
  client.on("error", (error: Error) => {
    if (error.message === reported) return;
    reported = error.message;
    console.error(`[tether] Redis (${name}): ${error.message}; reconnecting`);
  });
  client.on("ready", () => (reported = ""));
  return client;
}
