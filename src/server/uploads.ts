import { createReadStream } from "node:fs";
import type { Upload, UploadEntry, UploadError, UploadService, UploadWriter, UploadedFile } from "../component/upload.js";
import { Msg, UploadErrors, type UploadAckMessage, type UploadChunk, type UploadErrorCode, type UploadFileInfo, type UploadServerMessage, type UploadVerdict } from "../protocol/wire.js";
import { randomToken } from "../session/random-token.js";
import { TemporaryFile, UploadDirectory } from "./upload-file.js";

/** A page connection of an upload (a WebSocket, or one HTTP request under long-poll): what the service tells it. */
export interface UploadPeer {
  send(message: UploadServerMessage): void;
}

/** An upload as the service keeps it: its session, token, entries by id and the page's connections. */
export interface DeclaredUpload {
  readonly upload: Upload;
  readonly sessionId: string;
  readonly token: string;
  readonly entries: Map<string, StoredEntry>;
  readonly peers: Set<UploadPeer>;
  /** The verdicts of the page's last choices, by its number: a choice sent again after a cut gets the same answer. */
  readonly answers: Map<number, Promise<UploadVerdict[]>>;
}

/** Choices whose answers an upload keeps for a page that sends one again. */
const KEPT_ANSWERS = 32;

/** An entry as the service writes it: the object the component reads, with what stores its bytes. */
interface StoredEntry {
  readonly entry: { -readonly [K in keyof UploadEntry]: UploadEntry[K] };
  /** Bytes queued for writing, from the start: where the next new chunk begins. */
  queued: number;
  /** The chunks' writes, one after another. */
  writes: Promise<void>;
  writer: UploadWriter | null;
  /** The bytes counted against the session's and the process's bounds (0 once finished or ended). */
  counted: number;
  started: boolean;
  external: boolean;
  ended: boolean;
}

/** The limits of a server's uploads (TetherOptions). */
export interface UploadLimits {
  /** Bytes of unfinished entries (declared sizes) a session may have at once. */
  maxSessionBytes: number;
  /** The same for the whole process. */
  maxProcessBytes: number;
  /** Where temporary files go. Default: the system's temporary directory. */
  directory?: string;
  onError: (error: unknown, where: string) => void;
}

/** Bytes of unfinished entries in this process, across servers: what `maxProcessBytes` bounds. */
let processBytes = 0;

const ERROR_TEXT: Record<UploadErrorCode, string> = {
  too_large: "the file is too large",
  too_many: "too many files",
  not_accepted: "this type of file is not accepted",
  busy: "too many uploads are in progress; try again shortly",
  cancelled: "cancelled",
  unknown_entry: "no such upload entry",
  bad_chunk: "the upload's data was malformed",
  failed: "the file could not be stored",
};

/**
 * A server's uploads: the uploads components declared (by unguessable token, each bound to its
 * session), their entries (by unguessable id), the limits, and where bytes go. The page's
 * connections (upload-endpoint.ts) hand it validated messages and chunks; it answers each.
 */
export class Uploads implements UploadService {
  private readonly byToken = new Map<string, DeclaredUpload>();
  private readonly byUpload = new Map<Upload, DeclaredUpload>();
  private readonly sessionBytes = new Map<string, number>();
  private readonly sessionUploads = new Map<string, number>();
  private readonly limits: UploadLimits;
  private readonly directory: UploadDirectory;

  constructor(limits: UploadLimits) {
    this.limits = limits;
    this.directory = new UploadDirectory(limits.directory);
  }

  declare(sessionId: string, upload: Upload): string {
    const token = randomToken(18);
    const declared: DeclaredUpload = { upload, sessionId, token, entries: new Map(), peers: new Set(), answers: new Map() };
    this.byToken.set(token, declared);
    this.byUpload.set(upload, declared);
    this.sessionUploads.set(sessionId, (this.sessionUploads.get(sessionId) ?? 0) + 1);
    return token;
  }

  /** True if session `sessionId` declared an upload (its page needs the upload script). */
  hasUploads(sessionId: string): boolean {
    return this.sessionUploads.has(sessionId);
  }

  /** The upload a page's token names, if it still stands. */
  find(token: string): DeclaredUpload | undefined {
    return this.byToken.get(token);
  }

