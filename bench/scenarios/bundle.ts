/**
 * Scenario 7: the browser runtime's size, as a page downloads it: dist/tether.min.js
 * (morphdom included), minified, then gzipped with zlib at level 9 and with brotli.
 */
import { readFileSync } from "node:fs";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

export interface BundleResult {
  file: string;
  minifiedBytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export function measureBundle(file = new URL("../../dist/tether.min.js", import.meta.url)): BundleResult {
  const body = readFileSync(file);
  return {
    file: "dist/tether.min.js",
    minifiedBytes: body.length,
    gzipBytes: gzipSync(body, { level: 9 }).length,
    brotliBytes: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
