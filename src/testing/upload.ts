import type { IncomingMessage } from "node:http";
import { Msg, UploadErrors, UPLOAD_CHUNK_BYTES, MAX_CHUNK_BYTES, encodeChunk, type UploadAckMessage, type UploadEntriesMessage, type UploadServerMessage } from "../protocol/wire.js";
import type { UploadConnection, UploadEndpoint, UploadSocket } from "../server/upload-endpoint.js";
import { snippet } from "./actions.js";
import { Lane } from "./lane.js";

/** A file a test uploads: its name, its MIME type ("" by default, as a browser gives for an unknown one) and its bytes (text is sent as UTF-8). */
export interface TestFile {
  name: string;
  type?: string;
  content: string | Uint8Array;
}

/** How `view.upload` sends its files. */
export interface TestUploadOptions {
  /** Bytes per chunk (at most 1 MiB). Default 256 KiB, the page's own. */
  chunkSize?: number;
  /**
   * Called after each chunk the server acknowledged, once the view has settled: read the
   * progress the component shows (re-rendered at most every 100 ms: on a fake clock, advance it).
   */
  onChunk?: (progress: UploadProgress) => void | Promise<void>;
}

/** Where one file stands after a chunk: bytes the server has of it. */
export interface UploadProgress {
  file: string;
  sent: number;
  size: number;
}

/** A chosen file the server accepted, as the page sends it. */
interface Entry {
  readonly id: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Direct-to-storage: the page reports its PUT's progress instead of sending chunks. */
  readonly external: boolean;
  /** Bytes the server has. */
  sent: number;
  started: boolean;
  ended: boolean;
}

/** What the view's uploads need of the view. */
export interface UploadsHost {
  endpoint: UploadEndpoint;
  /** The request an upload connection comes with (its origin, its cookies). */
  request: (url: string) => IncomingMessage;
  settled: () => Promise<void>;
  fail: (error: Error) => void;
}

/**
 * A view's uploads, played as the page's upload script (runtime/uploads.ts) plays them, over
 * the same protocol and the server's own upload endpoint: one connection per declared upload,
 * the chosen files described first (the server judges each before any byte moves), then each
 * accepted file in binary chunks, one at a time, each acknowledged once the server stored it.
 * Files of an upload with `auto: false` wait until the server says to send them (`start()`),
 * then go in the background, which `view.settled()` waits for.
 */
export class PageUploads {
  readonly #links = new Map<string, UploadLink>();
  readonly #host: UploadsHost;

  constructor(host: UploadsHost) {
    this.#host = host;
  }

