/**
 * TLS for tests: the test-only certificate of test/fixtures (for localhost and 127.0.0.1) and
 * GETs that trust it, over HTTP/1.1 (node:https) and over HTTP/2 (node:http2). Clients trust
 * it by name (`ca`), not by turning verification off.
 */
import { readFileSync } from "node:fs";
import { get } from "node:https";
import { connect } from "node:http2";
import { ROOT } from "./app-process.js";

/** Where the certificate and its key are, as the TLS recipes read them (TLS_CERT, TLS_KEY). */
export const TLS_FILES = { TLS_CERT: `${ROOT}test/fixtures/localhost-cert.pem`, TLS_KEY: `${ROOT}test/fixtures/localhost-key.pem` };

/** The certificate, for clients to trust. */
export const ca = readFileSync(TLS_FILES.TLS_CERT);

export interface Answer {
  status: number;
  body: string;
  /** "1.1" or "2.0": the HTTP version the answer came over. */
  httpVersion: string;
}

/** GETs `url` over HTTPS (HTTP/1.1), on a connection of its own. */
export function getOverHttps(url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get(url, { ca, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body, httpVersion: res.httpVersion }));
    }).on("error", reject);
  });
}

/** GETs `url` over HTTP/2, on a session of its own that is closed after. */
export function getOverHttp2(url: string): Promise<Answer> {
  const { origin, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const session = connect(origin, { ca });
    session.on("error", reject);
    const stream = session.request({ ":path": pathname + search });
    let status = 0;
    let body = "";
    stream.setEncoding("utf8");
    stream.on("response", (headers) => (status = Number(headers[":status"])));
    stream.on("data", (chunk: string) => (body += chunk));
    stream.on("end", () => {
      session.close();
      resolve({ status, body, httpVersion: "2.0" });
    });
    stream.on("error", reject);
  });
}
