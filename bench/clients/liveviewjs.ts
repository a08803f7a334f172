/**
 * A lean Phoenix LiveView channel client for LiveViewJS, speaking what the LiveView browser
 * client sends: messages are JSON arrays `[joinRef, ref, topic, event, payload]`; the page's
 * root element carries the view id (`id="phx-…"`, the topic is `lv:phx-…`) and the signed
 * session (`data-phx-session`, `data-phx-static`), the page's `<meta name="csrf-token">` the
 * token that `phx_join` repeats in its params; a click is an `event` push
 * `{type: "click", event: <phx-click>, value: {<phx-value-*>}}`, answered by a `phx_reply`
 * whose `response.diff` holds the changed parts; what the server renders on its own (after a
 * pub/sub message reached the view's `handleInfo`) comes as a `diff` push. Heartbeats go to the `phoenix` topic every
 * 30 s, as the browser client sends them (LiveViewJS drops a socket silent for 60 s).
 */
import { getText } from "./http.js";
import { performance } from "node:perf_hooks";
import { Connection, openSocket, type Action, type LiveClient, type Sample } from "./connection.js";
import { RawSocket } from "./raw-ws.js";

/** What a LiveViewJS page GET gives a client to join with. */
export interface PageTokens {
  id: string;
  session: string;
  static: string;
  csrf: string;
}

const HEARTBEAT_INTERVAL = 30_000;

type Parts = { [key: string]: unknown };
type PhxMessage = [string | null, string | null, string, string, { status?: string; response?: { rendered?: Parts; diff?: Parts } }];

/** Reads the join tokens from a LiveViewJS page. */
export function pageTokens(html: string): PageTokens {
  const field = (pattern: RegExp, name: string) => {
    const match = pattern.exec(html);
    if (match === null) throw new Error(`LiveViewJS page: no ${name}`);
    return match[1];
  };
  return {
    id: field(/id="(phx-[^"]+)"/, "view id"),
    session: field(/data-phx-session="([^"]*)"/, "data-phx-session"),
    static: field(/data-phx-static="([^"]*)"/, "data-phx-static"),
    csrf: field(/<meta name="csrf-token" content="([^"]*)"/, "csrf-token"),
  };
}

/** GETs a LiveViewJS page and reads its join tokens. */
export async function fetchPage(serverUrl: string, path: string): Promise<PageTokens> {
  return pageTokens(await getText(serverUrl + path));
}

export class LiveViewJsClient extends Connection implements LiveClient {
  readonly label = "LiveViewJS";
  private readonly joinRef = "1";
  private ref = 1;
  private topic = "";
  private awaitingRef = "";
  private rows: number[] = [];
  private readonly heartbeat: NodeJS.Timeout;
  /** Called with performance.now() at the arrival of each `diff` push (not an answer to a request) for its view. */
  onDiff: ((at: number) => void) | null = null;

  /** Opens the LiveView socket of a LiveViewJS server (`http://127.0.0.1:port`). */
  static async connect(serverUrl: string, csrf: string): Promise<LiveViewJsClient> {
    return new LiveViewJsClient(await openSocket(socketUrl(serverUrl, csrf)));
  }

  private constructor(socket: Awaited<ReturnType<typeof openSocket>>) {
    super(socket);
    this.heartbeat = setInterval(() => this.ws.send(JSON.stringify([null, String(++this.ref), "phoenix", "heartbeat", {}])), HEARTBEAT_INTERVAL).unref();
  }

  /**
   * Joins the LiveView at `path` with a page's tokens. LiveViewJS checks only that the
   * session's CSRF token matches, so one page's tokens can join other views too (the table
   * with 100,000 rows need not be rendered as a page first).
   */
  join(serverUrl: string, path: string, tokens: PageTokens, topicId = tokens.id): Promise<Sample> {
    this.topic = `lv:${topicId}`;
    return this.push("phx_join", joinPayload(serverUrl, path, tokens));
  }

