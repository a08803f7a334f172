/**
 * The upload service (server/uploads.ts) without sockets: each limit judged before any byte
 * (type, size, count, the session's and the process's bytes in flight), chunks stored in order
 * and acknowledged (re-sent ones only acknowledged, gaps and overruns refused), temporary files
 * removed when consumed, cancelled or when the upload ends with its session, a writer of the
 * app's own, external entries, and `auto: false`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { Upload, type UploadOptions, type UploadWriter } from "../../src/component/upload.js";
import { Msg, UploadErrors, type UploadFileInfo, type UploadServerMessage } from "../../src/protocol/wire.js";
import { accepts, Uploads, type DeclaredUpload } from "../../src/server/uploads.js";

let root = "";
let errors: unknown[] = [];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "tether-uploads-unit-"));
  errors = [];
});
// The process's bound counts every service of the process: each test's are closed after it.
const made: Uploads[] = [];
afterEach(() => {
  for (const uploads of made.splice(0)) uploads.closeAll();
  rmSync(root, { recursive: true, force: true });
});

function service(limits: { maxSessionBytes?: number; maxProcessBytes?: number } = {}): Uploads {
  return track(new Uploads({ maxSessionBytes: limits.maxSessionBytes ?? 1 << 30, maxProcessBytes: limits.maxProcessBytes ?? 1 << 30, directory: root, onError: (error) => errors.push(error) }));
}

function track(uploads: Uploads): Uploads {
  made.push(uploads);
  return uploads;
}

/** An upload declared to `uploads` for `sessionId`, with what the page would be told recorded. */
function declare(uploads: Uploads, options: UploadOptions, sessionId = "s1"): { upload: Upload; declared: DeclaredUpload; told: UploadServerMessage[]; renders: { count: number } } {
  const renders = { count: 0 };
  const upload = new Upload("docs", options, () => renders.count++, () => ({ service: uploads, sessionId }));
  const declared = uploads.find(upload.token)!;
  const told: UploadServerMessage[] = [];
  declared.peers.add({ send: (message) => told.push(message) });
  return { upload, declared, told, renders };
}

const file = (n: string, s: number, t = "application/octet-stream"): UploadFileInfo => ({ n, s, t });
const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

/** The temporary files the service holds now. */
function temporaryFiles(): string[] {
  return readdirSync(root).flatMap((sub) => readdirSync(join(root, sub)));
}

describe("judging chosen files before any byte", () => {
  test("type by MIME type, wildcard or extension; size; count (what the upload holds counts)", async () => {
    const uploads = service();
    const { upload, declared } = declare(uploads, { accept: ["image/*", ".pdf", "text/plain"], maxFiles: 2, maxFileSize: 100 });
    const verdicts = await uploads.choose(declared, [file("a.png", 10, "image/png"), file("b.exe", 10), file("c.pdf", 101), file("d.PDF", 5), file("e.txt", 5, "text/plain")]);
    expect(verdicts.map((v) => v.e ?? "ok")).toEqual(["ok", UploadErrors.NotAccepted, UploadErrors.TooLarge, "ok", UploadErrors.TooMany]);
    expect(upload.entries.map((e) => [e.name, e.error?.code ?? null])).toEqual([
      ["a.png", null],
      ["b.exe", "not_accepted"],
      ["c.pdf", "too_large"],
      ["d.PDF", null],
      ["e.txt", "too_many"],
    ]);
    // Still two held: a third is too many in a later choice as well.
    expect((await uploads.choose(declared, [file("f.pdf", 1)]))[0].e).toBe(UploadErrors.TooMany);
    expect(temporaryFiles()).toEqual([]);
  });

  test("accepts: no list takes anything; a page's claimed type is judged, and the extension alone", () => {
    expect(accepts(undefined, file("x", 1))).toBe(true);
    expect(accepts([], file("x", 1))).toBe(true);
    expect(accepts(["image/*"], file("x.png", 1, "text/html"))).toBe(false);
    expect(accepts([".png"], file("x.png", 1, "text/html"))).toBe(true);
    expect(accepts(["image/png"], file("x", 1, "IMAGE/PNG"))).toBe(true);
  });

  test("the session's bytes in flight are bounded; finished entries free theirs", async () => {
    const uploads = service({ maxSessionBytes: 100 });
    const { declared } = declare(uploads, { maxFiles: 10 });
    const [first, second] = await uploads.choose(declared, [file("a", 60), file("b", 60)]);
    expect(first.id).toBeDefined();
    expect(second.e).toBe(UploadErrors.Busy);
    // Another session has a bound of its own.
    const other = declare(uploads, { maxFiles: 10 }, "s2");
    expect((await uploads.choose(other.declared, [file("c", 60)]))[0].id).toBeDefined();
    await uploads.chunk(declared, { id: first.id!, offset: 0, data: bytes(60) });
    expect((await uploads.choose(declared, [file("d", 60)]))[0].id).toBeDefined();
  });

  test("the process's bytes in flight are bounded across sessions", async () => {
    const uploads = service({ maxProcessBytes: 100 });
    const a = declare(uploads, {}, "s1");
    const b = declare(uploads, {}, "s2");
    const [first] = await uploads.choose(a.declared, [file("a", 70)]);
    expect((await uploads.choose(b.declared, [file("b", 70)]))[0].e).toBe(UploadErrors.Busy);
    uploads.cancel(a.upload, a.upload.entries[0]);
    expect(first.id).toBeDefined();
    expect((await uploads.choose(b.declared, [file("b", 70)]))[0].id).toBeDefined();
  });
});

