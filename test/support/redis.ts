/**
 * Redis for a test file: the server at 127.0.0.1:6379 (.ci/run starts one), a key prefix of
 * the file's own (random, so files and runs never share keys), and its keys deleted after the
 * file (never FLUSHALL: other tests and apps may use the same Redis).
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll } from "vitest";

export const REDIS_URL = "redis://127.0.0.1:6379";

/** A fresh key prefix for this file; its keys are deleted after the file's tests. */
export function useRedisPrefix(): string {
  const prefix = `tether-test-${randomBytes(6).toString("hex")}`;
  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  return prefix;
}