  act(action: Action): Promise<Sample> {
    if (action.kind === "click") return this.push("event", { type: "click", event: action.name, value: {} });
    const id = this.rows[action.index];
    if (id === undefined) throw new Error(`LiveViewJS: the table has no row ${action.index}`);
    return this.push("event", { type: "click", event: action.kind, value: { id: String(id) } });
  }

  rowCount(): number {
    return this.rows.length;
  }

  protected receive(data: Buffer, _isBinary: boolean, at: number): void {
    const text = data.toString();
    const message = JSON.parse(text) as PhxMessage;
    if (message[3] === "diff" && message[2] === this.topic) {
      this.onDiff?.(at);
      return;
    }
    if (message[1] !== this.awaitingRef || message[3] !== "phx_reply") return;
    const payload = message[4];
    if (payload.status !== "ok") {
      this.fail(new Error(`LiveViewJS: ${text.slice(0, 200)}`));
      return;
    }
    this.trackRows(payload.response?.rendered ?? payload.response?.diff);
    this.answered(at, data.length);
  }

  protected nextPumpMessage(): string {
    this.awaitingRef = String(++this.ref);
    return `["${this.joinRef}","${this.awaitingRef}","${this.topic}","event",{"type":"click","event":"inc","value":{}}]`;
  }

  close(): void {
    clearInterval(this.heartbeat);
    super.close();
  }

  private push(event: string, payload: object): Promise<Sample> {
    this.awaitingRef = String(++this.ref);
    return this.request(JSON.stringify([this.joinRef, this.awaitingRef, this.topic, event, payload]));
  }

  /**
   * The table's rows are the one dynamic of its template (part "0"): a comprehension whose
   * `d` holds each row's dynamics, the row id second. LiveViewJS sends the whole `d` again on
   * any change to it, so the ids can be read from every diff that touches the rows.
   */
  private trackRows(parts: Parts | undefined): void {
    if (parts === undefined || !("0" in parts)) return;
    const rows = parts["0"];
    if (typeof rows === "string") this.rows = [];
    else if (rows !== null && typeof rows === "object" && Array.isArray((rows as Parts).d)) {
      this.rows = ((rows as Parts).d as string[][]).map((dynamics) => Number(dynamics[1]));
    }
  }
}

/** Time from a page GET to the join's reply: what one LiveViewJS tab costs to open. */
export async function joinFromPage(serverUrl: string, path: string): Promise<{ client: LiveViewJsClient; ms: number }> {
  const t0 = performance.now();
  const tokens = await fetchPage(serverUrl, path);
  const client = await LiveViewJsClient.connect(serverUrl, tokens.csrf);
  await client.join(serverUrl, path, tokens);
  return { client, ms: performance.now() - t0 };
}

/** The LiveView socket's URL, with the page's CSRF token, as the browser client opens it. */
function socketUrl(serverUrl: string, csrf: string): string {
  return `${serverUrl.replace(/^http/, "ws")}/live/websocket?_csrf_token=${encodeURIComponent(csrf)}&vsn=2.0.0`;
}

function joinPayload(serverUrl: string, path: string, tokens: PageTokens): object {
  return { url: serverUrl + path, params: { _csrf_token: tokens.csrf, _mounts: 0 }, session: tokens.session, static: tokens.static };
}

/**
 * What opening a tab costs the server, for the joins scenario: the page GET, the WebSocket, the
 * `phx_join` of the page's view, until its reply (the first render) has arrived; then the tab
 * closes. Over RawSocket, as Tether's openTab.
 */
export async function openTab(serverUrl: string, path: string): Promise<void> {
  const tokens = await fetchPage(serverUrl, path);
  const socket = await RawSocket.open(socketUrl(serverUrl, tokens.csrf));
  try {
    socket.send(JSON.stringify(["1", "1", `lv:${tokens.id}`, "phx_join", joinPayload(serverUrl, path, tokens)]));
    const reply = await socket.next();
    if (reply.text === null || !reply.text.includes('"phx_reply"') || !reply.text.includes('"status":"ok"')) {
      throw new Error(`LiveViewJS: the join was answered with ${reply.text?.slice(0, 200) ?? "a binary frame"}`);
    }
  } finally {
    socket.close();
  }
}
