/**
 * End to end in Chromium: uploads (issue 18). The gallery's /files page (its contract: one
 * `input[type=file][multiple]` that uploads on choice; each stored file an element with
 * `data-file`, `data-name`, `data-size` and `data-sha256`) takes 1 file, 100 files, and a 200 MB
 * file from a gallery in a process of its own, through a proxy that cuts every connection twice
 * mid-way (the server's memory growth is measured and reported). A server of this file's own
 * shows each limit refused before any byte moves, and a cancel that removes the temporary file.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve, type RunningServer, type UploadOptions } from "../../src/index.js";
import { FileInput, UploadEntries } from "../../components/index.js";
import { AppProcess } from "../support/app-process.js";
import { useExamples } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";
import { TcpProxy } from "../support/tcp-proxy.js";

const examples = useExamples();
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tether-upload-test-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file of random bytes into the test's directory, a MiB at a time; returns its path and SHA-256. */
function randomFile(name: string, size: number): { path: string; sha256: string } {
  const path = join(dir, name);
  const hash = createHash("sha256");
  const fd = openSync(path, "w");
  for (let at = 0; at < size; at += 1 << 20) {
    const bytes = randomBytes(Math.min(1 << 20, size - at));
    hash.update(bytes);
    writeSync(fd, bytes);
  }
  closeSync(fd);
  return { path, sha256: hash.digest("hex") };
}

/** The stored files the page lists. */
function storedFiles(page: Page): Promise<Array<{ name: string; size: string; sha256: string }>> {
  return page.$$eval("[data-file]", (items) => items.map((el) => ({ name: el.getAttribute("data-name")!, size: el.getAttribute("data-size")!, sha256: el.getAttribute("data-sha256")! })));
}

/** Resolves once the entry named `name` shows at least `percent` progress (the server's count of stored bytes). */
function progressReaches(page: Page, name: string, percent: number, timeout = 60_000): Promise<unknown> {
  return page.waitForFunction(([n, p]) => Number(document.querySelector<HTMLProgressElement>(`progress[aria-label="${n}"]`)?.value ?? -1) >= p, [name, percent] as const, { timeout });
}

/** Binary frames (chunks) the page sends, counted. */
function countChunks(page: Page): { count: number } {
  const sent = { count: 0 };
  page.on("websocket", (ws) => ws.on("framesent", (frame) => typeof frame.payload !== "string" && sent.count++));
  return sent;
}

/** Makes every upload WebSocket fail before it opens, as a network that lets none through does (long-poll's). */
const NO_UPLOAD_SOCKETS = `(() => {
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(String(url).includes("/_tether/upload") ? String(url).replace("/_tether/upload", "/_tether/no-such-socket") : url, protocols);
    }
  };
})();`;

/** Counts the bytes of the binary frames (chunks) the page sends, in the page (the test's CDP connection never sees 200 MB of frames). */
const COUNT_CHUNK_BYTES = `(() => {
  window.__chunkBytes = 0;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (typeof data !== "string") window.__chunkBytes += data.byteLength;
    return send.call(this, data);
  };
})();`;