describe("chunks", () => {
  test("stored in order, each acknowledged with the bytes stored; progress and done", async () => {
    const uploads = service();
    const done: string[] = [];
    const { upload, declared } = declare(uploads, { done: (entry) => done.push(entry.name) });
    const [{ id }] = await uploads.choose(declared, [file("a.bin", 10)]);
    expect(await uploads.chunk(declared, { id: id!, offset: 0, data: bytes(4, 1) })).toEqual({ k: Msg.UploadAck, id, o: 4 });
    expect(upload.entries[0].progress).toBe(40);
    expect(await uploads.chunk(declared, { id: id!, offset: 4, data: bytes(6, 2) })).toEqual({ k: Msg.UploadAck, id, o: 10 });
    expect(upload.entries[0]).toMatchObject({ done: true, progress: 100, received: 10 });
    expect(done).toEqual(["a.bin"]);
    const stored = uploads.file(upload, upload.entries[0]);
    expect([...readFileSync(stored.path)]).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
  });

  test("a chunk re-sent after a reconnection is acknowledged, not written twice; an overlap writes only its new bytes", async () => {
    const uploads = service();
    const { upload, declared } = declare(uploads, {});
    const [{ id }] = await uploads.choose(declared, [file("a.bin", 8)]);
    await uploads.chunk(declared, { id: id!, offset: 0, data: bytes(4, 1) });
    expect(await uploads.chunk(declared, { id: id!, offset: 0, data: bytes(4, 1) })).toEqual({ k: Msg.UploadAck, id, o: 4 });
    expect(await uploads.at(declared, id!)).toEqual({ k: Msg.UploadAck, id, o: 4 });
    await uploads.chunk(declared, { id: id!, offset: 2, data: new Uint8Array([1, 1, 3, 3, 3, 3]) });
    expect([...readFileSync(uploads.file(upload, upload.entries[0]).path)]).toEqual([1, 1, 1, 1, 3, 3, 3, 3]);
  });

  test("a gap or bytes past the declared size stop the entry (bad_chunk) and remove its file", async () => {
    const uploads = service();
    const { upload, declared, told } = declare(uploads, { maxFiles: 2 });
    const [a, b] = await uploads.choose(declared, [file("a", 8), file("b", 8)]);
    expect((await uploads.chunk(declared, { id: a.id!, offset: 4, data: bytes(4) })).x).toBe(UploadErrors.BadChunk);
    await uploads.chunk(declared, { id: b.id!, offset: 0, data: bytes(4) });
    expect((await uploads.chunk(declared, { id: b.id!, offset: 4, data: bytes(5) })).x).toBe(UploadErrors.BadChunk);
    expect(upload.entries.map((e) => e.error?.code)).toEqual(["bad_chunk", "bad_chunk"]);
    expect(told.filter((m) => m.k === Msg.UploadAck && m.x === UploadErrors.BadChunk)).toHaveLength(2);
    await expect.poll(() => temporaryFiles()).toEqual([]);
  });

  test("an id of another upload (another session's) is unknown", async () => {
    const uploads = service();
    const mine = declare(uploads, {}, "s1");
    const theirs = declare(uploads, {}, "s2");
    const [{ id }] = await uploads.choose(theirs.declared, [file("a", 4)]);
    expect(await uploads.chunk(mine.declared, { id: id!, offset: 0, data: bytes(4) })).toEqual({ k: Msg.UploadAck, id, o: 0, x: UploadErrors.UnknownEntry });
    expect(await uploads.at(mine.declared, id!)).toEqual({ k: Msg.UploadAck, id, o: 0, x: UploadErrors.UnknownEntry });
    expect(theirs.upload.entries[0].received).toBe(0);
  });
});