  close(upload: Upload): void {
    const declared = this.byUpload.get(upload);
    if (declared === undefined) return;
    this.byUpload.delete(upload);
    this.byToken.delete(declared.token);
    const left = this.sessionUploads.get(declared.sessionId)! - 1;
    if (left === 0) this.sessionUploads.delete(declared.sessionId);
    else this.sessionUploads.set(declared.sessionId, left);
    for (const stored of declared.entries.values()) this.end(declared, stored, UploadErrors.Cancelled);
    declared.peers.clear();
  }

  cancel(upload: Upload, entry: UploadEntry): void {
    const declared = this.byUpload.get(upload);
    const stored = declared?.entries.get(entry.id);
    if (declared === undefined || stored === undefined) return;
    this.end(declared, stored, UploadErrors.Cancelled);
  }

  start(upload: Upload): void {
    const declared = this.byUpload.get(upload);
    if (declared === undefined) return;
    for (const stored of declared.entries.values()) {
      if (stored.started || stored.ended || stored.entry.error !== null) continue;
      this.begin(declared, stored);
      if (!stored.entry.done) tell(declared, { k: Msg.UploadAck, id: stored.entry.id, o: 0 });
    }
  }

  file(upload: Upload, entry: UploadEntry): UploadedFile {
    const writer = this.byUpload.get(upload)?.entries.get(entry.id)?.writer;
    if (!entry.done || !(writer instanceof TemporaryFile)) throw new Error(`Tether: upload entry "${entry.name}" has no stored file (not finished, external, or given to a writer)`);
    const path = writer.path;
    return { entry, path, stream: () => createReadStream(path) };
  }

  async release(upload: Upload, entry: UploadEntry): Promise<void> {
    const declared = this.byUpload.get(upload);
    const stored = declared?.entries.get(entry.id);
    if (declared === undefined || stored === undefined) return;
    declared.entries.delete(entry.id);
    if (stored.writer instanceof TemporaryFile) await stored.writer.remove();
  }

  /**
   * The verdicts of the page's choice number `r`: judged the first time (see `choose`), the same
   * answer when the page sends it again (its connection was cut before the answer came).
   */
  answer(declared: DeclaredUpload, r: number, files: readonly UploadFileInfo[]): Promise<UploadVerdict[]> {
    let verdicts = declared.answers.get(r);
    if (verdicts !== undefined) return verdicts;
    verdicts = this.choose(declared, files);
    declared.answers.set(r, verdicts);
    if (declared.answers.size > KEPT_ANSWERS) declared.answers.delete(declared.answers.keys().next().value!);
    return verdicts;
  }

  /**
   * Judges the files a page chose, each before any byte moves: type, size, the upload's count,
   * and the bytes in flight of the session and the process. Every file becomes an entry the
   * component shows (a refused one with its error); accepted ones get an id (and, external, a URL).
   */
  async choose(declared: DeclaredUpload, files: readonly UploadFileInfo[]): Promise<UploadVerdict[]> {
    const { upload } = declared;
    const options = upload.options;
    const verdicts: UploadVerdict[] = [];
    let held = 0;
    for (const stored of declared.entries.values()) if (stored.entry.error === null) held++;
    const added: StoredEntry[] = [];
    for (const file of files) {
      const error = this.judge(declared, file, held);
      const stored = this.makeEntry(file, error);
      upload.entries.push(stored.entry);
      if (error !== null) {
        verdicts.push({ e: error, m: ERROR_TEXT[error] });
        continue;
      }
      held++;
      stored.counted = file.s;
      processBytes += file.s;
      this.sessionBytes.set(declared.sessionId, (this.sessionBytes.get(declared.sessionId) ?? 0) + file.s);
      declared.entries.set(stored.entry.id, stored);
      added.push(stored);
      verdicts.push({ id: stored.entry.id });
    }
    upload.update();
    for (let i = 0, a = 0; i < verdicts.length; i++) {
      if (verdicts[i].id === undefined) continue;
      const stored = added[a++];
      if (options.external !== undefined) {
        stored.external = true;
        try {
          const target = await options.external(stored.entry);
          verdicts[i].u = target.url;
          if (target.headers !== undefined) verdicts[i].h = target.headers;
        } catch (error) {
          this.limits.onError(error, `the external option of upload "${upload.name}"`);
          this.fail(declared, stored, UploadErrors.Failed);
          verdicts[i] = { e: UploadErrors.Failed, m: ERROR_TEXT.failed };
          continue;
        }
      }
      if (options.auto !== false) this.begin(declared, stored);
    }
    return verdicts;
  }

