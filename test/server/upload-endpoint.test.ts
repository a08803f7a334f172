/**
 * The upload endpoint (server/upload-endpoint.ts) over real sockets, on a served app: a page's
 * upload connection resumes after a cut from the last acknowledged chunk; a bad token, another
 * origin and another session's entry id are refused; the long-poll form (one POST per message
 * or chunk) stores a file as the WebSocket does; a session's end removes its temporary files;
 * another transport's connection (`connect`) is admitted and counted as an upgrade is.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { Component, html, serve, type RunningServer, type Upload } from "../../src/index.js";
import { FileInput } from "../../components/index.js";
import { composeTether } from "../../src/server/tether.js";
import { fakeRequest, fakeResponse } from "../../src/testing/request.js";
import { encodeChunk, Msg, UploadErrors, type UploadAckMessage, type UploadEntriesMessage, type UploadServerMessage } from "../../src/protocol/wire.js";

/** Each page's upload, by session id: the test reads what the server holds. */
const uploadsOf = new Map<string, Upload>();

class Docs extends Component {
  upload = this.allowUpload("docs", { maxFiles: 5, maxFileSize: 1_000_000 });
  mount() {
    uploadsOf.set(this.session.id, this.upload);
  }
  render() {
    return html`<main><${FileInput} upload=${this.upload} /></main>`;
  }
}

let server: RunningServer;
let dir = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tether-upload-endpoint-"));
  server = await serve({ port: 0, host: "127.0.0.1", dev: true, uploadDirectory: dir, routes: { "/docs": Docs } });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A page GET: its session's id and its upload's token. */
async function page(): Promise<{ sessionId: string; token: string }> {
  const body = await (await fetch(`${server.url}/docs`)).text();
  return { sessionId: /data-tether-session="([^"]+)"/.exec(body)![1], token: /data-tether-upload="([^"]+)"/.exec(body)![1] };
}

/** An upload connection as the page script opens it, its server messages queued. */
class UploadSocket {
  readonly ws: WebSocket;
  private readonly queue: UploadServerMessage[] = [];
  private waiting: ((m: UploadServerMessage) => void) | null = null;
  readonly closed: Promise<number>;

  constructor(token: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(`${server.url.replace("http", "ws")}/_tether/upload?t=${token}`, { headers });
    this.ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as UploadServerMessage;
      if (this.waiting !== null) this.waiting(message);
      else this.queue.push(message);
    });
    this.closed = new Promise((resolve) => this.ws.once("close", (code) => resolve(code)));
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`answered ${res.statusCode}`)));
    });
  }

  next(): Promise<UploadServerMessage> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve) => {
      this.waiting = (m) => {
        this.waiting = null;
        resolve(m);
      };
    });
  }

  async choose(files: Array<{ n: string; s: number; t?: string }>): Promise<UploadEntriesMessage> {
    this.ws.send(JSON.stringify({ k: Msg.UploadFiles, r: 1, f: files.map((f) => ({ t: "", ...f })) }));
    return (await this.next()) as UploadEntriesMessage;
  }

  async chunk(id: string, offset: number, data: Uint8Array): Promise<UploadAckMessage> {
    this.ws.send(encodeChunk(id, offset, data));
    return (await this.next()) as UploadAckMessage;
  }
}

async function open(token: string): Promise<UploadSocket> {
  const socket = new UploadSocket(token);
  await socket.opened();
  return socket;
}

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

function temporaryFiles(): string[] {
  return readdirSync(dir).flatMap((sub) => readdirSync(join(dir, sub)));
}

