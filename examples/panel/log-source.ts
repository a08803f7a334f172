import { closeSync, openSync, readSync, statSync, watch, type FSWatcher } from "node:fs";

/** One line of a log, numbered in the order it came (the number keys it in the panel's list). */
export interface LogLine {
  n: number;
  text: string;
}

/** Where a panel's log comes from: the lines kept so far, and each new one as it comes. */
export interface LogSource {
  lines(): readonly LogLine[];
  /** Calls `listener` with each new line; returns the unsubscribe. */
  subscribe(listener: (line: LogLine) => void): () => void;
}

/** Lines a log keeps: a panel shows the recent past, not the whole file. */
const KEPT = 500;

/** The lines kept and the listeners: what both sources share. */
class Lines implements LogSource {
  private kept: LogLine[] = [];
  private next = 1;
  private partial = "";
  private readonly listeners = new Set<(line: LogLine) => void>();

  lines(): readonly LogLine[] {
    return this.kept;
  }

  subscribe(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes written text: whole lines go out, the rest waits for its newline. */
  protected take(text: string): void {
    const parts = (this.partial + text).split("\n");
    this.partial = parts.pop()!;
    for (const text of parts) {
      const line = { n: this.next++, text };
      this.kept.push(line);
      if (this.kept.length > KEPT) this.kept = this.kept.slice(-KEPT);
      for (const listener of this.listeners) listener(line);
    }
  }
}

/**
 * This process's own log: what it writes to stdout and stderr, still written there too. One per
 * process (it wraps the streams' write once).
 */
class ProcessLog extends Lines {
  constructor() {
    super();
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.take(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString());
        return write(chunk, ...rest);
      }) as typeof stream.write;
    }
  }
}

let processLog: ProcessLog | null = null;

/** This process's stdout and stderr as a log (made on first use). */
export function ownLog(): LogSource {
  return (processLog ??= new ProcessLog());
}

/**
 * A file's log as it grows (`tail -f`): its last lines, then what is appended. A file cut short
 * (rotated) is read again from its start.
 */
export class FileLog extends Lines {
  private read = 0;
  private readonly watcher: FSWatcher;
  private readonly path: string;

  constructor(path: string) {
    super();
    this.path = path;
    this.catchUp();
    this.watcher = watch(path, () => this.catchUp());
  }

  private catchUp(): void {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return; // gone for a moment while it is rotated
    }
    if (size < this.read) this.read = 0;
    if (size === this.read) return;
    const fd = openSync(this.path, "r");
    try {
      const buffer = Buffer.alloc(size - this.read);
      readSync(fd, buffer, 0, buffer.length, this.read);
      this.read = size;
      this.take(buffer.toString("utf8"));
    } finally {
      closeSync(fd);
    }
  }

  close(): void {
    this.watcher.close();
  }
}
