/**
 * The uploads' page script (`tether-upload.js`), loaded only on pages whose components declared
 * an upload. A file input or drop zone carries its upload's token (`data-tether-upload`,
 * `data-tether-drop`); files chosen there are described to the server first (which judges each
 * before any byte moves), then sent as binary chunks over a WebSocket of their own, a window of
 * them in flight, each acknowledged. A cut connection reconnects and resumes every entry from the
 * server's last acknowledged byte. Where no WebSocket opens, each message and chunk is a POST.
 * Images are previewed from the file itself (an object URL) while they upload.
 */
import { Msg, UPLOAD_CHUNK_BYTES, UPLOAD_WINDOW, encodeChunk, type UploadServerMessage, type UploadVerdict } from "../src/protocol/wire.js";

declare const DEV: boolean;

/** A chosen file the server accepted, as the page sends it. */
interface PageEntry {
  readonly id: string;
  readonly file: File;
  /** The next byte to send. */
  next: number;
  /** Bytes the server acknowledged. */
  acked: number;
  /** The server said to send it (at once, or later with `start()`). */
  started: boolean;
  /** After a reconnection, the server has not said yet where it stands. */
  asking: boolean;
  /** An external entry: the page PUTs it to this URL. */
  readonly url: string | undefined;
  readonly headers: Record<string, string> | undefined;
}

/** Milliseconds before the first reconnection, doubled up to RECONNECT_MAX. */
const RECONNECT_FIRST = 100;
const RECONNECT_MAX = 3000;
/** Attempts in a row that may fail before the upload gives up (the token ended, say). */
const MAX_ATTEMPTS = 40;
/** A WebSocket that never opens this many times in a row: the page posts instead (long-poll). */
const WEBSOCKET_TRIES = 2;

const uploads = new Map<string, UploadLink>();
const previews = new Map<string, string>();

/** One declared upload's connection to the server, and its entries. */
class UploadLink {
  readonly token: string;
  private ws: WebSocket | null = null;
  private posting = false;
  private everOpened = false;
  private failures = 0;
  private choices = 0;
  /** Choices not answered yet, by number, with their message: sent again after a reconnection (the server answers a number once). */
  private readonly chosen = new Map<number, [File[], string]>();
  private readonly entries = new Map<string, PageEntry>();
  /** Sent and not acknowledged chunks: their entry and end offset. */
  private inFlight: Array<[PageEntry, number]> = [];
  private pumping = false;
  private outbox: Array<string | Uint8Array<ArrayBuffer>> = [];

  constructor(token: string) {
    this.token = token;
  }

  private get url(): string {
    const base = (document.querySelector("[data-tether-root]") as HTMLElement | null)?.dataset.tetherBase ?? "/_tether";
    return `${base}/upload?t=${encodeURIComponent(this.token)}`;
  }

  /** Describes chosen files to the server; it answers with an entry (or an error) for each. */
  choose(files: File[]): void {
    if (files.length === 0) return;
    const r = ++this.choices;
    const message = JSON.stringify({ k: Msg.UploadFiles, r, f: files.map((file) => ({ n: file.name, s: file.size, t: file.type })) });
    this.chosen.set(r, [files, message]);
    this.send(message);
  }

