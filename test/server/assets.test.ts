/** serveAsset (assets.ts), on a bare HTTP server: the runtime's built files with ETags. */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAsset, RUNTIME_FILES, serveAsset } from "../../src/server/assets.js";
import { listen, type TestServer } from "../support/http.js";

const ROOT = new URL("../../", import.meta.url);
let server: TestServer;

beforeAll(async () => {
  // `npm test` builds the runtime first; a bare `vitest run` may find no dist/.
  if (!existsSync(new URL("dist/tether.min.js", ROOT))) execFileSync("node", ["esbuild.config.mjs"], { cwd: ROOT });
  server = await listen((req, res) => serveAsset(req, res, new URL(req.url!, "http://x").pathname.slice(1)));
});

afterAll(async () => {
  await server?.close();
});

describe("serveAsset", () => {
  it("serves a runtime file by its public name, with its type and ETag, and 304 to a matching If-None-Match", async () => {
    const asset = loadAsset(RUNTIME_FILES["tether.js"])!;
    const res = await fetch(`${server.url}/tether.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("etag")).toBe(asset.etag);
    expect(Buffer.from(await res.arrayBuffer()).equals(asset.body)).toBe(true);

    const again = await fetch(`${server.url}/tether.js`, { headers: { "if-none-match": asset.etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const map = await fetch(`${server.url}/tether.js.map`);
    expect(map.headers.get("content-type")).toBe("application/json");
    await map.arrayBuffer();
  });

  it("serves the on-demand scripts: linked windows' in both builds", async () => {
    for (const name of ["tether-windows.js", "tether-windows.dev.js"]) {
      const res = await fetch(`${server.url}/${name}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("tether:windows");
    }
  });

  it("answers a HEAD with the headers only", async () => {
    const res = await fetch(`${server.url}/tether.dev.js`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(loadAsset("tether.dev.js")!.etag);
    expect(await res.text()).toBe("");
  });

  it("answers 404 for a name that is not a runtime file, names of Object.prototype included", async () => {
    for (const name of ["secret.js", "tether.min.js", "constructor", "__proto__", "toString"]) {
      const res = await fetch(`${server.url}/${name}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("not found");
    }
  });

  it("answers 404 naming the build for a runtime file that was not built", async () => {
    RUNTIME_FILES["missing.js"] = "missing.min.js";
    try {
      const res = await fetch(`${server.url}/missing.js`);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("missing.min.js is not built: run `npm run build`");
    } finally {
      delete RUNTIME_FILES["missing.js"];
    }
  });
});
