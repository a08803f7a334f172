import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomToken } from "../session/random-token.js";
import type { DownloadFile, FileOffers } from "../session/file-offers.js";

/** A session's offers beyond this many withdraw its oldest: a loop that offers a file per tick cannot grow the process. */
export const MAX_OFFERS_PER_SESSION = 64;

// The types an offered file keeps (see DownloadFile.type): ones that cannot hold script wherever
// the browser opens them; any other is sent as application/octet-stream.
const INERT_TYPE = /^(?:text\/(?:plain|csv)|application\/(?:json|pdf|zip|gzip|octet-stream)|image\/(?:png|gif|jpe?g|webp|avif)|(?:audio|video)\/[a-z0-9.+-]+)$/;

interface Offer {
  readonly session: string;
  readonly file: DownloadFile;
}

/**
 * The server's offered files (`session.offerDownload`), served at `<base>/download/<token>/<name>`
 * as attachments. The token is unguessable and the offer lives as long as its session (or until
 * withdrawn); bytes are read from the offer's path or stream only when the browser asks, so a
 * large file passes through the process a chunk at a time.
 */
export class Downloads implements FileOffers {
  private readonly base: string;
  private readonly offers = new Map<string, Offer>();
  /** Each session's offer tokens, oldest first (a session's end withdraws them all). */
  private readonly bySession = new Map<string, string[]>();
  private readonly report: (error: unknown, where: string) => void;

  constructor(base: string, report: (error: unknown, where: string) => void) {
    this.base = `${base}/download/`;
    this.report = report;
  }

  offer(sessionId: string, file: DownloadFile): string {
    if (typeof file !== "object" || file === null || typeof file.filename !== "string" || file.filename === "") throw new TypeError("offerDownload: a file needs a filename");
    const { filename } = file;
    if (!("content" in file) && !("path" in file) && !("stream" in file)) throw new TypeError(`offerDownload: ${filename} needs content, a path or a stream`);
    const token = randomToken(24);
    this.offers.set(token, { session: sessionId, file });
    let tokens = this.bySession.get(sessionId);
    if (tokens === undefined) this.bySession.set(sessionId, (tokens = []));
    tokens.push(token);
    if (tokens.length > MAX_OFFERS_PER_SESSION) this.offers.delete(tokens.shift()!);
    return `${this.base}${token}/${encodeURIComponent(file.filename)}`;
  }

  withdraw(url: string): void {
    const token = this.tokenOf(url);
    const offer = token === null ? undefined : this.offers.get(token);
    if (offer === undefined) return;
    this.offers.delete(token!);
    const tokens = this.bySession.get(offer.session);
    if (tokens === undefined) return;
    tokens.splice(tokens.indexOf(token!), 1);
    if (tokens.length === 0) this.bySession.delete(offer.session);
  }

  /** The session ended: its offers go with it. */
  endSession(sessionId: string): void {
    const tokens = this.bySession.get(sessionId);
    if (tokens === undefined) return;
    this.bySession.delete(sessionId);
    for (const token of tokens) this.offers.delete(token);
  }

  /** How many files are offered now (for tests and metrics). */
  get size(): number {
    return this.offers.size;
  }

  /** True if `url` is one of this endpoint's (answered by `handle`, found or not). */
  owns(url: string): boolean {
    return url.startsWith(this.base);
  }

  /** Answers a GET or HEAD of an offer's URL: the file as an attachment, or 404. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = this.tokenOf(req.url ?? "");
    const offer = token === null ? undefined : this.offers.get(token);
    if (offer === undefined) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }).end("This download is no longer offered: its page was closed or has moved on.");
      return;
    }
    const { file } = offer;
    const wanted = file.type ?? "application/octet-stream";
    const headers: Record<string, string | number> = {
      "content-type": INERT_TYPE.test(wanted) ? wanted : "application/octet-stream",
      "content-disposition": contentDisposition(file.filename),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    };
    try {
      if ("content" in file) {
        const body = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength);
        res.writeHead(200, { ...headers, "content-length": body.byteLength });
        res.end(req.method === "HEAD" ? undefined : body);
        return;
      }
      if ("path" in file) headers["content-length"] = (await stat(file.path)).size;
      res.writeHead(200, headers);
      if (req.method === "HEAD") return void res.end();
      const source = "path" in file ? createReadStream(file.path) : file.stream();
      await pipeline(source instanceof Readable ? source : Readable.from(source), res);
    } catch (error) {
      // A file gone from disk, or a stream that failed: the browser's download fails (a cut
      // response, or a 500 before any byte), the app hears of it, the process goes on.
      this.report(error, `the download of ${file.filename}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("This download failed on the server.");
      else res.destroy();
    }
  }

  private tokenOf(url: string): string | null {
    if (!url.startsWith(this.base)) return null;
    const rest = url.slice(this.base.length);
    const end = rest.indexOf("/");
    return end > 0 ? rest.slice(0, end) : rest.split("?")[0] || null;
  }
}

/** `attachment` with the name for every browser: an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
