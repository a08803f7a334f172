import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { serialize } from "cookie";

/** The HTTP request a view's page GET and its connections come with, as `authorize` hooks read it. */
export interface TestRequest {
  /** Request headers (lower-case names), e.g. `{ "accept-language": "fr" }`. */
  headers?: Record<string, string>;
  /** Cookies by name, sent as the `cookie` header. */
  cookies?: Record<string, string>;
  /** The client's address. Default "127.0.0.1". */
  remoteAddress?: string;
}

/** The origin a view's page is served from. */
export const PAGE_ORIGIN = "http://localhost";

/**
 * A request as node:http would give it to Tether: only what Tether reads of one (method,
 * URL, headers, the socket's address). `url`: path and query.
 */
export function fakeRequest(method: string, url: string, request: TestRequest | undefined): IncomingMessage {
  const headers: IncomingHttpHeaders = { host: new URL(PAGE_ORIGIN).host, origin: PAGE_ORIGIN, ...request?.headers };
  const cookies = request?.cookies;
  if (cookies !== undefined) headers.cookie = Object.entries(cookies).map(([name, value]) => serialize(name, value)).join("; ");
  return { method, url, headers, socket: { remoteAddress: request?.remoteAddress ?? "127.0.0.1" } } as unknown as IncomingMessage;
}

/** What a page GET answered. */
export interface Answer {
  status: number;
  headers: Record<string, string | number | readonly string[]>;
  body: string;
}

/** A response that keeps what is written to it: what Tether's page handler writes (writeHead, end). */
export function fakeResponse(): { response: ServerResponse; answer: Promise<Answer> } {
  let done!: (answer: Answer) => void;
  const answer = new Promise<Answer>((resolve) => (done = resolve));
  let status = 200;
  let headers: Answer["headers"] = {};
  const response = {
    headersSent: false,
    writeHead(code: number, written?: Answer["headers"]) {
      status = code;
      headers = { ...written };
      response.headersSent = true;
      return response;
    },
    end(body?: string | Buffer) {
      done({ status, headers, body: body === undefined ? "" : String(body) });
      return response;
    },
    on() {
      return response;
    },
  };
  return { response: response as unknown as ServerResponse, answer };
}