describe("temporary files", () => {
  test("removed once consumed; the entry leaves the list", async () => {
    const uploads = service();
    const { upload, declared } = declare(uploads, {});
    const [{ id }] = await uploads.choose(declared, [file("a", 3)]);
    await uploads.chunk(declared, { id: id!, offset: 0, data: bytes(3) });
    const path = await upload.consume(upload.entries[0], (stored) => {
      expect(existsSync(stored.path)).toBe(true);
      return stored.path;
    });
    expect(existsSync(path)).toBe(false);
    expect(upload.entries).toEqual([]);
  });

  test("removed when cancelled mid-way: the page is told to stop", async () => {
    const uploads = service();
    const { upload, declared, told } = declare(uploads, {});
    const [{ id }] = await uploads.choose(declared, [file("a", 8)]);
    await uploads.chunk(declared, { id: id!, offset: 0, data: bytes(4) });
    expect(temporaryFiles()).toEqual([id]);
    upload.cancel(id!);
    expect(told.at(-1)).toEqual({ k: Msg.UploadAck, id, o: 4, x: UploadErrors.Cancelled });
    expect(upload.entries).toEqual([]);
    await expect.poll(() => temporaryFiles()).toEqual([]);
    expect((await uploads.chunk(declared, { id: id!, offset: 4, data: bytes(4) })).x).toBe(UploadErrors.UnknownEntry);
  });

  test("removed when the upload ends with its component or session, finished or not; its token stops working", async () => {
    const uploads = service();
    const { upload, declared } = declare(uploads, { maxFiles: 2 });
    const [a, b] = await uploads.choose(declared, [file("a", 2), file("b", 8)]);
    await uploads.chunk(declared, { id: a.id!, offset: 0, data: bytes(2) });
    await uploads.chunk(declared, { id: b.id!, offset: 0, data: bytes(4) });
    expect(temporaryFiles().sort()).toEqual([a.id, b.id].sort());
    upload.close();
    expect(uploads.find(declared.token)).toBeUndefined();
    await expect.poll(() => temporaryFiles()).toEqual([]);
    expect(uploads.hasUploads("s1")).toBe(false);
  });
});

describe("where bytes go", () => {
  test("a writer of the app's own gets each chunk in order, then close; abort on cancel", async () => {
    const uploads = service();
    const calls: string[] = [];
    const writer = (): UploadWriter => ({ write: (b) => void calls.push(`write ${b.length}`), close: () => void calls.push("close"), abort: () => void calls.push("abort") });
    const { upload, declared } = declare(uploads, { maxFiles: 2, writer });
    const [a, b] = await uploads.choose(declared, [file("a", 5), file("b", 5)]);
    await uploads.chunk(declared, { id: a.id!, offset: 0, data: bytes(2) });
    await uploads.chunk(declared, { id: a.id!, offset: 2, data: bytes(3) });
    await uploads.chunk(declared, { id: b.id!, offset: 0, data: bytes(1) });
    upload.cancel(b.id!);
    await expect.poll(() => calls).toEqual(["write 2", "write 3", "close", "write 1", "abort"]);
    expect(temporaryFiles()).toEqual([]);
    expect(() => uploads.file(upload, upload.entries[0])).toThrow(/no stored file/);
  });

  test("external: the page gets a signed URL; its progress reports move the entry, the last one finishes it", async () => {
    const uploads = service();
    const done: string[] = [];
    const { upload, declared } = declare(uploads, { external: (entry) => ({ url: `http://127.0.0.1:1/${entry.id}`, headers: { "x-sig": "s" } }), done: (e) => done.push(e.name) });
    const [verdict] = await uploads.choose(declared, [file("a", 10)]);
    expect(verdict).toEqual({ id: verdict.id, u: `http://127.0.0.1:1/${verdict.id}`, h: { "x-sig": "s" } });
    expect(await uploads.at(declared, verdict.id!, 5)).toBeNull();
    expect(upload.entries[0].progress).toBe(50);
    expect((await uploads.chunk(declared, { id: verdict.id!, offset: 5, data: bytes(1) })).x).toBe(UploadErrors.BadChunk);
    const second = declare(uploads, { external: () => ({ url: "http://127.0.0.1:1/x" }) }, "s2");
    const [v2] = await uploads.choose(second.declared, [file("b", 10)]);
    await uploads.at(second.declared, v2.id!, 10);
    expect(second.upload.entries[0]).toMatchObject({ done: true, progress: 100 });
    expect(temporaryFiles()).toEqual([]);
    expect(done).toEqual([]);
  });

  test("an external option that throws refuses the entry (failed), reported to the app", async () => {
    const uploads = service();
    const { declared } = declare(uploads, {
      external: () => {
        throw new Error("no storage");
      },
    });
    expect((await uploads.choose(declared, [file("a", 1)]))[0].e).toBe(UploadErrors.Failed);
    expect(errors).toHaveLength(1);
  });

  test("auto: false holds accepted entries until start(); the page is told where to begin", async () => {
    const uploads = service();
    const { upload, declared, told } = declare(uploads, { auto: false });
    const [{ id }] = await uploads.choose(declared, [file("a", 4)]);
    expect((await uploads.chunk(declared, { id: id!, offset: 0, data: bytes(4) })).x).toBe(UploadErrors.BadChunk);
    const [{ id: id2 }] = await uploads.choose(declared, [file("b", 4)]).then(() => uploads.choose(declared, [file("b", 4)]));
    expect(id2).toBeUndefined(); // a and b held: maxFiles 1
    const fresh = declare(uploads, { auto: false }, "s2");
    const [{ id: id3 }] = await uploads.choose(fresh.declared, [file("c", 4)]);
    fresh.upload.start();
    expect(fresh.told.at(-1)).toEqual({ k: Msg.UploadAck, id: id3, o: 0 });
    expect((await uploads.chunk(fresh.declared, { id: id3!, offset: 0, data: bytes(4) })).o).toBe(4);
    expect(upload.entries[0].error?.code).toBe("bad_chunk");
    expect(told.length).toBeGreaterThan(0);
  });
});
