/**
 * `tether dev` end to end, in headless Chromium, on a temporary copy of the gallery: a counter
 * clicked to 3 keeps its 3 through each edit of its source (a new label, a new field), a broken
 * file shows the overlay while the page still answers, fixing it removes the overlay, an edited
 * stylesheet changes the page's colours without a patch, an edited helper is executed again with
 * the component module that imports it, and an edited module whose importers reach the entry
 * first restarts the app's process, the tab reconnecting to it without a reload.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { AppProcess, ROOT } from "../support/app-process.js";
import { connected, textIs, usePages } from "../support/connection-page.js";

const { open } = usePages();
let dir: string;
let app: AppProcess;

/** A port free now, for the app to keep across its restarts (port 0 would give the next process another). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A new folder that imports tether-live as an app does: here this repository, read from its sources. */
function appFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "tether-dev-"));
  mkdirSync(join(folder, "node_modules"));
  symlinkSync(ROOT, join(folder, "node_modules/tether-live"));
  symlinkSync(join(ROOT, "node_modules/tsx"), join(folder, "node_modules/tsx"));
  return folder;
}

/** `tether dev <entry>` in `folder`, on a port of its own that it keeps across restarts. */
async function startDev(folder: string, entry: string): Promise<AppProcess> {
  const cli = join(ROOT, "src/cli/tether.ts");
  return AppProcess.start(process.execPath, ["--conditions=tether-source", "--import", "tsx", cli, "dev", entry], { PORT: String(await freePort()) }, 60_000, folder);
}

const folders: string[] = [];
const apps: AppProcess[] = [];

beforeAll(async () => {
  folders.push((dir = appFolder()));
  cpSync(join(ROOT, "examples"), dir, { recursive: true, filter: (src) => !src.includes("recipes") });
  apps.push((app = await startDev(dir, "server.ts")));
}, 90_000);