/** The resident memory of process `pid` now (VmRSS) and at its peak so far (VmHWM), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

describe("/files", () => {
  test("one file: stored, with the SHA-256 of its bytes", async () => {
    const { page, problems } = await examples.open("/files");
    const file = randomFile("one.bin", 700_000);
    await page.setInputFiles("input[type=file][multiple]", file.path);
    await waitUntil(page, () => document.querySelectorAll("[data-file]").length === 1, null);
    expect(await storedFiles(page)).toEqual([{ name: "one.bin", size: "700000", sha256: file.sha256 }]);
    expect(await page.locator("input[type=file][multiple]").count()).toBe(1);
    expect(problems).toEqual([]);
  });

  test("a file dropped on the drop zone is stored as a chosen one", async () => {
    const { page, problems } = await examples.open("/files");
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["dropped bytes"], "dropped.txt", { type: "text/plain" }));
      return transfer;
    });
    await page.dispatchEvent(".tether-drop-zone", "dragover", { dataTransfer });
    await page.dispatchEvent(".tether-drop-zone", "drop", { dataTransfer });
    await waitUntil(page, () => document.querySelectorAll("[data-file]").length === 1, null);
    expect(await storedFiles(page)).toEqual([{ name: "dropped.txt", size: "13", sha256: createHash("sha256").update("dropped bytes").digest("hex") }]);
    expect(problems).toEqual([]);
  });

  test("where no upload WebSocket opens, the page posts each message and chunk instead", async () => {
    const { page, problems } = await examples.open("/files", { beforeLoad: (p) => p.addInitScript(NO_UPLOAD_SOCKETS) });
    const posts: string[] = [];
    page.on("request", (request) => request.method() === "POST" && request.url().includes("/_tether/upload") && posts.push(request.headers()["content-type"]));
    const file = randomFile("posted.bin", 600_000);
    await page.setInputFiles("input[type=file][multiple]", file.path);
    await waitUntil(page, () => document.querySelectorAll("[data-file]").length === 1, null, 30_000);
    expect(await storedFiles(page)).toEqual([{ name: "posted.bin", size: "600000", sha256: file.sha256 }]);
    expect(posts.filter((type) => type === "application/octet-stream")).toHaveLength(3); // 256 KiB chunks
    expect(posts[0]).toBe("application/json");
    // The browser reports each refused handshake itself: those are the test's doing.
    expect(problems.filter((problem) => !problem.includes("no-such-socket"))).toEqual([]);
  });

  test("100 files at once: every one stored, each with its own hash", async () => {
    const { page, problems } = await examples.open("/files");
    const files = Array.from({ length: 100 }, (_, i) => randomFile(`many-${i}.bin`, 1000 + i * 3001));
    await page.setInputFiles("input[type=file][multiple]", files.map((f) => f.path));
    await waitUntil(page, () => document.querySelectorAll("[data-file]").length === 100, null, 60_000);
    const stored = await storedFiles(page);
    const byName = new Map(stored.map((s) => [s.name, s]));
    for (let i = 0; i < 100; i++) expect(byName.get(`many-${i}.bin`)).toEqual({ name: `many-${i}.bin`, size: String(1000 + i * 3001), sha256: files[i].sha256 });
    expect(problems).toEqual([]);
  }, 90_000);
});

describe("a 200 MB file through a connection cut twice", () => {
  let app: AppProcess | undefined;
  let proxy: TcpProxy | undefined;

  afterAll(async () => {
    await proxy?.close();
    app?.kill();
  });

  test("resumes from the last acknowledged chunk: the stored SHA-256 is the original's, the server's memory grows < 50 MB", async () => {
    app = await AppProcess.start(process.execPath, ["--conditions=tether-source", "--import", "tsx", "examples/server.ts"], { PORT: "0", NODE_ENV: "production" });
    proxy = await TcpProxy.forUrl(app.url);
    const file = randomFile("big.bin", 200 * 1024 * 1024);
    const { page, problems } = await examples.open(`${proxy.url}/files`, { beforeLoad: (p) => p.addInitScript(COUNT_CHUNK_BYTES) });
    const before = memoryOf(app.pid);
    await page.setInputFiles("input[type=file][multiple]", file.path);
    await progressReaches(page, "big.bin", 20);
    expect(proxy.cutAll()).toBeGreaterThan(0);
    await progressReaches(page, "big.bin", 55);
    expect(proxy.cutAll()).toBeGreaterThan(0);
    await waitUntil(page, () => document.querySelectorAll("[data-file]").length === 1, null, 120_000);
    const after = memoryOf(app.pid);
    expect(await storedFiles(page)).toEqual([{ name: "big.bin", size: String(200 * 1024 * 1024), sha256: file.sha256 }]);
    const growth = after.peak - before.rss;
    console.log(`[uploads] 200 MB with 2 cuts: server RSS ${(before.rss / 2 ** 20).toFixed(1)} MiB before, peak ${(after.peak / 2 ** 20).toFixed(1)} MiB during: growth ${(growth / 2 ** 20).toFixed(1)} MiB`);
    expect(growth).toBeLessThan(50 * 2 ** 20);
    // Resumed, not restarted: what was sent again after the cuts is at most a window each time.
    const sent = await page.evaluate(() => (window as unknown as { __chunkBytes: number }).__chunkBytes);
    expect(sent).toBeGreaterThanOrEqual(200 * 1024 * 1024);
    expect(sent).toBeLessThan(200 * 1024 * 1024 + 2 * 8 * 2 ** 20);
    expect(problems).toEqual([]);
    rmSync(file.path);
  }, 240_000);
});

/** A page of this file's server: one upload with the route's options, its entries listed. */
function uploadPage(options: UploadOptions) {
  return class extends Component {
    upload = this.allowUpload("docs", options);
    render() {
      return html`<main><${FileInput} upload=${this.upload} label="Documents" /><${UploadEntries} upload=${this.upload} /></main>`;
    }
  };
}

