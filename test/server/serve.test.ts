/**
 * serve(): its `fallback`, which answers what Tether does not (the app's own files and
 * endpoints), Connect-style: `next()` is a 404, `next(error)`, a throw or a rejection a 500.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import express from "express";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { serve, type RunningServer, type ServeOptions } from "../../src/index.js";
import { Counter } from "../../examples/counter.js";

const ROOT = new URL("../../", import.meta.url);
let server: RunningServer | undefined;

beforeAll(() => {
  // `npm test` builds the runtime first; a bare `vitest run` may find no dist/.
  if (!existsSync(new URL("dist/tether.dev.js", ROOT))) execFileSync("node", ["esbuild.config.mjs"], { cwd: ROOT });
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

async function start(fallback?: ServeOptions["fallback"]): Promise<string> {
  server = await serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/counter": Counter }, fallback });
  return server.url;
}

describe("serve's fallback", () => {
  it("answers every request Tether does not; Tether's pages and files never reach it", async () => {
    const seen: string[] = [];
    const url = await start((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true }));
    });
    expect(await (await fetch(url + "/health")).json()).toEqual({ ok: true });
    expect((await fetch(url + "/counter", { method: "POST" })).status).toBe(200);
    expect((await fetch(url + "/counter")).headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect((await fetch(url + "/_tether/tether.dev.js")).headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(seen).toEqual(["GET /health", "POST /counter"]);
  });

  it("without one, or when it calls next(), a request that is not Tether's is a 404", async () => {
    for (const fallback of [undefined, (_req: unknown, _res: unknown, next: () => void) => next()]) {
      const url = await start(fallback);
      const res = await fetch(url + "/nope");
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("Not found");
      await server!.close();
      server = undefined;
    }
  });

  it("next(error), a throw and a rejection are a 500 with the error logged; the server goes on", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const url = await start(async (req, _res, next) => {
      if (req.url === "/next") return next(new Error("passed to next"));
      if (req.url === "/throw") throw new Error("thrown");
      await Promise.resolve();
      throw new Error("rejected");
    });
    for (const path of ["/next", "/throw", "/reject"]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(500);
      expect(await res.text()).toBe("Internal error");
    }
    expect(logged.mock.calls.map((call) => String(call[1]))).toEqual(["Error: passed to next", "Error: thrown", "Error: rejected"]);
    expect((await fetch(url + "/counter")).status).toBe(200);
  });

  it("takes Connect-style middleware as it is: an Express app serving a folder with express.static", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tether-fallback-"));
    try {
      writeFileSync(join(dir, "app.css"), "body { margin: 0 }");
      const app = express();
      app.use(express.static(dir));
      const url = await start(app);
      const css = await fetch(url + "/app.css");
      expect(css.status).toBe(200);
      expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
      expect(await css.text()).toBe("body { margin: 0 }");
      // Not in the folder: express.static calls next, and serve answers 404.
      const missing = await fetch(url + "/missing.css");
      expect(missing.status).toBe(404);
      expect(await missing.text()).toBe("Not found");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("serve's listening line", () => {
  it("logs one line with the URL it listens on; quiet: true logs nothing", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    server = await serve({ port: 0, host: "127.0.0.1", routes: { "/counter": Counter } });
    expect(log.mock.calls).toEqual([[`[tether] listening on ${server.url}`]]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await server.close();
    log.mockClear();
    server = await serve({ port: 0, host: "127.0.0.1", routes: { "/counter": Counter }, quiet: true });
    expect(log).not.toHaveBeenCalled();
  });
});
