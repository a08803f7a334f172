import { deflateRaw } from "node:zlib";

/**
 * Texts at least this long are compressed on zlib's thread pool instead of the event loop.
 * Measured by bench/probe/deflate.ts (2 shared cores, DEFLATE_OPTIONS' level 1): deflateRawSync
 * of a 1,000-row Mount (240 KB of text) takes 1.2 ms, of a 10,000-row one (2.5 MB) 11 ms,
 * during which no other session of the process is served. Below 512 KiB (about 2.5 ms) the
 * answer is deflated where it was made: that is a fraction of the render and encoding that made
 * it (a 10,000-row create's 420 KB patch: 2 ms, after 6 to 11 ms of diff), and a trip to the pool
 * made the answer wait behind whatever the loop ran meanwhile, such as the young-generation
 * collection V8 schedules as a task after a large create (5 to 9 ms; bench/method.md).
 */
export const COMPRESS_OFF_LOOP_FROM = 512 * 1024;

/**
 * zlib's fastest level, as nginx's gzip defaults to: a 42 KB patch (1,000 new table rows)
 * deflates in 0.28 ms to 12.2 KB, against 0.99 ms to 10.6 KB at zlib's default level 6
 * (bench/probe: most of the bytes saved for a quarter of the time, which every such answer
 * waits for).
 */
export const DEFLATE_OPTIONS = { level: 1 } as const;

/** What Deflating needs of a socket. */
export interface DeflatingSocket {
  /** Sends a text as the socket would (it may be deflated, or wait behind another). */
  send(text: string): void;
  /** Writes a deflated message as one binary frame, if the socket is still open. */
  sendDeflated(data: Buffer): void;
  terminate(): void;
}

/** Texts a socket sent while one of its messages was being deflated, oldest first. */
interface Waiting {
  texts: string[];
  bytes: number;
}

/**
 * The sockets of one server that have a large message being deflated (see
 * COMPRESS_OFF_LOOP_FROM), and what each has sent since: those wait for it, so the page
 * gets every message in the order it was sent (the runtime inflates in order too). One map
 * per server, holding a socket only while it deflates: no field on every socket.
 */
export class Deflating {
  private readonly sockets = new Map<DeflatingSocket, Waiting>();

  /** Deflates `text` off the event loop, then sends it, then what `socket` sent meanwhile. */
  start(socket: DeflatingSocket, text: string): void {
    this.sockets.set(socket, { texts: [], bytes: 0 });
    deflateRaw(text, DEFLATE_OPTIONS, (error, data) => this.done(socket, error, data));
  }

  /** True, and `text` kept in order, if `socket` is deflating: it is sent after. */
  holds(socket: DeflatingSocket, text: string): boolean {
    if (this.sockets.size === 0) return false; // the usual case: one check
    const waiting = this.sockets.get(socket);
    if (waiting === undefined) return false;
    waiting.texts.push(text);
    waiting.bytes += text.length;
    return true;
  }

  /** Bytes of text waiting behind `socket`'s deflation (they count toward its buffer). */
  bytesWaiting(socket: DeflatingSocket): number {
    return this.sockets.size === 0 ? 0 : (this.sockets.get(socket)?.bytes ?? 0);
  }

  private done(socket: DeflatingSocket, error: Error | null, data: Buffer): void {
    const waiting = this.sockets.get(socket)!;
    this.sockets.delete(socket);
    if (error !== null) {
      // zlib does not fail on a string it was given; if it ever does, the page cannot have
      // this message, so its connection goes, and it resumes.
      socket.terminate();
      return;
    }
    socket.sendDeflated(data);
    // In order; a large one among them starts the next deflation, and the rest wait for it.
    for (const text of waiting.texts) socket.send(text);
  }
}