/** The temporary files under `root` (each server makes a directory of its own there), with their sizes, but those in `except`. */
function temporaryFiles(root: string, except: ReadonlyMap<string, number> = new Map()): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const sub of readdirSync(root)) {
    for (const name of readdirSync(join(root, sub))) if (!except.has(name)) sizes.set(name, statSync(join(root, sub, name)).size);
  }
  return sizes;
}

/** A 1×1 PNG: an image the page can preview. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/**
 * A storage service on 127.0.0.1, as S3 plays it for presigned PUTs: a PUT to a key with the
 * right signature is stored (here: hashed and counted), anything else refused; CORS lets the
 * page's origin PUT.
 */
class Storage {
  readonly stored = new Map<string, { size: number; sha256: string }>();
  private readonly server: Server;
  url = "";
  static readonly secret = randomBytes(16);

  constructor() {
    this.server = createServer((req, res) => {
      const cors = { "access-control-allow-origin": req.headers.origin ?? "*", "access-control-allow-methods": "PUT", "access-control-allow-headers": "content-type" };
      if (req.method === "OPTIONS") return void res.writeHead(204, cors).end();
      const url = new URL(req.url!, this.url);
      const key = url.pathname.slice(1);
      if (req.method !== "PUT" || url.searchParams.get("sig") !== Storage.sign(key)) return void res.writeHead(403, cors).end();
      const hash = createHash("sha256");
      let size = 0;
      req.on("data", (part: Buffer) => {
        size += part.length;
        hash.update(part);
      });
      req.on("end", () => {
        this.stored.set(key, { size, sha256: hash.digest("hex") });
        res.writeHead(200, cors).end();
      });
    });
  }

