/**
 * What a component sees of a file upload it declared (`this.allowUpload(name, options)`): the
 * options, the entries (one per chosen file, with its progress or its error), and the verbs
 * `consume`, `cancel` and `start`. The bytes move between the page's upload script and the
 * server's upload service (server/uploads.ts), which fills the entries in; this layer knows it
 * only through the UploadService interface below.
 */
import type { Readable } from "node:stream";

/** Why an entry was refused or stopped: one of the wire's UploadErrors codes, with a sentence for people. */
export interface UploadError {
  readonly code: string;
  readonly message: string;
}

/** One chosen file. The service updates it; the component reads it when it renders. */
export interface UploadEntry {
  /** Unguessable, bound to the session. */
  readonly id: string;
  /** The file's name as the browser gave it (text: render it escaped, as templates do). */
  readonly name: string;
  /** Bytes, as the page declared them (the server refuses a byte more). */
  readonly size: number;
  /** The MIME type the browser gave, or "". */
  readonly type: string;
  /** Bytes stored (or sent, for an external upload). */
  readonly received: number;
  /** 0 to 100: whole percents of `received`. */
  readonly progress: number;
  /** True once every byte is stored (or the external storage has it). */
  readonly done: boolean;
  /** Set when the entry was refused (before any byte moved) or stopped. */
  readonly error: UploadError | null;
  /** True for an image the page can preview (see UploadPreview). */
  readonly image: boolean;
}

/** A finished entry's bytes, as `consume` hands them over. */
export interface UploadedFile {
  readonly entry: UploadEntry;
  /** The temporary file holding the bytes; removed once `consume`'s callback settles (move or copy it there). */
  readonly path: string;
  /** Reads the bytes from the temporary file. */
  stream(): Readable;
}

/** Where an external (direct-to-storage) entry goes: a URL the page PUTs the file to, with headers. */
export interface ExternalTarget {
  url: string;
  headers?: Record<string, string>;
}

/** Receives an entry's bytes instead of a temporary file (a `writer` option): each chunk in order, then the end. */
export interface UploadWriter {
  write(bytes: Uint8Array): Promise<void> | void;
  /** Every byte was written. */
  close(): Promise<void> | void;
  /** The entry was cancelled or its session ended: drop what was written. */
  abort(): Promise<void> | void;
}

/** The options of `allowUpload`. */
export interface UploadOptions {
  /** MIME types (`image/png`, `image/*`) and extensions (`.pdf`) accepted. Default: any file. */
  accept?: readonly string[];
  /** Files the upload holds at most at once (chosen and not consumed or cancelled). Default 1. */
  maxFiles?: number;
  /** Bytes of one file at most. Default 8 MiB. */
  maxFileSize?: number;
  /** Send chosen files at once (default), or wait for `start()` (a form's submit, say). */
  auto?: boolean;
  /** Called once an entry's bytes are all stored, as a turn of the session's (what it changes is one patch). */
  done?: (entry: UploadEntry) => unknown;
  /** Direct-to-storage: signs where the page PUTs each accepted file (an S3 presigned URL, say); no byte passes the server. */
  external?: (entry: UploadEntry) => ExternalTarget | Promise<ExternalTarget>;
  /** Takes each entry's bytes instead of a temporary file (a stream to storage, say). */
  writer?: (entry: UploadEntry) => UploadWriter;
}

/** The server's side of uploads, as a declared upload uses it (server/uploads.ts implements it). */
export interface UploadService {
  /** Registers `upload` for session `sessionId`; returns its unguessable token (what the page's input carries). */
  declare(sessionId: string, upload: Upload): string;
  /** Ends `upload`: its token and entries stop working, its temporary files are removed. */
  close(upload: Upload): void;
  /** Stops an entry: the page stops sending, its temporary file is removed. */
  cancel(upload: Upload, entry: UploadEntry): void;
  /** Tells the page to send the entries it holds (`auto: false`). */
  start(upload: Upload): void;
  /** The finished entry's bytes. */
  file(upload: Upload, entry: UploadEntry): UploadedFile;
  /** Forgets a consumed entry and removes its temporary file. */
  release(upload: Upload, entry: UploadEntry): Promise<void>;
}

/** Milliseconds between two re-renders for progress alone: a 1 GB file is not 100 renders a second. */
export const PROGRESS_RENDER_INTERVAL = 100;

