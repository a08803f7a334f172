import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

/** This package's version (src/cli/ in the sources, dist/src/cli/ built): a new project depends on the Tether that made it. */
function ownVersion(): string {
  for (const up of ["../../package.json", "../../../package.json"]) {
    const file = new URL(up, import.meta.url);
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version: string };
    if (pkg.name === "tether-live") return pkg.version;
  }
  throw new Error("cannot find tether-live's package.json");
}

/**
 * `tether new <dir>`: a project that works with `npm install && npm run dev`: package.json (the
 * dev, start and test scripts), tsconfig.json, one page (src/counter.ts, served by
 * src/server.ts), one test of it (test/counter.test.ts, node's own runner with
 * tether-live/test) and a README with the commands. Refuses a folder that has files.
 */
export function newProject(dir: string): void {
  const root = resolve(dir);
  if (existsSync(root) && readdirSync(root).length > 0) throw new Error(`${dir} is not empty`);
  const name = basename(root).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+/, "") || "tether-app";
  for (const [path, text] of Object.entries(files(name))) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  console.log(`Made ${dir}. Next:\n  cd ${dir}\n  npm install\n  npm run dev`);
}

/**
 * A file's text from its lines. The sources below are written as lines of strings rather than
 * template literals: an import statement at the start of a line of this file would be read as
 * this file's own by the architecture test.
 */
const lines = (...text: string[]): string => text.join("\n") + "\n";

function files(name: string): Record<string, string> {
  const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
  return {
    "package.json": json({
      name,
      private: true,
      type: "module",
      scripts: {
        dev: "tether dev src/server.ts",
        start: "NODE_ENV=production node --import tsx src/server.ts",
        test: "node --import tsx --test test/counter.test.ts",
        typecheck: "tsc --noEmit",
      },
      dependencies: { "tether-live": `^${ownVersion()}`, tsx: "^4.20.0" },
      devDependencies: { "@types/node": "^20.19.0", "happy-dom": "^20.0.0", typescript: "^5.9.0", vite: "^8.0.0" },
    }),
    "tsconfig.json": json({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        verbatimModuleSyntax: true,
        types: ["node"],
      },
      include: ["src", "test"],
    }),
    ".gitignore": "node_modules\n",
    "src/server.ts": lines(
      "import { serve } from \"tether-live\";",
      "import { Counter } from \"./counter.js\";",
      "",
      "// PORT and HOST come from the environment (default 127.0.0.1:3000).",
      "const running = await serve({ routes: { \"/\": { component: Counter, title: \"Counter\" } } });",
      "console.log(`Listening at ${running.url}/`);",
    ),
    "src/counter.ts": lines(
      "import { Component, html } from \"tether-live\";",
      "",
      "/** State lives on the server: a click is an event there and a small patch back. Edit me under `npm run dev`. */",
      "export class Counter extends Component<Record<string, never>, { count: number }> {",
      "  state = { count: 0 };",
      "",
      "  inc() {",
      "    this.setState({ count: this.state.count + 1 });",
      "  }",
      "",
      "  render() {",
      "    return html`",
      "      <main>",
      "        <h1>Counter</h1>",
      "        <button id=\"inc\" onClick=${this.inc}>+</button>",
      "        <output id=\"count\">${this.state.count}</output>",
      "      </main>",
      "    `;",
      "  }",
      "}",
    ),
    "test/counter.test.ts": lines(
      "import assert from \"node:assert/strict\";",
      "import { afterEach, test } from \"node:test\";",
      "import { cleanup, render } from \"tether-live/test\";",
      "import { Counter } from \"../src/counter.js\";",
      "",
      "afterEach(cleanup);",
      "",
      "test(\"a click counts on the server and patches the page\", async () => {",
      "  const view = await render(Counter);",
      "  await view.click(\"#inc\");",
      "  await view.click(\"#inc\");",
      "  assert.equal(view.get(\"#count\").text, \"2\");",
      "});",
    ),
    "README.md": `# ${name}

A Tether app (the tether-live package): live server components.

    npm install
    npm run dev     # http://127.0.0.1:3000/ — edit src/counter.ts: the page updates, the count stays
    npm test        # test/counter.test.ts, without a browser

\`npm start\` runs it for production (PORT and HOST set where it listens).
`,
  };
}