  /**
   * Stores a chunk: in order, each written before the next (the page re-sends from the last
   * acknowledged one after a reconnection, so a chunk already queued is only acknowledged).
   * Resolves with the acknowledgement to send.
   */
  async chunk(declared: DeclaredUpload, chunk: UploadChunk): Promise<UploadAckMessage> {
    const stored = declared.entries.get(chunk.id);
    if (stored === undefined || stored.ended) return { k: Msg.UploadAck, id: chunk.id, o: 0, x: stored?.ended ? UploadErrors.Cancelled : UploadErrors.UnknownEntry };
    const { entry } = stored;
    const end = chunk.offset + chunk.data.length;
    if (!stored.started || stored.external || end > entry.size || chunk.offset > stored.queued || chunk.data.length === 0) {
      this.fail(declared, stored, UploadErrors.BadChunk);
      return { k: Msg.UploadAck, id: entry.id, o: entry.received, x: UploadErrors.BadChunk };
    }
    if (end > stored.queued) {
      // A re-sent chunk may overlap what is queued: only its new bytes are written.
      const fresh = chunk.data.subarray(stored.queued - chunk.offset);
      stored.queued = end;
      stored.writes = stored.writes.then(() => this.write(declared, stored, fresh));
    }
    await stored.writes;
    return stored.ended && entry.error !== null
      ? { k: Msg.UploadAck, id: entry.id, o: entry.received, x: entry.error.code as UploadErrorCode }
      : { k: Msg.UploadAck, id: entry.id, o: entry.received };
  }

  /**
   * Where entry `id` stands (a page back after a reconnection asks, once its queued writes are
   * done), or, with `sent`, an external entry's progress as the page reports it.
   */
  async at(declared: DeclaredUpload, id: string, sent?: number): Promise<UploadAckMessage | null> {
    const stored = declared.entries.get(id);
    if (stored === undefined || stored.ended) return { k: Msg.UploadAck, id, o: 0, x: stored?.ended ? UploadErrors.Cancelled : UploadErrors.UnknownEntry };
    if (sent === undefined) {
      if (!stored.started) return null;
      await stored.writes;
      return { k: Msg.UploadAck, id, o: stored.entry.received };
    }
    if (!stored.external || sent > stored.entry.size || sent < stored.entry.received) return { k: Msg.UploadAck, id, o: stored.entry.received, x: UploadErrors.BadChunk };
    this.progress(declared, stored, sent);
    return null;
  }

  /** Removes every temporary file (the server closes; its sessions have ended). */
  closeAll(): void {
    for (const declared of [...this.byUpload.values()]) this.close(declared.upload);
    this.directory.remove();
  }

  private judge(declared: DeclaredUpload, file: UploadFileInfo, held: number): UploadErrorCode | null {
    const options = declared.upload.options;
    if (!accepts(options.accept, file)) return UploadErrors.NotAccepted;
    if (file.s > (options.maxFileSize ?? 8 << 20)) return UploadErrors.TooLarge;
    if (held >= (options.maxFiles ?? 1)) return UploadErrors.TooMany;
    if (options.external === undefined) {
      const session = this.sessionBytes.get(declared.sessionId) ?? 0;
      if (session + file.s > this.limits.maxSessionBytes || processBytes + file.s > this.limits.maxProcessBytes) return UploadErrors.Busy;
    }
    return null;
  }

  private makeEntry(file: UploadFileInfo, error: UploadErrorCode | null): StoredEntry {
    const entry = {
      id: randomToken(18),
      name: file.n,
      size: file.s,
      type: file.t,
      received: 0,
      progress: 0,
      done: false,
      error: error === null ? null : errorOf(error),
      image: /^image\/(png|jpeg|gif|webp|avif|bmp)$/.test(file.t),
    };
    return { entry, queued: 0, writes: Promise.resolve(), writer: null, counted: 0, started: false, external: false, ended: error !== null };
  }

