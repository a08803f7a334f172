/**
 * Every TypeScript and JavaScript block of the README is type-checked against the package's
 * declarations, so the guide cannot drift from the API. Each block becomes a module of its own; a block that
 * imports nothing from "tether-live" gets the package's exports it uses, and the reader's own
 * names (a `db`, a `Home` page, the page's `tether`) come from readme-context.ts. The blocks
 * are checked with settings stricter than `strict`, as a careful user's project would be.
 */
import { afterAll, describe, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { codeBlocks, type CodeBlock } from "../support/markdown.js";

const run = promisify(execFile);
const REPO = new URL("../../", import.meta.url).pathname;
// Inside the repository, so that "tether-live" resolves to this package itself: to the
// declarations `npm run build` wrote in dist/, as in a user's project (the blocks' settings drop
// the tether-source condition that points the repository's own code at src/).
const BLOCKS = join(REPO, "test/docs/.blocks");

/** The names a module exports, read from its export lists (`export { a, type B as C }`). */
function exportedNames(source: string): { name: string; type: boolean }[] {
  const names: { name: string; type: boolean }[] = [];
  for (const list of source.matchAll(/export (type )?\{([^}]*)\}/g)) {
    for (const item of list[2]!.split(",")) {
      const words = item.trim().split(/\s+/);
      if (words[0] === "") continue;
      const type = list[1] !== undefined || words[0] === "type";
      names.push({ name: words.at(-1)!, type });
    }
  }
  for (const m of source.matchAll(/export (?:declare )?(const|function|class|interface|type) (\w+)/g)) names.push({ name: m[2]!, type: m[1] === "interface" || m[1] === "type" });
  // A name that is both a value and a type is imported once, as the value (which brings both).
  return names.filter((n) => !n.type || !names.some((other) => other.name === n.name && !other.type));
}

/** True if the block declares or imports `name` itself. */
function declares(code: string, name: string): boolean {
  const word = `\\b${name}\\b`;
  return new RegExp(`(?:class|function|const|let|var|interface|type)\\s+${name}\\b`).test(code) || new RegExp(`import[^;]*${word}[^;]*from`).test(code);
}

const uses = (code: string, name: string) => new RegExp(`(?<![.\\w$])${name}\\b`).test(code);

/** The block as a module: the imports a reader's file would have, then the block as written. */
function moduleOf(block: CodeBlock, tether: { name: string; type: boolean }[], context: { name: string; type: boolean }[]): { text: string; prelude: number } {
  const imports: string[] = [];
  const pick = (names: { name: string; type: boolean }[]) =>
    names.filter((n) => uses(block.code, n.name) && !declares(block.code, n.name)).map((n) => (n.type ? `type ${n.name}` : n.name));
  if (!/from "tether-live"/.test(block.code)) {
    const names = pick(tether.filter((n) => block.lang !== "js" || !n.type));
    if (names.length > 0) imports.push(`import { ${names.join(", ")} } from "tether-live";`);
  }
  const own = pick(context.filter((c) => !tether.some((t) => t.name === c.name) && (block.lang !== "js" || !c.type)));
  if (own.length > 0) imports.push(`import { ${own.join(", ")} } from "../readme-context.js";`);
  // Every block is a module (its own scope), even one without imports.
  imports.push("export {};");
  // A recipe quoted from examples/ imports the reader's own files (`../counter.js`): here they are the context's.
  const code = block.code.replace(/from "\.\.?\/[^"]+\.js"/g, 'from "../readme-context.js"');
  return { text: `${imports.join("\n")}\n${code}\n`, prelude: imports.length };
}

/**
 * Type-checks the blocks as modules of their own; returns the errors, each named by its README
 * line so that the fix is where the reader reads. TypeScript blocks are checked under `strict`,
 * `noUncheckedIndexedAccess` and `exactOptionalPropertyTypes`; JavaScript blocks (page code,
 * plain-node apps) as a JavaScript project would check them, with `checkJs` under `strict`.
 */
async function check(blocks: CodeBlock[]): Promise<string[]> {
  const tether = exportedNames(await readFile(join(REPO, "src/index.ts"), "utf8"));
  const context = exportedNames(await readFile(join(REPO, "test/docs/readme-context.ts"), "utf8"));
  await rm(BLOCKS, { recursive: true, force: true });
  await mkdir(BLOCKS, { recursive: true });
  const origin = new Map<string, { line: number; prelude: number }>();
  for (const block of blocks) {
    const file = `line-${block.line}.${block.lang}`;
    const { text, prelude } = moduleOf(block, tether, context);
    origin.set(file, { line: block.line, prelude });
    await writeFile(join(BLOCKS, file), text);
  }
  const config = (name: string, include: string[], compilerOptions: object) =>
    writeFile(join(BLOCKS, name), JSON.stringify({ extends: "../../../tsconfig.json", compilerOptions: { noEmit: true, types: ["node"], customConditions: [], ...compilerOptions }, include, exclude: [] }));
  await config("tsconfig.ts.json", ["*.ts", "*.tsx"], { noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true });
  await config("tsconfig.js.json", ["*.js"], { allowJs: true, checkJs: true });
  const tsc = (project: string) =>
    run(process.execPath, [join(REPO, "node_modules/typescript/bin/tsc"), "-p", join(BLOCKS, project)], { cwd: REPO }).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
  const hasJs = blocks.some((b) => b.lang === "js");
  const hasTs = blocks.some((b) => b.lang !== "js");
  const output = (hasTs ? await tsc("tsconfig.ts.json") : "") + (hasJs ? await tsc("tsconfig.js.json") : "");
  return output
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const m = /(line-\d+\.\w+)\((\d+),(\d+)\): (.*)$/.exec(l);
      const where = m ? origin.get(m[1]!) : undefined;
      if (!m || where === undefined) return l;
      return `README.md:${where.line + Number(m[2]) - 1 - where.prelude}:${m[3]} ${m[4]}`;
    });
}

afterAll(() => rm(BLOCKS, { recursive: true, force: true }));

describe("README.md", () => {
  test("every ts and js block type-checks against the package's declarations", async () => {
    const blocks = codeBlocks(await readFile(join(REPO, "README.md"), "utf8"), ["ts", "tsx", "js"]);
    expect(blocks.length).toBeGreaterThan(10);
    expect(await check(blocks)).toEqual([]);
  }, 60_000);

  test("reads the blocks' languages and lines, and reports a wrong block at its README line", async () => {
    const sample = "Text\n\n```ts\nconst n: number = 1;\n```\n\n```sh\nnpm start\n```\n\n```ts\nconst s = html`<p>${1}</p>`;\nawait serve({ rotues: {} });\n```\n";
    const blocks = codeBlocks(sample, ["ts", "js"]);
    expect(blocks.map((b) => [b.line, b.lang])).toEqual([[4, "ts"], [12, "ts"]]);
    const errors = await check(blocks);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^README\.md:13:\d+ .*rotues/);
  }, 60_000);
});
