/**
 * Scenario 7: the browser runtime's size, as a page downloads it: dist/tether.min.js
 * (morphdom included), minified, then gzipped with zlib at level 9 and with brotli; and what
 * pages with hooks, client commands or islands load besides: tether-client, the runtime with it,
 * and each island of the gallery (examples/islands/) bundled alone, minified.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { IslandsBundle } from "../../src/server/islands-bundle.js";

export interface BundleResult {
  file: string;
  minifiedBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export function measureBundle(file = new URL("../../dist/tether.min.js", import.meta.url)): BundleResult {
  return sizes("dist/tether.min.js", readFileSync(file));
}

function sizes(file: string, body: Buffer): BundleResult {
  return {
    file,
    minifiedBytes: body.length,
    gzipBytes: gzipSync(body, { level: 9 }).length,
    brotliBytes: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The on-demand scripts: tether-client alone, the runtime with it (a page with hooks or commands), each gallery island. */
export async function measureClientBundles(): Promise<BundleResult[]> {
  const runtime = readFileSync(new URL("../../dist/tether.min.js", import.meta.url));
  const client = readFileSync(new URL("../../dist/tether-client.min.js", import.meta.url));
  const out = [sizes("dist/tether-client.min.js", client), sizes("tether.min.js + tether-client.min.js", Buffer.concat([runtime, client]))];
  const { build } = await import("esbuild");
  const dir = fileURLToPath(new URL("../../examples/islands/", import.meta.url));
  for (const { name, file } of new IslandsBundle(dir, false, () => {}).islands()) {
    const result = await build({ entryPoints: [file], bundle: true, format: "iife", target: ["es2022"], minify: true, write: false, logLevel: "silent" });
    out.push(sizes(`island "${name}" (examples/islands)`, Buffer.from(result.outputFiles[0].contents)));
  }
  return out;
}