/**
 * A declared upload. Made by `Component.allowUpload` (in a field initializer or `mount()`),
 * declared to the session's upload service when first rendered (its `token`).
 */
export class Upload {
  readonly name: string;
  readonly options: Readonly<UploadOptions>;
  /** The chosen files, in the order chosen, refused ones included (with their `error`). */
  entries: UploadEntry[] = [];
  private declared: { service: UploadService; token: string } | null = null;
  private readonly changed: () => void;
  private readonly connect: () => { service: UploadService; sessionId: string };
  private watchers: Set<() => void> | null = null;
  private lastRender = 0;
  private renderTimer: ReturnType<typeof setTimeout> | null = null;

  /** `changed` re-renders the component; `connect` finds the session's upload service, once. */
  constructor(name: string, options: UploadOptions, changed: () => void, connect: () => { service: UploadService; sessionId: string }) {
    this.name = name;
    this.options = Object.freeze({ ...options });
    this.changed = changed;
    this.connect = connect;
  }

  /** The upload's token: what the file input and drop zone carry to the page's upload script. */
  get token(): string {
    if (this.declared === null) {
      const { service, sessionId } = this.connect();
      this.declared = { service, token: "" };
      this.declared.token = service.declare(sessionId, this);
    }
    return this.declared.token;
  }

  /** Accepted MIME types and extensions as an `<input accept>` value ("" for any). */
  get accept(): string {
    return (this.options.accept ?? []).join(",");
  }

  /** Entries whose bytes are all stored, not consumed yet. */
  get done(): UploadEntry[] {
    return this.entries.filter((entry) => entry.done);
  }

  /**
   * Hands a finished entry's bytes to `use` (the temporary file's path and a stream of it),
   * then removes the file and the entry; resolves with what `use` returned.
   */
  async consume<T>(entry: UploadEntry, use: (file: UploadedFile) => T | Promise<T>): Promise<T> {
    const service = this.service();
    try {
      return await use(service.file(this, entry));
    } finally {
      await service.release(this, entry);
      this.remove(entry);
    }
  }

  /** Stops an entry (refused, waiting, sending or done): the page stops, its bytes are removed, it leaves `entries`. */
  cancel(entry: UploadEntry | string): void {
    const found = typeof entry === "string" ? this.entries.find((e) => e.id === entry) : entry;
    if (found === undefined) return;
    this.service().cancel(this, found);
    this.remove(found);
  }

  /** Sends the chosen files (an upload with `auto: false`). */
  start(): void {
    this.service().start(this);
  }

  /** The service changed entries: re-render now, or for progress alone at most every PROGRESS_RENDER_INTERVAL ms. */
  update(progressOnly = false): void {
    const now = Date.now();
    if (progressOnly && now - this.lastRender < PROGRESS_RENDER_INTERVAL) {
      this.renderTimer ??= setTimeout(() => {
        this.renderTimer = null;
        this.update();
      }, PROGRESS_RENDER_INTERVAL - (now - this.lastRender));
      return;
    }
    if (this.renderTimer !== null) clearTimeout(this.renderTimer);
    this.renderTimer = null;
    this.lastRender = now;
    this.changed();
    if (this.watchers !== null) for (const watcher of this.watchers) watcher();
  }

  /**
   * Calls `changed` whenever the entries change (progress at most every PROGRESS_RENDER_INTERVAL
   * ms), for a component other than the one that declared the upload (UploadEntries): its props
   * stay equal as the entries change, so its parent's render would skip it. Returns the unwatch.
   */
  watch(changed: () => void): () => void {
    const watchers = (this.watchers ??= new Set());
    watchers.add(changed);
    return () => watchers.delete(changed);
  }

  /** Ends the upload (its component left the page or its session ended). */
  close(): void {
    if (this.renderTimer !== null) clearTimeout(this.renderTimer);
    this.renderTimer = null;
    this.declared?.service.close(this);
    this.declared = null;
  }

  private service(): UploadService {
    if (this.declared === null) void this.token;
    return this.declared!.service;
  }

  private remove(entry: UploadEntry): void {
    const at = this.entries.indexOf(entry);
    if (at === -1) return;
    this.entries.splice(at, 1);
    this.update();
  }
}
