import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { MAX_CHUNK_BYTES, Msg, decodeChunk, type UploadServerMessage } from "../protocol/wire.js";
import { parseUploadMessage, ProtocolError } from "../protocol/validate.js";
import { clientAddress } from "./client-address.js";
import { TRY_AGAIN, type ClientConnections } from "./client-connections.js";
import { isAllowedOrigin } from "./origin.js";
import { refuseUpgrade } from "./upgrade.js";
import type { DeclaredUpload, UploadPeer, Uploads } from "./uploads.js";

/**
 * Bytes of chunks a page connection may have received and not yet written: the page keeps
 * UPLOAD_WINDOW chunks in flight, so only a page that ignores its window reaches it (and is closed).
 */
const MAX_PENDING_BYTES = 8 * MAX_CHUNK_BYTES;

/** Close code of an upload socket that broke the protocol (WebSocket's "policy violation"). */
const POLICY_VIOLATION = 1008;
/** Close code of an upload socket whose message the server failed on (reported to the app). */
const INTERNAL_ERROR = 1011;

/** What an upload connection writes to: ws's WebSocket, or another transport's socket (the test harness's in-process one). */
export interface UploadSocket {
  /** 1 while open, as a WebSocket's. */
  readonly readyState: number;
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** One open upload connection: the page's messages and chunks go to `receive`; `closed()` once its socket has closed. */
export interface UploadConnection {
  receive(data: Buffer, isBinary: boolean): void;
  closed(): void;
}

/** What the endpoint needs of its server. */
export interface UploadEndpointOptions {
  basePath: string;
  allowedOrigins: ReadonlySet<string>;
  trustProxy: boolean;
  clients: ClientConnections;
}

/**
 * The page's way in for upload bytes, `…/upload?t=<token>`: a WebSocket of its own (so chunks
 * never wait behind, or hold up, the page's events), or, where WebSockets do not open
 * (long-poll), one HTTP POST per message or chunk, answered with what the server says back.
 * The token names one upload of one session; origin and per-client limits are those of the
 * page's own connection.
 */
export class UploadEndpoint {
  readonly path: string;
  private readonly uploads: Uploads;
  private readonly options: UploadEndpointOptions;
  private readonly wss: WebSocketServer;

  constructor(uploads: Uploads, options: UploadEndpointOptions) {
    this.uploads = uploads;
    this.options = options;
    this.path = `${options.basePath}/upload`;
    this.wss = new WebSocketServer({ noServer: true, clientTracking: true, maxPayload: MAX_CHUNK_BYTES + 512, perMessageDeflate: false });
  }

  /** An upgrade of `…/upload`: refused (403) without a known token or from another origin. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const declared = this.admit(req, (status, message) => refuseUpgrade(socket, status, message, status === 429 ? TRY_AGAIN : {}));
    if (declared === null) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // Counted once the handshake succeeded (ws calls back only then).
      const connection = this.open(declared, req, ws);
      ws.on("message", (data, isBinary) => connection.receive(data as Buffer, isBinary));
      ws.once("close", () => connection.closed());
      ws.on("error", () => ws.terminate());
    });
  }

  /**
   * An upload connection of another transport on `socket` (the test harness's in-process one),
   * admitted as an upgrade is (origin, token, the client's connections); or why it is refused.
   */
  connect(req: IncomingMessage, socket: UploadSocket): UploadConnection | { status: number; message: string } {
    let refusal = { status: 0, message: "" };
    const declared = this.admit(req, (status, message) => (refusal = { status, message }));
    return declared === null ? refusal : this.open(declared, req, socket);
  }

  /** A POST of `…/upload?t=<token>` (long-poll): one message or chunk in, what the server says back as a JSON array. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const declared = this.admit(req, (status, message) => answer(res, status, message));
    if (declared === null) return true;
    if (req.method !== "POST") return answer(res, 405, "uploads are POSTed");
    const body = await readBody(req, MAX_CHUNK_BYTES + 512);
    if (body === null) return answer(res, 413, "a chunk is larger than the server accepts");
    const replies: UploadServerMessage[] = [];
    const peer: UploadPeer = { send: (message) => replies.push(message) };
    declared.peers.add(peer);
    try {
      const binary = req.headers["content-type"] === "application/octet-stream";
      const error = await handleMessage(this.uploads, declared, peer, body, binary);
      if (error !== null) return answer(res, 400, error);
    } finally {
      declared.peers.delete(peer);
    }
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(replies));
    return true;
  }

  /** Closes every upload socket (the server stops). */
  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  /** An admitted connection on `socket`: a peer of its upload, and one of its client's connections until it closes. */
  private open(declared: DeclaredUpload, req: IncomingMessage, socket: UploadSocket): UploadConnection {
    const client = this.options.clients.open(clientAddress(req, this.options.trustProxy));
    const link = new SocketLink(socket, declared, this.uploads, () => {
      declared.peers.delete(link);
      this.options.clients.close(client);
    });
    declared.peers.add(link);
    return link;
  }

