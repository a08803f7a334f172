import { existsSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A built file of the browser runtime, read once and served with an ETag. */
export interface Asset {
  body: Buffer;
  etag: string;
  type: string;
}

/**
 * The package's `dist/`, found from this module upwards: this file runs as `src/server/assets.ts`
 * in a clone and as `dist/src/server/assets.js` in an installed package, so a fixed relative path
 * would fit only one of them.
 */
function distDirectory(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Tether: cannot find its package directory (no package.json above " + fileURLToPath(import.meta.url) + ")");
    dir = parent;
  }
  return join(dir, "dist");
}

const DIST = distDirectory();
const cache = new Map<string, Asset | null>();

/** The runtime bundle or its source map, by file name in dist/; null if it was not built. */
export function loadAsset(name: string): Asset | null {
  let asset = cache.get(name);
  if (asset !== undefined) return asset;
  try {
    const body = readFileSync(join(DIST, name));
    const type = name.endsWith(".map") ? "application/json" : "text/javascript; charset=utf-8";
    asset = { body, type, etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 16)}"` };
  } catch {
    asset = null;
    // Without the runtime, pages render but never go live: say so once, where the operator looks.
    console.error(`[tether] ${join(DIST, name)} is missing: build the browser runtime with \`npm run build\` (a package from npm ships it built)`);
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
  "tether-upload.js": "tether-upload.min.js",
  "tether-upload.min.js.map": "tether-upload.min.js.map",
  "tether-upload.dev.js": "tether-upload.dev.js",
  "tether-upload.dev.js.map": "tether-upload.dev.js.map",
  "tether-auroraview.js": "tether-auroraview.min.js",
  "tether-auroraview.min.js.map": "tether-auroraview.min.js.map",
  "tether-auroraview.dev.js": "tether-auroraview.dev.js",
  "tether-auroraview.dev.js.map": "tether-auroraview.dev.js.map",
  "tether-client.js": "tether-client.min.js",
  "tether-client.min.js.map": "tether-client.min.js.map",
  "tether-client.dev.js": "tether-client.dev.js",
  "tether-client.dev.js.map": "tether-client.dev.js.map",
  // Development only: `tether.devtools()` of the development runtime loads it.
  "tether-devtools.dev.js": "tether-devtools.dev.js",
  "tether-devtools.dev.js.map": "tether-devtools.dev.js.map",
  "tether-nav.js": "tether-nav.min.js",
  "tether-nav.min.js.map": "tether-nav.min.js.map",
  "tether-nav.dev.js": "tether-nav.dev.js",
  "tether-nav.dev.js.map": "tether-nav.dev.js.map",
  "tether-windows.js": "tether-windows.min.js",
  "tether-windows.min.js.map": "tether-windows.min.js.map",
  "tether-windows.dev.js": "tether-windows.dev.js",
  "tether-windows.dev.js.map": "tether-windows.dev.js.map",
  "tether-lists.js": "tether-lists.min.js",
  "tether-lists.min.js.map": "tether-lists.min.js.map",
  "tether-lists.dev.js": "tether-lists.dev.js",
  "tether-lists.dev.js.map": "tether-lists.dev.js.map",
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
