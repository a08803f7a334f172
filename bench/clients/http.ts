/**
 * The page GET of every benchmark client: node:http over keep-alive connections, as a browser
 * reuses its connection to the server for the page. Lighter on the load client than `fetch`
 * (undici), which matters where the load client is the ceiling (joins per second).
 */
import { Agent, get } from "node:http";

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** GETs `url` (http://127.0.0.1:…) and resolves with the body; rejects on a status other than 200. */
export function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        if (response.statusCode === 200) resolve(Buffer.concat(chunks).toString("utf8"));
        else reject(new Error(`GET ${url} answered ${response.statusCode}`));
      });
      response.on("error", reject);
    }).on("error", reject);
  });
}