  /** The upload a request's token names, if its origin and client may use it; else refused through `refuse`, and null. */
  private admit(req: IncomingMessage, refuse: (status: number, message: string) => unknown): DeclaredUpload | null {
    if (!isAllowedOrigin(req, this.options.allowedOrigins, this.options.trustProxy)) {
      refuse(403, "this origin may not upload");
      return null;
    }
    const url = new URL(req.url ?? "/", "http://x");
    const declared = this.uploads.find(url.searchParams.get("t") ?? "");
    if (declared === undefined) {
      refuse(403, "unknown or ended upload");
      return null;
    }
    if (!this.options.clients.admits(clientAddress(req, this.options.trustProxy))) {
      refuse(429, "too many connections from this address");
      return null;
    }
    return declared;
  }
}

/** One upload connection: its messages handled in order of arrival, bounded in bytes not yet written. */
class SocketLink implements UploadPeer, UploadConnection {
  private readonly ws: UploadSocket;
  private readonly declared: DeclaredUpload;
  private readonly uploads: Uploads;
  /** Given back once: the upload's peer and the client's connection. */
  private onClose: (() => void) | null;
  private pending = 0;

  constructor(ws: UploadSocket, declared: DeclaredUpload, uploads: Uploads, onClose: () => void) {
    this.ws = ws;
    this.declared = declared;
    this.uploads = uploads;
    this.onClose = onClose;
  }

  closed(): void {
    const onClose = this.onClose;
    this.onClose = null;
    onClose?.();
  }

  send(message: UploadServerMessage): void {
    if (this.ws.readyState === 1) this.ws.send(JSON.stringify(message));
  }

  receive(bytes: Buffer, isBinary: boolean): void {
    this.pending += bytes.length;
    if (this.pending > MAX_PENDING_BYTES) {
      this.ws.close(POLICY_VIOLATION, "too many chunks in flight");
      return;
    }
    handleMessage(this.uploads, this.declared, this, bytes, isBinary).then(
      (error) => {
        this.pending -= bytes.length;
        if (error !== null) this.ws.close(POLICY_VIOLATION, error);
      },
      () => this.ws.close(INTERNAL_ERROR, "internal error"),
    );
  }
}

/** Handles one message or chunk of `peer`; resolves with a protocol error's text, or null. */
async function handleMessage(uploads: Uploads, declared: DeclaredUpload, peer: UploadPeer, data: Buffer, binary: boolean): Promise<string | null> {
  // The upload ended (its component left the page, its session ended) while this connection was open.
  if (uploads.find(declared.token) !== declared) return "the upload ended";
  if (binary) {
    const chunk = decodeChunk(data);
    if (chunk === null) return "malformed chunk";
    peer.send(await uploads.chunk(declared, chunk));
    return null;
  }
  try {
    const message = parseUploadMessage(data);
    if (message.k === Msg.UploadFiles) {
      const verdicts = await uploads.answer(declared, message.r, message.f);
      peer.send({ k: Msg.UploadEntries, r: message.r, f: verdicts, go: declared.upload.options.auto === false ? 0 : 1 });
    } else {
      const ack = await uploads.at(declared, message.id, message.o);
      if (ack !== null) peer.send(ack);
    }
    return null;
  } catch (error) {
    if (error instanceof ProtocolError) return error.message;
    throw error;
  }
}

function answer(res: ServerResponse, status: number, message: string): true {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
  res.end(message);
  return true;
}

/** A request's body, or null past `max` bytes. */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (part: Buffer) => {
      size += part.length;
      if (size > max) {
        resolve(null);
        req.destroy();
      } else parts.push(part);
    });
    req.on("end", () => resolve(Buffer.concat(parts)));
    req.on("error", reject);
  });
}