  static sign(key: string): string {
    return createHmac("sha256", Storage.secret).update(key).digest("hex");
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe("limits and cancel", () => {
  let server: RunningServer;
  let busy: RunningServer;
  let uploads = "";
  const storage = new Storage();

  beforeAll(async () => {
    uploads = mkdtempSync(join(tmpdir(), "tether-upload-dir-"));
    await storage.start();
    [server, busy] = await Promise.all([
      serve({
        port: 0,
        host: "127.0.0.1",
        dev: true,
        uploadDirectory: uploads,
        routes: {
          "/limits": uploadPage({ accept: [".txt", "image/*"], maxFiles: 2, maxFileSize: 2000 }),
          "/big": uploadPage({ maxFileSize: 1 << 30 }),
          "/external": uploadPage({ maxFileSize: 1 << 30, external: (entry) => ({ url: `${storage.url}/${entry.id}?sig=${Storage.sign(entry.id)}` }) }),
          "/preview": uploadPage({ accept: ["image/*"], auto: false }),
        },
      }),
      serve({ port: 0, host: "127.0.0.1", dev: true, maxUploadBytesPerSession: 3000, routes: { "/busy": uploadPage({ maxFiles: 5, maxFileSize: 10_000 }) } }),
    ]);
  });
  afterAll(async () => {
    await server?.close();
    await busy?.close();
    await storage.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  test("wrong type, too large and too many are refused with their errors before any byte moves", async () => {
    const { page, problems } = await examples.open(`${server.url}/limits`);
    const sent = countChunks(page);
    writeFileSync(join(dir, "a.exe"), "x".repeat(100));
    writeFileSync(join(dir, "big.txt"), "x".repeat(2001));
    await page.setInputFiles("input[type=file]", [join(dir, "a.exe"), join(dir, "big.txt")]);
    await waitUntil(page, () => document.querySelectorAll(".tether-upload-error").length === 2, null);
    const errors = await page.$$eval(".tether-upload-entry", (items) => items.map((li) => [li.querySelector(".tether-upload-name")!.textContent, li.querySelector(".tether-error")?.textContent]));
    expect(errors).toEqual([
      ["a.exe", "this type of file is not accepted"],
      ["big.txt", "the file is too large"],
    ]);
    expect(sent.count).toBe(0);
    writeFileSync(join(dir, "1.txt"), "1");
    writeFileSync(join(dir, "2.txt"), "2");
    writeFileSync(join(dir, "3.txt"), "3");
    // The server counts what the upload holds: two accepted, the third one too many.
    await page.setInputFiles("input[type=file]", [join(dir, "1.txt"), join(dir, "2.txt"), join(dir, "3.txt")]);
    await waitUntil(page, () => document.querySelectorAll(".tether-upload-entry").length === 5 && document.querySelectorAll(".tether-upload-done").length === 2, null);
    const third = await page.locator(".tether-upload-entry", { hasText: "3.txt" }).locator(".tether-error").textContent();
    expect(third).toBe("too many files");
    expect(sent.count).toBe(2); // the two accepted one-byte files, nothing of the refused one
    expect(problems).toEqual([]);
  });

  test("past the session's bytes in flight: refused as busy before any byte moves", async () => {
    const { page, problems } = await examples.open(`${busy.url}/busy`);
    const sent = countChunks(page);
    writeFileSync(join(dir, "4k.bin"), randomBytes(4000));
    await page.setInputFiles("input[type=file]", join(dir, "4k.bin"));
    await waitUntil(page, () => document.querySelector(".tether-upload-error .tether-error")?.textContent === "too many uploads are in progress; try again shortly", null);
    expect(sent.count).toBe(0);
    expect(problems).toEqual([]);
  });

  test("external: the page PUTs straight to the storage's signed URL; progress still reaches the component; no chunk passes the server", async () => {
    const { page, problems } = await examples.open(`${server.url}/external`);
    const sent = countChunks(page);
    const file = randomFile("direct.bin", 5 * 1024 * 1024);
    const earlier = temporaryFiles(uploads);
    await page.setInputFiles("input[type=file]", file.path);
    await waitUntil(page, () => document.querySelector(".tether-upload-done progress")?.getAttribute("value") === "100", null, 30_000);
    expect([...storage.stored.values()]).toEqual([{ size: 5 * 1024 * 1024, sha256: file.sha256 }]);
    expect(sent.count).toBe(0);
    expect(temporaryFiles(uploads, earlier).size).toBe(0);
    expect(problems).toEqual([]);
  });

  test("an image is previewed in the page from the chosen file, before any byte is sent", async () => {
    const { page, problems } = await examples.open(`${server.url}/preview`);
    const sent = countChunks(page);
    writeFileSync(join(dir, "dot.png"), PNG);
    await page.setInputFiles("input[type=file]", join(dir, "dot.png"));
    await waitUntil(page, () => (document.querySelector("img[data-tether-preview]") as HTMLImageElement | null)?.src.startsWith("blob:") === true, null);
    await waitUntil(page, () => (document.querySelector("img[data-tether-preview]") as HTMLImageElement).naturalWidth === 1, null);
    expect(sent.count).toBe(0); // auto: false, and nothing started it
    expect(problems).toEqual([]);
  });

  test("cancel mid-way stops the upload and removes its temporary file", async () => {
    const { page, problems } = await examples.open(`${server.url}/big`);
    const file = randomFile("cancel.bin", 150 * 1024 * 1024);
    const earlier = temporaryFiles(uploads); // the other tests' stored files, kept until their sessions end
    await page.setInputFiles("input[type=file]", file.path);
    await progressReaches(page, "cancel.bin", 2);
    const during = [...temporaryFiles(uploads, earlier).values()];
    expect(during.length).toBe(1);
    expect(during[0]).toBeGreaterThan(0);
    await page.click(".tether-upload-cancel");
    await waitUntil(page, () => document.querySelectorAll(".tether-upload-entry").length === 0, null);
    await expect.poll(() => temporaryFiles(uploads, earlier).size).toBe(0);
    expect(problems).toEqual([]);
    rmSync(file.path);
  });
});
