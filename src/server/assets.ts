import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
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

/**
 * Answers a GET or HEAD of the runtime file `name` (a key of RUNTIME_FILES): the file with its
 * ETag, 304 to a matching If-None-Match, 404 for any other name or a file not built.
 */
export function serveAsset(req: IncomingMessage, res: ServerResponse, name: string): true {
  const file = Object.hasOwn(RUNTIME_FILES, name) ? RUNTIME_FILES[name] : undefined;
  const asset = file === undefined ? null : loadAsset(file);
  if (asset === null) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end(file === undefined ? "not found" : `${file} is not built: run \`npm run build\``);
    return true;
  }
  if (req.headers["if-none-match"] === asset.etag) {
    res.writeHead(304, { etag: asset.etag });
    res.end();
    return true;
  }
  res.writeHead(200, { "content-type": asset.type, etag: asset.etag, "cache-control": "no-cache" });
  res.end(req.method === "HEAD" ? undefined : asset.body);
  return true;
}