  private send(data: string | Uint8Array<ArrayBuffer>): void {
    if (this.posting) {
      void this.post(data);
      return;
    }
    if (this.ws !== null && this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
    else {
      this.outbox.push(data);
      this.connect();
    }
  }

  private connect(): void {
    if (this.ws !== null) return;
    const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}${this.url}`);
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    ws.onopen = () => {
      this.everOpened = true;
      this.failures = 0;
      this.resume();
    };
    ws.onmessage = (event) => this.receive(JSON.parse(event.data as string) as UploadServerMessage);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.dropped();
    };
  }

  /** The connection dropped: what was not acknowledged is sent again after a reconnection. */
  private dropped(): void {
    this.inFlight = [];
    for (const entry of this.entries.values()) entry.next = entry.acked;
    if (++this.failures > MAX_ATTEMPTS) {
      if (DEV) console.warn("[tether] an upload gave up reconnecting");
      return;
    }
    if (!this.everOpened && this.failures >= WEBSOCKET_TRIES) this.posting = true;
    const delay = Math.min(RECONNECT_MAX, RECONNECT_FIRST * 2 ** Math.min(this.failures - 1, 5));
    setTimeout(() => (this.posting ? this.resume() : this.connect()), delay);
  }

  /** A new connection: what waited goes, and each started entry asks where the server stands. */
  private resume(): void {
    // Unanswered choices go again (those that waited in the outbox included: an answer comes once).
    const waiting = [...this.chosen.values()].map(([, message]) => message as string | Uint8Array<ArrayBuffer>);
    for (const data of this.outbox) if (typeof data !== "string" || !data.startsWith(`{"k":${Msg.UploadFiles},`)) waiting.push(data);
    this.outbox = [];
    for (const entry of this.entries.values()) {
      if (!entry.started || entry.url !== undefined) continue;
      entry.asking = true;
      this.send(JSON.stringify({ k: Msg.UploadAt, id: entry.id }));
    }
    for (const data of waiting) this.send(data);
  }

  /** Under long-poll: one POST per message or chunk, the server's answers in its response. */
  private async post(data: string | Uint8Array<ArrayBuffer>): Promise<void> {
    try {
      const binary = typeof data !== "string";
      const res = await fetch(this.url, { method: "POST", body: data as BodyInit, headers: { "content-type": binary ? "application/octet-stream" : "application/json" } });
      if (!res.ok) throw new Error(`upload POST answered ${res.status}`);
      this.failures = 0;
      for (const message of (await res.json()) as UploadServerMessage[]) this.receive(message);
    } catch {
      this.dropped();
    }
  }

  private receive(message: UploadServerMessage): void {
    if (message.k === Msg.UploadEntries) {
      const choice = this.chosen.get(message.r);
      this.chosen.delete(message.r);
      if (choice !== undefined) this.accepted(choice[0], message.f, message.go === 1);
    } else if (message.k === Msg.UploadAck) {
      const entry = this.entries.get(message.id);
      if (entry === undefined) return;
      const ended = message.x !== undefined || message.o === entry.file.size;
      if (ended) this.forget(entry, message.x !== undefined);
      else if (entry.asking || !entry.started) {
        entry.asking = false;
        entry.started = true;
        entry.next = entry.acked = message.o;
      } else entry.acked = Math.max(entry.acked, message.o);
      this.inFlight = this.inFlight.filter(([e, end]) => e !== entry || (!ended && end > entry.acked));
    }
    void this.pump();
  }

  private accepted(files: File[], verdicts: UploadVerdict[], go: boolean): void {
    for (let i = 0; i < verdicts.length && i < files.length; i++) {
      const { id, u, h } = verdicts[i];
      if (id === undefined) continue;
      const file = files[i];
      if (/^image\//.test(file.type)) previews.set(id, URL.createObjectURL(file));
      const entry: PageEntry = { id, file, next: 0, acked: 0, started: go, asking: false, url: u, headers: h };
      this.entries.set(id, entry);
      if (u !== undefined && go) this.put(entry);
    }
    showPreviews();
  }

  private forget(entry: PageEntry, stopped: boolean): void {
    this.entries.delete(entry.id);
    const url = previews.get(entry.id);
    if (stopped && url !== undefined) {
      URL.revokeObjectURL(url);
      previews.delete(entry.id);
    }
  }

  /** Sends chunks while the window has room: entries in the order chosen, each from its next byte. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.inFlight.length >= (this.posting ? 1 : UPLOAD_WINDOW)) break;
        if (!this.posting && (this.ws === null || this.ws.readyState !== WebSocket.OPEN)) break;
        let entry: PageEntry | undefined;
        for (const e of this.entries.values()) {
          if (e.started && !e.asking && e.url === undefined && e.next < e.file.size) {
            entry = e;
            break;
          }
        }
        if (entry === undefined) break;
        const offset = entry.next;
        const end = Math.min(offset + UPLOAD_CHUNK_BYTES, entry.file.size);
        entry.next = end;
        this.inFlight.push([entry, end]);
        const bytes = new Uint8Array(await entry.file.slice(offset, end).arrayBuffer());
        // Cancelled or dropped while reading: what is in flight was reset.
        if (!this.entries.has(entry.id) || !this.inFlight.some(([e, e2]) => e === entry && e2 === end)) continue;
        this.send(encodeChunk(entry.id, offset, bytes));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** An external entry: PUT straight to the storage's signed URL, progress told to the server. */
  private put(entry: PageEntry): void {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", entry.url!);
    for (const name in entry.headers) xhr.setRequestHeader(name, entry.headers[name]);
    let told = 0;
    xhr.upload.onprogress = (event) => {
      if (event.loaded - told < entry.file.size / 100 || event.loaded >= entry.file.size) return;
      told = event.loaded;
      this.send(JSON.stringify({ k: Msg.UploadAt, id: entry.id, o: event.loaded }));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) this.send(JSON.stringify({ k: Msg.UploadAt, id: entry.id, o: entry.file.size }));
      else if (DEV) console.warn(`[tether] the storage answered an upload with ${xhr.status}`);
    };
    xhr.send(entry.file);
  }
}

function linkFor(token: string): UploadLink {
  let link = uploads.get(token);
  if (link === undefined) uploads.set(token, (link = new UploadLink(token)));
  return link;
}

/** Image previews: each `<img data-tether-preview=id>` the server renders shows its file. */
function showPreviews(): void {
  for (const img of document.querySelectorAll<HTMLImageElement>("img[data-tether-preview]")) {
    const url = previews.get(img.dataset.tetherPreview!);
    if (url !== undefined && img.getAttribute("src") !== url) img.src = url;
  }
}

document.addEventListener(
  "change",
  (event) => {
    const input = event.target as HTMLInputElement;
    const token = input.dataset?.tetherUpload;
    if (token === undefined || input.type !== "file" || input.files === null) return;
    linkFor(token).choose([...input.files]);
    input.value = ""; // the same file chosen again is a new choice
  },
  true,
);

/** The drop zone under a drag, if any. */
function dropZone(event: DragEvent): HTMLElement | null {
  return (event.target as Element | null)?.closest?.<HTMLElement>("[data-tether-drop]") ?? null;
}

document.addEventListener("dragover", (event) => {
  const zone = dropZone(event);
  if (zone === null) return;
  event.preventDefault();
  zone.classList.add("tether-dragover");
});
document.addEventListener("dragleave", (event) => dropZone(event)?.classList.remove("tether-dragover"));
document.addEventListener("drop", (event) => {
  const zone = dropZone(event);
  if (zone === null) return;
  event.preventDefault();
  zone.classList.remove("tether-dragover");
  if (event.dataTransfer !== null) linkFor(zone.dataset.tetherDrop!).choose([...event.dataTransfer.files]);
});

new MutationObserver(showPreviews).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-tether-preview"] });
