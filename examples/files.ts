import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import type { Fallback } from "tether-live";

/** A file the gallery serves: where it is on disk and its content-type. */
export interface StaticFile {
  file: URL;
  type: string;
}

interface LoadedFile {
  file: URL;
  body: Buffer;
  type: string;
  etag: string;
  /** When the file was last changed, as read: a file edited since is read again (`tether dev` reloads stylesheets). */
  changed: number;
}

/**
 * Serves exactly the files given, by URL path, read once and again when they change: with their content-type, an ETag and
 * `no-cache` (the browser asks again each time and gets a 304 while the file is unchanged).
 * Every other request is passed on: no part of a request's URL ever reaches the file system.
 */
export function staticFiles(files: Record<string, StaticFile>): Fallback {
  const loaded = new Map<string, LoadedFile>();
  for (const [path, { file, type }] of Object.entries(files)) loaded.set(path, load(file, type));
  return (req, res, next) => {
    const path = (req.url ?? "/").split("?")[0];
    let found = req.method === "GET" || req.method === "HEAD" ? loaded.get(path) : undefined;
    if (found === undefined) return next();
    if (statSync(found.file).mtimeMs !== found.changed) loaded.set(path, (found = load(found.file, found.type)));
    if (req.headers["if-none-match"] === found.etag) {
      res.writeHead(304, { etag: found.etag });
      return res.end();
    }
    res.writeHead(200, { "content-type": found.type, etag: found.etag, "cache-control": "no-cache", "x-content-type-options": "nosniff" });
    res.end(req.method === "HEAD" ? undefined : found.body);
  };
}

function load(file: URL, type: string): LoadedFile {
  const changed = statSync(file).mtimeMs;
  const body = readFileSync(file);
  return { file, body, type, etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 16)}"`, changed };
}