describe("the upload WebSocket", () => {
  test("a cut connection resumes from the last acknowledged chunk; the stored bytes are the file's", async () => {
    const { sessionId, token } = await page();
    let socket = await open(token);
    const { f } = await socket.choose([{ n: "a.bin", s: 300 }]);
    const id = f[0].id!;
    expect(await socket.chunk(id, 0, bytes(100, 1))).toEqual({ k: Msg.UploadAck, id, o: 100 });
    socket.ws.send(encodeChunk(id, 100, bytes(100, 2)));
    socket.ws.terminate(); // the second chunk may or may not have arrived: its ack is lost either way
    socket = await open(token);
    socket.ws.send(JSON.stringify({ k: Msg.UploadAt, id }));
    const at = (await socket.next()) as UploadAckMessage;
    expect([100, 200]).toContain(at.o);
    for (let o = at.o; o < 300; o += 100) expect((await socket.chunk(id, o, bytes(100, o / 100 + 1))).o).toBe(o + 100);
    const upload = uploadsOf.get(sessionId)!;
    expect(upload.entries[0]).toMatchObject({ done: true, received: 300, progress: 100 });
    const content = await upload.consume(upload.entries[0], (file) => readFileSync(file.path));
    expect([...content]).toEqual([...bytes(100, 1), ...bytes(100, 2), ...bytes(100, 3)]);
    socket.ws.close();
  });

  test("a chunk re-sent after the cut is acknowledged once and not written twice", async () => {
    const { sessionId, token } = await page();
    const socket = await open(token);
    const { f } = await socket.choose([{ n: "b.bin", s: 200 }]);
    const id = f[0].id!;
    await socket.chunk(id, 0, bytes(100, 1));
    expect((await socket.chunk(id, 0, bytes(100, 1))).o).toBe(100);
    await socket.chunk(id, 100, bytes(100, 2));
    const upload = uploadsOf.get(sessionId)!;
    const content = await upload.consume(upload.entries[0], (file) => readFileSync(file.path));
    expect([content.length, content[99], content[100]]).toEqual([200, 1, 2]);
    socket.ws.close();
  });

  test("a bad token is refused (403) before any upgrade; so is another origin", async () => {
    await expect(new UploadSocket("not-a-token").opened()).rejects.toThrow("answered 403");
    const { token } = await page();
    await expect(new UploadSocket(token, { origin: "https://evil.example" }).opened()).rejects.toThrow("answered 403");
    expect((await fetch(`${server.url}/_tether/upload?t=nope`, { method: "POST", body: "{}" })).status).toBe(403);
  });

  test("another session's entry id is refused on this session's upload", async () => {
    const mine = await page();
    const theirs = await page();
    const theirSocket = await open(theirs.token);
    const id = (await theirSocket.choose([{ n: "theirs.bin", s: 10 }])).f[0].id!;
    const mySocket = await open(mine.token);
    expect(await mySocket.chunk(id, 0, bytes(10, 9))).toEqual({ k: Msg.UploadAck, id, o: 0, x: UploadErrors.UnknownEntry });
    mySocket.ws.send(JSON.stringify({ k: Msg.UploadAt, id }));
    expect(await mySocket.next()).toEqual({ k: Msg.UploadAck, id, o: 0, x: UploadErrors.UnknownEntry });
    expect(uploadsOf.get(theirs.sessionId)!.entries[0].received).toBe(0);
    theirSocket.ws.close();
    mySocket.ws.close();
  });

  test("a malformed frame or message closes the connection with 1008", async () => {
    const { token } = await page();
    const socket = await open(token);
    socket.ws.send(new Uint8Array([200, 1, 2]));
    expect(await socket.closed).toBe(1008);
    const again = await open(token);
    again.ws.send('{"k":10,"r":1,"f":"nope"}');
    expect(await again.closed).toBe(1008);
  });

  test("a session's end removes its temporary files and ends its token", async () => {
    const { sessionId, token } = await page();
    const socket = await open(token);
    const id = (await socket.choose([{ n: "c.bin", s: 200 }])).f[0].id!;
    await socket.chunk(id, 0, bytes(100, 1));
    expect(temporaryFiles()).toContain(id);
    server.tether.sessions.get(sessionId)!.end();
    await expect.poll(() => temporaryFiles().includes(id)).toBe(false);
    await expect(new UploadSocket(token).opened()).rejects.toThrow("answered 403");
    // The connection still open is closed at its next message; nothing more is stored.
    socket.ws.send(encodeChunk(id, 100, bytes(100, 2)));
    expect(await socket.closed).toBe(1008);
    expect(temporaryFiles()).not.toContain(id);
  });
});

