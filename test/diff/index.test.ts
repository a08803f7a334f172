/**
 * src/diff/index.ts is the diff's front door: its doc comment maps every file of the diff, and
 * other layers (and their tests) import the diff through it only.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The .ts and .tsx files below `dir`, as paths from the repo's root. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f))
    .map((f) => join(dir, f));
}

describe("src/diff/index.ts", () => {
  it("maps every file of the diff in its doc comment", () => {
    const map = readFileSync(join(ROOT, "src/diff/index.ts"), "utf8").split("*/")[0];
    const files = readdirSync(join(ROOT, "src/diff")).filter((f) => f.endsWith(".ts") && f !== "index.ts");
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => !map.includes(f))).toEqual([]);
  });

  it("is the only way into the diff from other layers and their tests", () => {
    const files = ["src", "test", "bench", "examples", "components"]
      .flatMap(sources)
      .filter((f) => !f.startsWith("src/diff/") && !f.startsWith("test/diff/"));
    expect(files.length).toBeGreaterThan(100);
    const ways: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), "utf8");
      for (const [, specifier] of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']*\/diff\/[^"']*)["']/g)) {
        const target = relative(ROOT, join(ROOT, file, "..", specifier));
        if (target.startsWith("src/diff/") && target !== "src/diff/index.js") ways.push(`${file} → ${target}`);
      }
    }
    expect(ways).toEqual([]);
  });
});
