/**
 * The baseline pages Chromium measures beside Tether's /table: a static HTTP server on
 * loopback with two pages, each one HTML document with its script (bundled here by esbuild
 * once, at start) inline.
 *
 * - `/table-vanilla`: the table in plain JavaScript, no server after the page (table-vanilla.ts);
 *   its shell is examples/table.ts's first paint.
 * - `/table-whole-html?ws=PORT`: the table as the whole-HTML server's answers, set as the
 *   container's `innerHTML` (table-whole-html.ts); the shell is empty until the join's answer.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

// examples/table.ts's markup before any row (the bench serves Tether's page without the gallery's stylesheet, so neither has one).
const TABLE_SHELL =
  '<main><h1>Table</h1><p class="lead">The js-framework-benchmark operations, run on the server. Click a label to select its row, × to remove it.</p>' +
  '<p class="toolbar"><button id="run">Create 1,000 rows</button><button id="runlots">Create 10,000 rows</button><button id="add">Append 1,000 rows</button>' +
  '<button id="update">Update every 10th row</button><button id="clear">Clear</button><button id="swaprows">Swap rows</button></p>' +
  '<div class="table-wrap"><table class="rows"></table></div></main>';

async function bundle(file: string): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(file, import.meta.url))],
    bundle: true,
    format: "iife",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  // Inline in a <script>: a "</script" inside the code would end it early.
  return result.outputFiles[0].text.replace(/<\/script/gi, "<\\/script");
}

const document = (title: string, body: string, script: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body><div id="app">${body}</div><script>${script}</script></body></html>`;

/** Bundles the pages' scripts and serves the pages on 127.0.0.1 (`port` 0: any free port). */
export async function servePages(port = 0): Promise<PageServer> {
  const [vanilla, wholeHtml] = await Promise.all([bundle("./table-vanilla.ts"), bundle("./table-whole-html.ts")]);
  const pages: Record<string, string> = {
    "/table-vanilla": document("Table · vanilla JS", TABLE_SHELL, vanilla),
    "/table-whole-html": document("Table · whole HTML", "", wholeHtml),
  };
  const server: Server = createServer((req, res) => {
    const page = pages[new URL(req.url ?? "/", "http://localhost").pathname];
    res.writeHead(page === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
    res.end(page ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
