import type { ServerResponse } from "node:http";
import { escapeText } from "../html/escape.js";

/**
 * The answer to a page whose first paint failed (a component's render, constructor or `mount()`
 * threw): a 500. In development it says what failed, where, and the stack, so the page is not a
 * blank one with the reason only in the server's log; in production it says nothing more than
 * that the page failed (details would tell a stranger about the code).
 */
export function paintFailed(res: ServerResponse, error: unknown, path: string, dev: boolean): void {
  res.writeHead(500, { "content-type": dev ? "text/html; charset=utf-8" : "text/plain; charset=utf-8", "cache-control": "no-store" });
  if (!dev) return void res.end("Internal error");
  const e = error instanceof Error ? error : new Error(String(error));
  res.end(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>500 · ${escapeText(e.name)}</title></head>
<body style="font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem">
<h1 style="color:#b00020;font-size:1.3rem">The page ${escapeText(path)} failed to render</h1>
<p><strong>${escapeText(e.name)}:</strong> ${escapeText(e.message)}</p>
<pre style="background:#f6f6f6;padding:1rem;overflow:auto;font-size:13px">${escapeText(e.stack ?? "")}</pre>
<p>Fix the file and reload. This page is shown in development only; in production the page answers a plain 500.</p>
</body>
</html>
`);
}
