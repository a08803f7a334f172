/**
 * The package as a user gets it: `npm pack`, the tarball installed into a new project that
 * cannot see this repository's sources, the README's first app run as pasted with plain `node`
 * (no loader) and a TypeScript app (JSX included) type-checked with settings stricter than
 * `strict`, each driven in Chromium until a click has reached the server and patched the page.
 *
 * It packs the dist/ that `npm test` has just built (`--ignore-scripts`: a prepack build here
 * would empty dist/ under the other test files running beside this one).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser.js";
import { openLivePage, waitUntil } from "../support/live-page.js";
import { codeBlocks } from "../support/markdown.js";

const run = promisify(execFile);
const REPO = new URL("../../", import.meta.url).pathname;
const TSC = join(REPO, "node_modules/typescript/bin/tsc");
const TYPES_NODE = JSON.parse(readFileSync(join(REPO, "node_modules/@types/node/package.json"), "utf8")).version as string;
const HAPPY_DOM = JSON.parse(readFileSync(join(REPO, "node_modules/happy-dom/package.json"), "utf8")).version as string;
const VITEST = JSON.parse(readFileSync(join(REPO, "node_modules/vitest/package.json"), "utf8")).version as string;
const VITE = JSON.parse(readFileSync(join(REPO, "node_modules/vite/package.json"), "utf8")).version as string;
const TSX = JSON.parse(readFileSync(join(REPO, "node_modules/tsx/package.json"), "utf8")).version as string;
const VERSION = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version as string;

let project: string;
let tarballFiles: string[];
let installOutput = "";
let browser: Browser;
const started: ChildProcess[] = [];

beforeAll(async () => {
  if (!existsSync(join(REPO, "dist/src/index.js")) || !existsSync(join(REPO, "dist/tether.min.js"))) {
    throw new Error("dist/ is not built: run `npm run build` (npm test does it first)");
  }
  const root = await mkdtemp(join(tmpdir(), "tether-package-"));
  const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", root], { cwd: REPO });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  tarballFiles = packed!.files.map((f) => f.path);

  project = join(root, "app");
  await mkdir(project);
  await writeFile(
    join(project, "package.json"),
    JSON.stringify({
      name: "a-tether-app",
      private: true,
      type: "module",
      dependencies: { "tether-live": `file:../${packed!.filename}` },
      // happy-dom, vite and vitest: the optional peer dependencies a project adds to test with
      // tether-live/test and to run `tether dev`, and the test runner; tsx runs the TypeScript test `tether new` makes.
      devDependencies: { "@types/node": TYPES_NODE, "happy-dom": HAPPY_DOM, vitest: VITEST, vite: VITE, tsx: TSX },
    }),
  );
  // The dependencies come from npm's cache, filled when this repository was installed.
  const installed = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: project });
  installOutput = installed.stdout + installed.stderr;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const child of started) child.kill();
  await browser?.close();
  if (project) await rm(join(project, ".."), { recursive: true, force: true });
});

describe("the npm package", () => {
  test("installs without an engine warning (engines and the dependencies' own agree, Node 20.19 on)", () => {
    expect(installOutput).not.toContain("EBADENGINE");
  });

  test("ships the built library, its types and the runtime, and nothing of the repository's own", () => {
    expect(tarballFiles).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "dist/src/index.js", "dist/src/index.d.ts", "dist/src/template/jsx-runtime.js", "dist/runtime/client.d.ts", "dist/tether.min.js", "dist/tether.dev.js", "dist/tether-longpoll.min.js", "dist/components/index.js", "dist/components/index.d.ts", "dist/components/theme.css"]));
    const outside = tarballFiles.filter((path) => !path.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(path));
    expect(outside).toEqual([]);
    expect(tarballFiles.filter((path) => path.endsWith(".ts") && !path.endsWith(".d.ts"))).toEqual([]);
  });

  test("the README's first app runs as pasted with plain node: a click reaches the server and patches the page", async () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const firstApp = codeBlocks(readme, ["js", "ts"])[0]!;
    expect(readme.slice(0, readme.indexOf(firstApp.code))).toContain("save this as `app.mjs` and run `node app.mjs`");
    await writeFile(join(project, "app.mjs"), firstApp.code);
    const url = await start(["app.mjs"]);
    await clickCounts(url, "button", "output");
  });

  test("a TypeScript app with JSX type-checks under strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes, then runs", async () => {
    await writeFile(join(project, "tsconfig.json"), JSON.stringify(STRICT_TSCONFIG));
    await mkdir(join(project, "src"), { recursive: true });
    await writeFile(join(project, "src/app.tsx"), TS_APP);
    await writeFile(join(project, "src/page.ts"), TS_PAGE_SCRIPT);
    await writeFile(join(project, "src/typing.tsx"), TS_TYPING);
    await writeFile(join(project, "src/signup.ts"), TS_COMPONENTS);
    await writeFile(join(project, "src/counter.test.ts"), TS_HARNESS_TEST);
    const compiled = await run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: project }).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(compiled).toBe("");
    const url = await start(["build/app.js"]);
    await clickCounts(url, "#inc", "#count");
  });

  test("tether-live/test: a harness test, typed under the strict settings above, passes under node --test", async () => {
    await writeFile(join(project, "harness.test.mjs"), readFileSync(join(REPO, "test/testing/node-test.fixture.mjs"), "utf8"));
    for (const file of ["harness.test.mjs", "build/counter.test.js"]) {
      if (file.startsWith("build/") && !existsSync(join(project, file))) throw new Error("the TypeScript test above did not compile");
      const { stdout } = await run(process.execPath, ["--test", "--test-reporter=tap", file], { cwd: project, timeout: 60_000 });
      expect(stdout, file).toMatch(/^# fail 0$/m);
      expect(stdout, file).toMatch(/^# pass [1-9]/m);
    }
  });

  test("the README's Testing examples, copied as they are, pass under vitest", async () => {
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    const start = readme.split("\n").indexOf("## Testing");
    const end = readme.split("\n").findIndex((line, i) => i > start && line.startsWith("## "));
    const examples = codeBlocks(readme, ["ts"]).filter((b) => b.line > start && b.line < end && b.code.includes('from "tether-live/test"'));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    await mkdir(join(project, "readme"), { recursive: true });
    for (const [i, block] of examples.entries()) await writeFile(join(project, `readme/example-${i + 1}.test.ts`), block.code);
    const { stdout } = await run(process.execPath, [join(project, "node_modules/vitest/vitest.mjs"), "run", "readme", "--reporter=verbose"], { cwd: project, timeout: 120_000, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
    expect(stdout).toMatch(new RegExp(`Test Files +${examples.length} passed`));
    expect(stdout).not.toMatch(/failed|skipped/);
  }, 120_000);

  test("the tether command: `tether new` makes a project whose test passes, and `tether dev` serves it and swaps an edited component, its state kept", async () => {
    const tether = join(project, "node_modules/.bin/tether");
    const made = await run(tether, ["new", "scaffold"], { cwd: project });
    expect(made.stdout).toContain("npm install\n  npm run dev");
    const pkg = JSON.parse(readFileSync(join(project, "scaffold/package.json"), "utf8")) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.scripts.dev).toBe("tether dev src/server.ts");
    expect(pkg.dependencies["tether-live"]).toBe(`^${VERSION}`);
    expect((await readdir(join(project, "scaffold"))).sort()).toEqual([".gitignore", "README.md", "package.json", "src", "test", "tsconfig.json"]);
    await expect(run(tether, ["new", "scaffold"], { cwd: project })).rejects.toThrow(/scaffold is not empty/);

    // Its test and its page, with the tether-live installed here (what its own npm install gets).
    const { stdout } = await run(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", "scaffold/test/counter.test.ts"], { cwd: project, timeout: 60_000 });
    expect(stdout).toMatch(/^# fail 0$/m);
    expect(stdout).toMatch(/^# pass 1$/m);

    const url = await start(["dev", "scaffold/src/server.ts"], tether);
    const live = await openLivePage(browser, `${url}/`);
    try {
      const { page } = live;
      await page.click("#inc");
      await page.click("#inc");
      await waitUntil(page, () => document.querySelector("#count")?.textContent === "2", null);
      const source = join(project, "scaffold/src/counter.ts");
      await writeFile(source, readFileSync(source, "utf8").replace("<h1>Counter</h1>", "<h1>Counter, edited</h1>"));
      await waitUntil(page, () => document.querySelector("h1")?.textContent === "Counter, edited", null, 20_000);
      expect(await page.textContent("#count")).toBe("2");
      expect(live.problems).toEqual([]);
    } finally {
      await live.close();
    }
  });

  test("a project without the repository sees no TypeScript sources: every export resolves to dist/", async () => {
    const installed = join(project, "node_modules/tether-live");
    expect((await readdir(installed)).sort()).toEqual(["LICENSE", "README.md", "dist", "package.json"]);
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", RESOLVE_EXPORTS], { cwd: project });
    const resolved = JSON.parse(stdout) as Record<string, string>;
    for (const [name, file] of Object.entries(resolved)) expect(file, name).toMatch(/\/node_modules\/tether-live\/dist\/.+\.js$/);
  });
});

/** Starts `node <args>` (or `command <args>`) in the project (no loader) and resolves with the URL it prints. */
function start(args: string[], command = process.execPath): Promise<string> {
  const child = spawn(command, args, { cwd: project, env: { ...process.env, PORT: "0", HOST: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // serve()'s own line: an app that logs nothing still says where it listens.
      const match = /^\[tether\] listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the app exited (${code}) before listening:\n${output}`)));
  });
}

/** Clicks `button` twice and sees `count` go from 0 to 2, each step patched by the server. */
async function clickCounts(url: string, button: string, count: string): Promise<void> {
  const live = await openLivePage(browser, `${url}/`);
  try {
    const { page } = live;
    expect(await page.textContent(count)).toBe("0");
    await page.click(button);
    await waitUntil(page, ([selector]) => document.querySelector(selector)?.textContent === "1", [count]);
    await page.click(button);
    await waitUntil(page, ([selector]) => document.querySelector(selector)?.textContent === "2", [count]);
    expect(live.problems).toEqual([]);
  } finally {
    await live.close();
  }
}

const STRICT_TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    skipLibCheck: false,
    jsx: "react-jsx",
    jsxImportSource: "tether-live",
    outDir: "build",
    rootDir: "src",
    lib: ["ES2022", "DOM"],
    types: ["node"],
  },
  include: ["src"],
};

const TS_APP = `import { Component, serve, type LiveEvent } from "tether-live";

interface State {
  count: number;
  last: string;
}

class Counter extends Component<{ start?: number }, State> {
  override state: State = { count: this.props.start ?? 0, last: "" };

  inc = (event: LiveEvent) => {
    this.setState({ count: this.state.count + 1, last: event.type });
  };

  override render() {
    return (
      <main>
        <button id="inc" type="button" onClick={this.inc}>+</button>
        <output id="count">{this.state.count}</output>
      </main>
    );
  }
}

const running = await serve({ routes: { "/": { component: Counter, title: "Counter" } } });
console.log(\`listening at \${running.url}\`);
`;

/** A harness test in TypeScript, for node's own runner. */
const TS_HARNESS_TEST = `import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import { Component, html, type LiveEvent } from "tether-live";
import { cleanup, render } from "tether-live/test";

class Form extends Component<{ greeting: string }, { name: string }> {
  override state = { name: "" };
  save = (event: LiveEvent) => this.setState({ name: String(event.form?.name ?? "") });
  override render() {
    return html\`<form onSubmit=\${this.save}><input name="name" /><button>Save</button></form><p id="out">\${this.props.greeting} \${this.state.name}</p>\`;
  }
}

afterEach(cleanup);

test("a form submitted through the harness", async () => {
  const view = await render(Form, { props: { greeting: "Hello" }, js: "strict" });
  await view.submit("form", { name: "Ada" });
  assert.equal(view.get("#out").text, "Hello Ada");
});
`;

/** A page script typed by the package's client module. */
const TS_PAGE_SCRIPT = `import { getTether } from "tether-live/client";

export async function ping(): Promise<{ ok: boolean }> {
  const tether = getTether();
  return tether.call<{ ok: boolean }>("ping", { at: Date.now() });
}
`;

/** What the declarations must accept and refuse in a user's project (compiled, never run). */
const TS_TYPING = `import { Component, type LiveEvent } from "tether-live";

export class Probe extends Component {
  async measure(_event: LiveEvent): Promise<number> {
    const width = await this.session.executeJs<number>("return innerWidth", { waitForResult: true });
    const size = await this.session.getJsResult<[number, number]>("const size = [innerWidth, innerHeight];", "size");
    return width + size[0];
  }

  override render() {
    return <button type="button" data-row={7} aria-label="Measure" onClick={this.measure}>Measure</button>;
  }
}

// @ts-expect-error a misspelt event prop does not compile
export const misspelt = () => <button onClikc={() => {}}>x</button>;
`;

/** tether-live/components under the strict settings: a form's values are typed by its fields. */
const TS_COMPONENTS = `import { Component, html } from "tether-live";
import { EmailInput, field, Form, NumberInput, type FormValues } from "tether-live/components";

const fields = [
  field(EmailInput, { name: "email", label: "Email", required: true }),
  field(NumberInput, { name: "age", label: "Age", min: 0, validate: (age) => (age !== null && age < 18 ? "Adults only." : undefined) }),
];

export class Signup extends Component {
  saved: FormValues<typeof fields>[] = [];
  save = (values: FormValues<typeof fields>) => {
    const age: number | null = values.age;
    this.saved.push({ email: values.email, age });
  };
  override render() {
    return html\`<\${Form} fields=\${fields} onSubmit=\${this.save} />\`;
  }
}

// @ts-expect-error a number field's validator gets a number
field(NumberInput, { name: "n", validate: (n: string) => n });
`;

const RESOLVE_EXPORTS = `
const names = ["tether-live", "tether-live/jsx-runtime", "tether-live/jsx-dev-runtime", "tether-live/client", "tether-live/test", "tether-live/components"];
const out = {};
for (const name of names) out[name] = new URL(import.meta.resolve(name)).pathname;
await import("tether-live");
await import("tether-live/jsx-runtime");
const { TextInput, Form } = await import("tether-live/components");
if (typeof TextInput !== "function" || typeof Form !== "function") throw new Error("tether-live/components does not export its components");
console.log(JSON.stringify(out));
`;