  /** What settling waits for here: messages on their way, and files sent in the background. */
  get waitingFor(): string[] {
    const waiting: string[] = [];
    for (const link of this.#links.values()) link.waitingFor(waiting);
    return waiting;
  }

  /** Chooses `files` in `el` (a file input or a drop zone of an upload) and sends them; see View.upload. */
  async upload(el: Element, name: string, files: readonly TestFile[], options: TestUploadOptions): Promise<void> {
    const token = tokenOf(el, files.length, name);
    const chunkSize = options.chunkSize ?? UPLOAD_CHUNK_BYTES;
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_BYTES) throw new Error(`upload: chunkSize must be a whole number of bytes from 1 to ${MAX_CHUNK_BYTES}, got ${chunkSize}`);
    let link = this.#links.get(token);
    if (link === undefined) {
      const base = (el.ownerDocument.querySelector("[data-tether-root]") as HTMLElement | null)?.dataset.tetherBase ?? "/_tether";
      link = new UploadLink(this.#host, `${base}/upload?t=${encodeURIComponent(token)}`);
      this.#links.set(token, link);
    }
    if (el.localName === "input") {
      // What a browser fires on a file input when files are chosen (a form's change handler may listen).
      const Event = el.ownerDocument.defaultView!.Event;
      el.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }
    const entries = await link.choose(files);
    await this.#host.settled();
    for (const entry of entries) if (entry.started) await link.sendFile(entry, chunkSize, options.onChunk);
  }

  /** Closes every upload connection (the view closed). */
  close(): void {
    for (const link of this.#links.values()) link.close();
    this.#links.clear();
  }
}

/** The upload token `el` carries for the page's upload script, after the checks a user's browser makes. */
function tokenOf(el: Element, files: number, name: string): string {
  const document = el.ownerDocument;
  const input = el as HTMLInputElement;
  const token = el.localName === "input" && input.type === "file" ? el.getAttribute("data-tether-upload") : el.closest("[data-tether-drop]")?.getAttribute("data-tether-drop");
  if (token === null || token === undefined) throw new Error(`${name} is neither the file input nor the drop zone of an upload (no data-tether-upload or data-tether-drop): render a FileInput or a DropZone of it (${snippet(el)})`);
  if (el.localName === "input" && input.disabled) throw new Error(`${name} is disabled: no file can be chosen in it`);
  if (el.localName === "input" && !input.multiple && files > 1) throw new Error(`${name} takes one file (it has no multiple attribute), not ${files}`);
  if (document.querySelector('script[src*="/tether-upload."]') === null) {
    throw new Error(`upload: the page has no upload script (tether-upload.js), so a browser would send nothing: the upload came after the first paint; give its route uploads: true`);
  }
  return token;
}

/** One declared upload's connection to the server, and its entries. */
class UploadLink {
  #open = true;
  readonly #connection: UploadConnection;
  readonly #toServer = new Lane();
  readonly #toPage = new Lane();
  readonly #host: UploadsHost;
  #choices = 0;
  readonly #chosen = new Map<number, (message: UploadEntriesMessage) => void>();
  readonly #entries = new Map<string, Entry>();
  /** The acknowledgement a chunk waits for, by entry. */
  readonly #acks = new Map<string, (message: UploadAckMessage) => void>();
  /** Entries sent in the background (started by the server), not finished yet. */
  readonly #background = new Set<Entry>();

  constructor(host: UploadsHost, url: string) {
    this.#host = host;
    const link = this;
    // What the server writes to: its messages reach the page a turn later, as over a socket.
    const socket: UploadSocket = {
      get readyState() {
        return link.#open ? 1 : 3;
      },
      send: (text) => this.#open && this.#toPage.push(() => this.#receive(JSON.parse(text) as UploadServerMessage), 0),
      close: (code, reason) => this.#closed(`the server closed the upload's connection (${code} ${reason})`),
    };
    const connection = host.endpoint.connect(host.request(url), socket);
    if (!("receive" in connection)) throw new Error(`upload: the server refused the upload's connection (${connection.status} ${connection.message})`);
    this.#connection = connection;
  }

  /** Describes `files` to the server; resolves with the entries it accepted. */
  async choose(files: readonly TestFile[]): Promise<Entry[]> {
    const r = ++this.#choices;
    const contents = files.map((file) => (typeof file.content === "string" ? new TextEncoder().encode(file.content) : file.content));
    const answered = new Promise<UploadEntriesMessage>((resolve) => this.#chosen.set(r, resolve));
    this.#send(JSON.stringify({ k: Msg.UploadFiles, r, f: files.map((file, i) => ({ n: file.name, s: contents[i].length, t: file.type ?? "" })) }));
    const answer = await answered;
    const entries: Entry[] = [];
    for (let i = 0; i < answer.f.length && i < files.length; i++) {
      const { id, u } = answer.f[i];
      if (id === undefined) continue;
      const entry: Entry = { id, name: files[i].name, bytes: contents[i], external: u !== undefined, sent: 0, started: answer.go === 1, ended: false };
      this.#entries.set(id, entry);
      entries.push(entry);
    }
    return entries;
  }

  /** Sends an entry's bytes, chunk after chunk, each acknowledged; an external entry's PUT is reported done in the same steps. */
  async sendFile(entry: Entry, chunkSize: number, onChunk?: TestUploadOptions["onChunk"]): Promise<void> {
    const size = entry.bytes.length;
    while (entry.sent < size && !entry.ended) {
      const end = Math.min(entry.sent + chunkSize, size);
      if (entry.external) {
        // No storage to PUT to: the page tells the server what its PUT sent, as the storage took it.
        this.#send(JSON.stringify({ k: Msg.UploadAt, id: entry.id, o: end }));
        entry.sent = end;
        await this.#host.settled();
      } else {
        const acked = new Promise<UploadAckMessage>((resolve) => this.#acks.set(entry.id, resolve));
        this.#send(encodeChunk(entry.id, entry.sent, entry.bytes.subarray(entry.sent, end)));
        const ack = await acked;
        if (ack.x !== undefined) entry.ended = true;
        else entry.sent = ack.o;
      }
      if (onChunk !== undefined && !entry.ended) {
        await this.#host.settled();
        await onChunk({ file: entry.name, sent: entry.sent, size });
      }
    }
    this.#entries.delete(entry.id);
  }

  waitingFor(waiting: string[]): void {
    const messages = this.#toServer.size + this.#toPage.size;
    if (messages > 0) waiting.push(`${messages} upload message(s) on their way`);
    for (const entry of this.#background) waiting.push(`the upload of ${entry.name} to finish`);
  }

  close(): void {
    this.#closed(null);
  }

  /** The connection closed (by the server, with why; or by the view): what waits for the server ends. */
  #closed(why: string | null): void {
    if (!this.#open) return;
    this.#open = false;
    this.#toServer.clear();
    this.#toPage.clear();
    this.#connection.closed();
    if (why !== null) this.#host.fail(new Error(`upload: ${why}`));
    for (const [r, answer] of this.#chosen) answer({ k: Msg.UploadEntries, r, f: [], go: 0 });
    for (const [id, ack] of this.#acks) ack({ k: Msg.UploadAck, id, o: 0, x: UploadErrors.Failed });
    this.#chosen.clear();
    this.#acks.clear();
  }

  #send(data: string | Uint8Array): void {
    const binary = typeof data !== "string";
    const bytes = binary ? Buffer.from(data.buffer, data.byteOffset, data.length) : Buffer.from(data);
    if (this.#open) this.#toServer.push(() => this.#open && this.#connection.receive(bytes, binary), 0);
  }

  #receive(message: UploadServerMessage): void {
    if (message.k === Msg.UploadEntries) {
      const answer = this.#chosen.get(message.r);
      this.#chosen.delete(message.r);
      answer?.(message);
      return;
    }
    const waiting = this.#acks.get(message.id);
    this.#acks.delete(message.id);
    if (waiting !== undefined) return waiting(message);
    const entry = this.#entries.get(message.id);
    if (entry === undefined) return;
    if (message.x !== undefined) entry.ended = true;
    else if (!entry.started) {
      // The server says to send it now (`start()` of an upload with `auto: false`).
      entry.started = true;
      this.#background.add(entry);
      this.sendFile(entry, UPLOAD_CHUNK_BYTES).then(
        () => this.#background.delete(entry),
        (error: unknown) => this.#host.fail(error instanceof Error ? error : new Error(String(error))),
      );
    }
  }
}
