/**
 * One process of the multi-process presence test (redis.test.ts): joins the "room" topic
 * under the key given, subscribes to its diffs, and prints each diff as a JSON line, after a
 * first line `{"ready":true}`. Run: node --import tsx presence-worker.ts <prefix> <key> <timeout>.
 */
import { Presence, PubSub, redisAdapter } from "../../src/pubsub/index.js";

const [prefix, key, timeout] = process.argv.slice(2);
const pubsub = new PubSub(redisAdapter({ prefix, presenceTimeout: Number(timeout) }));
const presence = new Presence(pubsub);
const off = presence.subscribe("room", (diff) => console.log(JSON.stringify({ diff })));
await off.ready;
await presence.track("room", key, { pid: process.pid }).ready;
console.log(JSON.stringify({ ready: true }));
process.on("SIGTERM", () => {
  void presence.close().then(() => pubsub.close()).then(() => process.exit(0));
});
