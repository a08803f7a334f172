/**
 * `npm start`: serves the gallery (every example, with a gallery page at /). PORT and HOST come
 * from the environment (default 127.0.0.1:3000). With REDIS_URL (redis://127.0.0.1:6379, say),
 * pub/sub and presence go through Redis, so that several such processes share the chat's
 * rooms; REDIS_PREFIX keeps apps that share a Redis apart (default "tether").
 */
import { redisAdapter, serve } from "tether-live";
import { galleryOptions } from "./gallery.js";

const redisUrl = process.env.REDIS_URL;
const pubsub = redisUrl ? redisAdapter({ url: redisUrl, prefix: process.env.REDIS_PREFIX }) : undefined;
const running = await serve({ ...galleryOptions(), pubsub });
console.log(`Tether examples at ${running.url}/${redisUrl ? ` (pub/sub and presence over Redis at ${redisUrl})` : ""}`);
