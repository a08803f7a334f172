import { mkdtempSync, rmSync } from "node:fs";
import { open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UploadWriter } from "../component/upload.js";

/**
 * An entry's temporary file: each chunk appended as it arrives (never a whole file in memory),
 * readable only by this process's user, removed when consumed, cancelled, or with its session.
 */
export class TemporaryFile implements UploadWriter {
  readonly path: string;
  private handle: Promise<FileHandle> | null = null;
  private removed = false;

  constructor(path: string) {
    this.path = path;
  }

  async write(bytes: Uint8Array): Promise<void> {
    const handle = await (this.handle ??= open(this.path, "wx", 0o600));
    let written = 0;
    while (written < bytes.length) written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
  }

  /** Every byte is written: the file is closed (created empty for an empty entry). */
  async close(): Promise<void> {
    const handle = await (this.handle ??= open(this.path, "wx", 0o600));
    await handle.close();
  }

  async abort(): Promise<void> {
    await this.remove();
  }

  /** Removes the file (once; a file never made is fine). */
  async remove(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    const handle = this.handle;
    if (handle !== null) await handle.then((h) => h.close()).catch(() => undefined);
    await rm(this.path, { force: true });
  }
}

/**
 * The directory of a server's temporary upload files, made on first use under the system's
 * temporary directory (or `parent`), and removed with what is left in it when the server closes.
 */
export class UploadDirectory {
  private path: string | null = null;
  private readonly parent: string;

  constructor(parent = tmpdir()) {
    this.parent = parent;
  }

  /** A new temporary file's path in the directory, named by the (unguessable) entry id. */
  file(id: string): TemporaryFile {
    this.path ??= mkdtempSync(join(this.parent, "tether-uploads-"));
    return new TemporaryFile(join(this.path, id));
  }

  /** Removes the directory and every file left in it. */
  remove(): void {
    if (this.path !== null) rmSync(this.path, { recursive: true, force: true });
    this.path = null;
  }
}