describe("the long-poll form: one POST per message or chunk", () => {
  test("stores a file as the WebSocket does, each answer in the response", async () => {
    const { sessionId, token } = await page();
    const url = `${server.url}/_tether/upload?t=${token}`;
    const chosen = (await (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ k: Msg.UploadFiles, r: 7, f: [{ n: "p.bin", s: 150, t: "" }] }) })).json()) as UploadServerMessage[];
    expect(chosen).toEqual([{ k: Msg.UploadEntries, r: 7, f: [{ id: expect.any(String) }], go: 1 }]);
    const id = (chosen[0] as UploadEntriesMessage).f[0].id!;
    const post = async (offset: number, data: Uint8Array) => (await fetch(url, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: encodeChunk(id, offset, data) })).json();
    expect(await post(0, bytes(100, 1))).toEqual([{ k: Msg.UploadAck, id, o: 100 }]);
    expect(await post(100, bytes(50, 2))).toEqual([{ k: Msg.UploadAck, id, o: 150 }]);
    expect(uploadsOf.get(sessionId)!.entries[0].done).toBe(true);
    expect((await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{" })).status).toBe(400);
  });
});

describe("a choice sent again", () => {
  test("after a cut before its answer, gets the same verdicts: no entry twice", async () => {
    const { sessionId, token } = await page();
    const first = await open(token);
    const message = JSON.stringify({ k: Msg.UploadFiles, r: 3, f: [{ n: "again.bin", s: 10, t: "" }] });
    first.ws.send(message);
    const answer = await first.next();
    first.ws.terminate();
    const second = await open(token);
    second.ws.send(message);
    expect(await second.next()).toEqual(answer);
    expect(uploadsOf.get(sessionId)!.entries.map((e) => e.name)).toEqual(["again.bin"]);
    second.ws.close();
  });
});

describe("connect: an upload connection of another transport (the test harness's)", () => {
  test("admitted as an upgrade is, counted among its client's connections until it closes; its messages answered on its socket", async () => {
    const { tether, host, uploads } = composeTether({ routes: { "/docs": Docs }, dev: true, uploadDirectory: dir });
    try {
      const { response, answer } = fakeResponse();
      await tether.handle(fakeRequest("GET", "/docs", undefined), response);
      const token = /data-tether-upload="([^"]+)"/.exec((await answer).body)![1];
      const sent: string[] = [];
      const socket = { readyState: 1, send: (text: string) => void sent.push(text), close: () => {} };
      expect(uploads.connect(fakeRequest("GET", "/_tether/upload?t=nope", undefined), socket)).toEqual({ status: 403, message: "unknown or ended upload" });
      expect(uploads.connect(fakeRequest("GET", `/_tether/upload?t=${token}`, { headers: { origin: "https://evil.example" } }), socket)).toEqual({ status: 403, message: "this origin may not upload" });
      const connection = uploads.connect(fakeRequest("GET", `/_tether/upload?t=${token}`, undefined), socket);
      if (!("receive" in connection)) throw new Error("refused");
      expect(host.clients.count("127.0.0.1")).toBe(1);
      connection.receive(Buffer.from(JSON.stringify({ k: Msg.UploadFiles, r: 1, f: [{ n: "a.txt", s: 2, t: "text/plain" }] })), false);
      while (sent.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const entries = JSON.parse(sent[0]) as UploadEntriesMessage;
      expect([entries.k, entries.r, entries.go, typeof entries.f[0].id]).toEqual([Msg.UploadEntries, 1, 1, "string"]);
      connection.closed();
      connection.closed();
      expect(host.clients.count("127.0.0.1")).toBe(0);
    } finally {
      await tether.close();
    }
  });
});