afterAll(() => {
  for (const started of apps) {
    started.descendants();
    started.kill();
  }
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Edits a file of the copy, and waits for the dev server to say what it did with it. */
async function edit(file: string, change: (text: string) => string, said: string, where = dir, by = app): Promise<void> {
  const printed = by.output.length;
  const path = join(where, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
  const deadline = Date.now() + 20_000;
  while (!by.output.slice(printed).includes(said)) {
    if (Date.now() > deadline) throw new Error(`after editing ${file}, tether dev did not print "${said}":\n${by.output.slice(printed)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SWAPPED = "counter.ts: 1 component swapped";

test("edits swap the counter in place, errors show the overlay, CSS reloads without a render, other modules restart", async () => {
  const { page, problems } = await open(`${app.url}/counter`);
  const patches: string[] = [];
  page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => String(payload).startsWith('{"k":21') && patches.push(String(payload))));
  // A mark that a reload would lose: the page stays the same document throughout.
  await page.evaluate(() => ((window as unknown as { mark: string }).mark = "same page"));
  for (let i = 0; i < 3; i++) await page.click("#inc");
  await textIs(page, "#count", "3");

  // A new label: the new render, the state kept, no reload.
  await edit("counter.ts", (t) => t.replace("<h1>Counter</h1>", "<h1>Counter, edited</h1>"), SWAPPED);
  await textIs(page, "h1", "Counter, edited");
  expect(await page.textContent("#count")).toBe("3");
  await page.click("#inc");
  await textIs(page, "#count", "4");

  // A new field appears with its initial value; the count stays.
  await edit("counter.ts", (t) => t.replace("inc() {", 'note = "a new field";\n\n  inc() {').replace("</h1>", '</h1><p id="note">${this.note}</p>'), SWAPPED);
  await textIs(page, "#note", "a new field");
  expect(await page.textContent("#count")).toBe("4");

  // A syntax error: the overlay says where; the page runs the last good code. (Which tabs show
  // it, by the components their pages show, is test/dev/dev-channel.test.ts's.)
  const good = readFileSync(join(dir, "counter.ts"), "utf8");
  await edit("counter.ts", (t) => t.replace("dec() {", "dec() {{"), "[tether dev] counter.ts");
  await page.waitForSelector("#tether-dev-overlay", { timeout: 15_000 });
  expect(await page.textContent("#tether-dev-overlay .location")).toMatch(/^counter\.ts:\d+:\d+$/);
  await page.click("#inc");
  await textIs(page, "#count", "5");

  // Fixed: the overlay goes.
  await edit("counter.ts", () => good, SWAPPED);
  await page.waitForSelector("#tether-dev-overlay", { state: "detached", timeout: 15_000 });
  expect(await page.textContent("#count")).toBe("5");

  // A render that throws: the overlay names the component and the line of the source (mapped
  // from what ran); the page keeps what it showed and answers.
  await edit("counter.ts", (t) => t.replace("render() {", 'render() {\n    if (this.state.count > 4) throw new Error("count too high");'), "[tether dev] counter.ts");
  await page.waitForSelector("#tether-dev-overlay", { timeout: 15_000 });
  const line = readFileSync(join(dir, "counter.ts"), "utf8").split("\n").findIndex((l) => l.includes("count too high")) + 1;
  expect(await page.textContent("#tether-dev-overlay .message")).toBe("count too high");
  expect(await page.textContent("#tether-dev-overlay .location")).toMatch(new RegExp(`^counter\\.ts:${line}:\\d+$`));
  expect(await page.textContent("#tether-dev-overlay .frame")).toContain("count too high");
  await edit("counter.ts", () => good, SWAPPED);
  await page.waitForSelector("#tether-dev-overlay", { state: "detached", timeout: 15_000 });
  await page.click("#dec");
  await textIs(page, "#count", "4");
  await page.click("#inc");
  await textIs(page, "#count", "5");

  // A save caught half-way (the file emptied, written a moment later, as some editors do) is
  // not taken for a module that exports nothing: no restart, one swap once written.
  writeFileSync(join(dir, "counter.ts"), "");
  await new Promise((r) => setTimeout(r, 300));
  await edit("counter.ts", () => good.replace("<h1>Counter, edited</h1>", "<h1>Counter, saved</h1>"), SWAPPED);
  await textIs(page, "h1", "Counter, saved");
  expect(await page.textContent("#count")).toBe("5");
  expect(app.output).not.toContain("restarting");

  // A helper module (the table's rows: not a component) is executed again with the module of
  // components that imports it, which is swapped: no restart, the count stays.
  await edit("table-rows.ts", (t) => t.replace('"pretty", ', '"pretty", "lovely", '), "table-rows.ts: 1 component swapped");
  expect(await page.textContent("#count")).toBe("5");
  expect(app.output).not.toContain("restarting");

  // The stylesheet: the heading's colour changes, and no patch comes for it.
  const before = await page.$eval("h1", (h) => getComputedStyle(h).color);
  const patchesBefore = patches.length;
  writeFileSync(join(dir, "gallery.css"), readFileSync(join(dir, "gallery.css"), "utf8") + "\nh1 { color: rgb(200, 10, 20); }\n");
  await page.waitForFunction(() => getComputedStyle(document.querySelector("h1")!).color === "rgb(200, 10, 20)", null, { timeout: 15_000 });
  expect(before).not.toBe("rgb(200, 10, 20)");
  expect(patches.length).toBe(patchesBefore);
  expect(await page.textContent("#count")).toBe("5");

  // A module of data whose importers reach the entry (the catalog, held by gallery.ts): a restart, and
  // the tab reconnects to the new process without a reload, and resumes its session there, its
  // count kept (tether dev keeps the sessions' snapshots across the app's processes).
  await edit("catalog.ts", (t) => t.replace("State on the server", "State on the server (edited)"), "restarting");
  await page.waitForSelector("html.tether-reconnecting", { state: "attached", timeout: 15_000 });
  await connected(page);
  await textIs(page, "#count", "5");
  await page.click("#inc");
  await textIs(page, "#count", "6");
  expect(await page.evaluate(() => (window as unknown as { mark: string }).mark)).toBe("same page");
  expect(problems).toEqual([]);
}, 180_000);

test("TSX runs without a build, and a swap keeps the focus and the text typed into a field", async () => {
  const folder = appFolder();
  folders.push(folder);
  writeFileSync(join(folder, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, jsx: "react-jsx", jsxImportSource: "tether-live" } }));
  writeFileSync(
    join(folder, "hello.tsx"),
    `import { Component } from "tether-live";

export class Hello extends Component<{}, { n: number }> {
  state = { n: 1 };
  inc() {
    this.setState({ n: this.state.n + 1 });
  }
  render() {
    return (
      <main>
        <h1>Hello</h1>
        <input id="name" />
        <button id="inc" onClick={this.inc}>+</button>
        <output id="n">{this.state.n}</output>
      </main>
    );
  }
}
`,
  );
  writeFileSync(join(folder, "server.ts"), `import { serve } from "tether-live";\nimport { Hello } from "./hello.js";\nconst running = await serve({ routes: { "/": Hello } });\nconsole.log(\`at \${running.url}\`);\n`);
  const tsx = await startDev(folder, "server.ts");
  apps.push(tsx);
  const { page, problems } = await open(`${tsx.url}/`);
  await page.click("#inc");
  await textIs(page, "#n", "2");
  await page.fill("#name", "typed, not sent");
  await page.focus("#name");
  await edit("hello.tsx", (t) => t.replace("<h1>Hello</h1>", "<h1>Hello, edited</h1>"), "hello.tsx: 1 component swapped", folder, tsx);
  await textIs(page, "h1", "Hello, edited");
  expect(await page.textContent("#n")).toBe("2");
  expect(await page.inputValue("#name")).toBe("typed, not sent");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("name");
  expect(problems).toEqual([]);
}, 120_000);
