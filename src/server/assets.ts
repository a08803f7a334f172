import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";

/** A built file of the browser runtime, read once and served with an ETag. */
export interface Asset {
  body: Buffer;
  etag: string;
  type: string;
}

const DIST = new URL("../../dist/", import.meta.url);
const cache = new Map<string, Asset | null>();

/** The runtime bundle or its source map, by file name in dist/; null if it was not built. */
export function loadAsset(name: string): Asset | null {
  let asset = cache.get(name);
  if (asset !== undefined) return asset;
  try {
    const body = readFileSync(fileURLToPath(new URL(name, DIST)));
    const type = name.endsWith(".map") ? "application/json" : "text/javascript; charset=utf-8";
    asset = { body, type, etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 16)}"` };
  } catch {
    asset = null;
  }
  cache.set(name, asset);
  return asset;
}

/** The runtime files a page may request, mapped to their built names. */
export const RUNTIME_FILES: Record<string, string> = {
  "tether.js": "tether.min.js",
  "tether.js.map": "tether.min.js.map",
  "tether.min.js.map": "tether.min.js.map",
  "tether.dev.js": "tether.dev.js",
  "tether.dev.js.map": "tether.dev.js.map",
  "tether-longpoll.js": "tether-longpoll.min.js",
  "tether-longpoll.min.js.map": "tether-longpoll.min.js.map",
};
