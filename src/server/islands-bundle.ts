import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, extname, join, resolve } from "node:path";
import { processConditions } from "./process-conditions.js";

/** The file kinds of an islands folder that are bundled: each module is one island. */
const MODULE = /\.(?:ts|tsx|js|jsx|mjs)$/;

/** An island's name: its file name without the extension, a JavaScript-ish identifier. */
const NAME = /^[A-Za-z_$][\w$-]*$/;

interface Built {
  body: Buffer;
  etag: string;
  /** Every file the bundle was made of, with its modification time then. */
  inputs: Map<string, number>;
}

/**
 * The app's islands (`TetherOptions.islands`, a folder): every module in it, bundled by esbuild
 * into one script that registers each default export as `tether.islands[<file name>]`. Served at
 * `<basePath>/islands.js` and loaded only by pages with an island (client-scripts.ts). Built on
 * the first request (esbuild, a development dependency, is loaded then: a server without islands
 * never needs it), and under `dev` again when one of its files changed.
 */
export class IslandsBundle {
  readonly #dir: string;
  readonly #dev: boolean;
  readonly #report: (error: unknown, where: string) => void;
  #built: Promise<Built> | null = null;

  constructor(dir: string, dev: boolean, report: (error: unknown, where: string) => void) {
    this.#dir = resolve(dir);
    this.#dev = dev;
    this.#report = report;
  }

  /** The islands by name and file, as the bundle registers them. */
  islands(): Array<{ name: string; file: string }> {
    const out: Array<{ name: string; file: string }> = [];
    for (const entry of readdirSync(this.#dir).sort()) {
      if (!MODULE.test(entry) || entry.endsWith(".d.ts") || /\.test\.[jt]sx?$/.test(entry)) continue;
      const name = basename(entry, extname(entry));
      if (!NAME.test(name)) throw new Error(`Tether: the island file ${join(this.#dir, entry)} needs a name of letters, digits, "_" and "-"`);
      out.push({ name, file: join(this.#dir, entry) });
    }
    return out;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<true> {
    let built: Built;
    try {
      built = await this.#current();
    } catch (error) {
      this.#built = null; // the next request tries again (a fixed file under `tether dev`)
      this.#report(error, "the islands bundle");
      res.writeHead(500, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" });
      res.end(`console.error(${JSON.stringify(`[tether] the islands bundle failed to build: ${error instanceof Error ? error.message : String(error)}`)});`);
      return true;
    }
    if (req.headers["if-none-match"] === built.etag) {
      res.writeHead(304, { etag: built.etag });
      res.end();
      return true;
    }
    res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", etag: built.etag, "cache-control": "no-cache" });
    res.end(req.method === "HEAD" ? undefined : built.body);
    return true;
  }

  async #current(): Promise<Built> {
    if (this.#built !== null && this.#dev) {
      const built = await this.#built;
      if (changed(built.inputs)) this.#built = null;
    }
    return (this.#built ??= this.#build());
  }

  async #build(): Promise<Built> {
    const islands = this.islands();
    let entry = "";
    islands.forEach(({ name, file }, i) => {
      entry += `import island${i} from ${JSON.stringify(file)};\nwindow.tether.islands[${JSON.stringify(name)}] = island${i};\n`;
    });
    const { build } = await import("esbuild");
    const result = await build({
      stdin: { contents: entry, resolveDir: this.#dir, sourcefile: "islands-entry.js", loader: "js" },
      bundle: true,
      format: "iife",
      target: ["es2022"],
      minify: !this.#dev,
      legalComments: "none",
      write: false,
      metafile: true,
      logLevel: "silent",
      define: { DEV: String(this.#dev) },
      // As this process resolves packages ("tether-live/preact" from the sources in its repository).
      conditions: processConditions(),
    });
    const body = Buffer.from(result.outputFiles[0].contents);
    const inputs = new Map<string, number>();
    for (const { file } of islands) inputs.set(file, mtime(file));
    for (const input in result.metafile.inputs) if (!input.includes("node_modules") && input !== "islands-entry.js") inputs.set(resolve(input), mtime(resolve(input)));
    inputs.set(this.#dir, mtime(this.#dir)); // a file added or removed
    return { body, inputs, etag: `"${createHash("sha1").update(body).digest("base64url").slice(0, 16)}"` };
  }
}

function mtime(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

function changed(inputs: Map<string, number>): boolean {
  for (const [file, time] of inputs) if (mtime(file) !== time) return true;
  return false;
}