  private begin(declared: DeclaredUpload, stored: StoredEntry): void {
    stored.started = true;
    if (stored.external) return;
    const options = declared.upload.options;
    try {
      stored.writer = options.writer !== undefined ? options.writer(stored.entry) : this.directory.file(stored.entry.id);
    } catch (error) {
      this.limits.onError(error, `the writer option of upload "${declared.upload.name}"`);
      this.fail(declared, stored, UploadErrors.Failed);
      return;
    }
    if (stored.entry.size === 0) stored.writes = stored.writes.then(() => this.write(declared, stored, new Uint8Array(0)));
  }

  private async write(declared: DeclaredUpload, stored: StoredEntry, bytes: Uint8Array): Promise<void> {
    if (stored.ended) return;
    try {
      if (bytes.length > 0) await stored.writer!.write(bytes);
      if (stored.entry.received + bytes.length === stored.entry.size) await stored.writer!.close();
    } catch (error) {
      this.limits.onError(error, `storing upload entry "${stored.entry.name}"`);
      this.fail(declared, stored, UploadErrors.Failed);
      return;
    }
    if (!stored.ended) this.progress(declared, stored, stored.entry.received + bytes.length);
  }

  /** An entry's bytes stored (or sent, external) so far: progress, and at the end `done`. */
  private progress(declared: DeclaredUpload, stored: StoredEntry, received: number): void {
    const { entry } = stored;
    entry.received = received;
    const progress = entry.size === 0 ? 100 : Math.floor((received * 100) / entry.size);
    const changed = progress !== entry.progress;
    entry.progress = progress;
    if (received < entry.size) {
      if (changed) declared.upload.update(true);
      return;
    }
    entry.done = true;
    this.uncount(declared, stored);
    declared.upload.update();
    const done = declared.upload.options.done;
    if (done === undefined) return;
    try {
      const result = done(entry);
      if (result instanceof Promise) result.catch((error: unknown) => this.limits.onError(error, `the done option of upload "${declared.upload.name}"`));
    } catch (error) {
      this.limits.onError(error, `the done option of upload "${declared.upload.name}"`);
    }
  }

  /** The entry stops with an error the component shows. */
  private fail(declared: DeclaredUpload, stored: StoredEntry, code: UploadErrorCode): void {
    if (stored.ended) return;
    stored.entry.error = errorOf(code);
    this.end(declared, stored, code);
    declared.upload.update();
  }

  /** Ends an entry: the page is told to stop, its bytes are removed, its count freed. */
  private end(declared: DeclaredUpload, stored: StoredEntry, code: UploadErrorCode): void {
    const wasEnded = stored.ended;
    stored.ended = true;
    this.uncount(declared, stored);
    if (code === UploadErrors.Cancelled) declared.entries.delete(stored.entry.id);
    const writer = stored.writer;
    if (writer !== null && !(stored.entry.done && code !== UploadErrors.Cancelled)) {
      void Promise.resolve()
        .then(() => writer.abort())
        .catch((error: unknown) => this.limits.onError(error, `removing upload entry "${stored.entry.name}"`));
    }
    if (!wasEnded && !stored.entry.done) tell(declared, { k: Msg.UploadAck, id: stored.entry.id, o: stored.entry.received, x: code });
  }

  private uncount(declared: DeclaredUpload, stored: StoredEntry): void {
    if (stored.counted === 0) return;
    processBytes -= stored.counted;
    const left = this.sessionBytes.get(declared.sessionId)! - stored.counted;
    if (left === 0) this.sessionBytes.delete(declared.sessionId);
    else this.sessionBytes.set(declared.sessionId, left);
    stored.counted = 0;
  }
}

/** Sends `message` to every page connection of the upload. */
function tell(declared: DeclaredUpload, message: UploadServerMessage): void {
  for (const peer of declared.peers) peer.send(message);
}

function errorOf(code: UploadErrorCode): UploadError {
  return { code, message: ERROR_TEXT[code] };
}

/**
 * Whether `accept` (MIME types, `type/*`, `.extensions`) takes the file, by its type or its
 * name's extension, as the browser's own `accept` does; the server judges it again because a
 * page can claim anything.
 */
export function accepts(accept: readonly string[] | undefined, file: UploadFileInfo): boolean {
  if (accept === undefined || accept.length === 0) return true;
  const name = file.n.toLowerCase();
  const type = file.t.toLowerCase();
  for (const pattern of accept) {
    const p = pattern.toLowerCase();
    if (p.startsWith(".") ? name.endsWith(p) : p.endsWith("/*") ? type.startsWith(p.slice(0, -1)) : type === p) return true;
  }
  return false;
}
