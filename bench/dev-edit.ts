/**
 * `tether dev` in Chromium: the time from saving a component's file to the open tab showing the
 * new code, state kept, beside the two ways a page shows new code without it: a reload of the
 * page (the server already running the new code), and a restart of the server and a reload (what
 * `tsx watch` and a browser refresh give).
 *
 * On a temporary copy of the gallery run by `tether dev` (as test/e2e/dev.test.ts runs it), for
 * three pages: the counter (clicked to 3; the small component), the keyed list (text typed in
 * a row's input) and the table (1,000 rows, one selected). Each edit changes the page's `<h1>`
 * in its source; the page records, with a MutationObserver, the `Date.now()` at which the heading
 * shows the new text (the same clock as the write's), then the state is checked: the count, the
 * typed text, the rows and the selection. The restart is an edit of catalog.ts, whose importers
 * reach the entry: `tether dev` restarts the app's process, and the baseline reloads the
 * page as soon as the new process answers, until it shows the change.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { chromiumPath } from "./browser.js";
import { DEV_SMALL } from "./results.js";
import { median } from "./stats.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface DevEditPage {
  /** Median save → DOM showing the new code, ms. */
  editMs: number;
  editSamples: number[];
  /** Median page reload → the page live again (joined), ms. */
  reloadMs: number;
  /** Edits after which the page's state was what it was before. */
  stateKept: number;
  edits: number;
}

export interface DevEditResult {
  chromium: string;
  pages: Record<string, DevEditPage>;
  /** Median save of a module that restarts the app → a reloaded page showing the change, ms. */
  restartReloadMs: number;
  restartSamples: number[];
}

interface Scenario {
  path: string;
  file: string;
  heading: string;
  /** Puts state in the page. */
  prepare(page: Page): Promise<void>;
  /** True if the page still holds that state. */
  kept(page: Page): Promise<boolean>;
}

const SCENARIOS: Record<string, Scenario> = {
  [DEV_SMALL]: {
    path: "/counter",
    file: "counter.ts",
    heading: "Counter",
    async prepare(page) {
      for (let i = 0; i < 3; i++) await page.click("#inc");
      await page.waitForFunction(() => document.querySelector("#count")?.textContent === "3");
    },
    kept: (page) => page.evaluate(() => document.querySelector("#count")?.textContent === "3"),
  },
  "keyed list (typed text)": {
    path: "/list",
    file: "list.ts",
    heading: "Keyed list",
    prepare: (page) => page.fill("li input", "typed here"),
    kept: (page) => page.evaluate(() => document.querySelector<HTMLInputElement>("li input")?.value === "typed here"),
  },
  "table, 1,000 rows (selection)": {
    path: "/table",
    file: "table.ts",
    heading: "Table",
    async prepare(page) {
      await page.click("#run");
      await page.waitForFunction(() => document.querySelectorAll("table.rows tr").length === 1000);
      await page.click("table.rows tr:nth-child(6) a.lbl");
      await page.waitForFunction(() => document.querySelectorAll("table.rows tr")[5]?.classList.contains("danger"));
    },
    kept: (page) =>
      page.evaluate(() => {
        const rows = document.querySelectorAll("table.rows tr");
        return rows.length === 1000 && rows[5]!.classList.contains("danger") && document.querySelectorAll("table.rows tr.danger").length === 1;
      }),
  },
};

// Runs in the page (a string: code that tsx compiled would call its own helpers there):
// `__headingShows(text)` resolves with Date.now() once the <h1> reads `text`.
const IN_PAGE = `
window.__headingShows = (text) => new Promise((resolve, reject) => {
  const shows = () => document.querySelector("h1")?.textContent === text;
  if (shows()) return resolve(Date.now());
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error("the heading did not become " + text + " within 20 s")); }, 20000);
  const observer = new MutationObserver(() => {
    if (!shows()) return;
    const at = Date.now();
    observer.disconnect();
    clearTimeout(timer);
    resolve(at);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
});`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `tether dev` on a copy of the gallery; resolves with its URL once it serves. */
async function startDev(dir: string, port: number): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const cli = join(ROOT, "src/cli/tether.ts");
  const child = spawn(process.execPath, ["--conditions=tether-source", "--import", "tsx", cli, "dev", "server.ts"], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  while (!/http:\/\/127\.0\.0\.1:\d+/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`tether dev did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url: /http:\/\/127\.0\.0\.1:\d+/.exec(output)![0], output: () => output };
}

/** The processes whose parent is `pid` (from ps). */
function childrenOf(pid: number): number[] {
  return execFileSync("ps", ["--ppid", String(pid), "-o", "pid="], { encoding: "utf8" })
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0);
}

const live = (page: Page) => page.waitForSelector("html.tether-connected", { state: "attached", timeout: 20_000 });

export async function measureDevEdits(edits = 20, reloads = 10, restarts = 5): Promise<DevEditResult> {
  const dir = mkdtempSync(join(tmpdir(), "tether-bench-dev-"));
  let dev: Awaited<ReturnType<typeof startDev>> | null = null;
  let browser: Browser | null = null;
  try {
    cpSync(join(ROOT, "examples"), dir, { recursive: true, filter: (src) => !src.includes("recipes") });
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules/tether-live"));
    symlinkSync(join(ROOT, "node_modules/tsx"), join(dir, "node_modules/tsx"));
    dev = await startDev(dir, await freePort());
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const page = await browser.newPage();
    const pages: DevEditResult["pages"] = {};
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      await page.goto(dev.url + scenario.path);
      await live(page);
      await page.evaluate(IN_PAGE);
      await scenario.prepare(page);
      const file = join(dir, scenario.file);
      const original = readFileSync(file, "utf8");
      const samples: number[] = [];
      let kept = 0;
      for (let i = 0; i < edits; i++) {
        const text = `${scenario.heading} · edit ${i + 1}`;
        const shown = page.evaluate((t) => (window as unknown as { __headingShows(t: string): Promise<number> }).__headingShows(t), text);
        await page.evaluate(() => 0); // the observer is in place before the file is written
        const saved = Date.now();
        writeFileSync(file, original.replace(`<h1>${scenario.heading}</h1>`, `<h1>${text}</h1>`));
        samples.push((await shown) - saved);
        if (await scenario.kept(page)) kept++;
        await new Promise((r) => setTimeout(r, 100)); // one save at a time, as a person saves
      }
      writeFileSync(file, original);
      await page.waitForFunction((h) => document.querySelector("h1")?.textContent === h, scenario.heading);
      const reloadSamples: number[] = [];
      for (let i = 0; i < reloads; i++) {
        const start = Date.now();
        await page.reload();
        await live(page);
        reloadSamples.push(Date.now() - start);
      }
      pages[name] = { editMs: median(samples), editSamples: samples, reloadMs: median(reloadSamples), stateKept: kept, edits };
    }

    // Restart and reload: catalog.ts is data that the entry's modules hold, so its edit restarts the app.
    const catalog = join(dir, "catalog.ts");
    const original = readFileSync(catalog, "utf8");
    const restartSamples: number[] = [];
    await page.goto(dev.url + "/");
    await live(page);
    for (let i = 0; i < restarts; i++) {
      const text = `State on the server · restart ${i + 1}`;
      const saved = Date.now();
      writeFileSync(catalog, original.replace("State on the server", text));
      // Reloads as soon as the new process answers, until the page shows the change.
      for (;;) {
        if (Date.now() - saved > 30_000) throw new Error(`restart ${i + 1}: the page did not show the change within 30 s:\n${dev.output().slice(-2000)}`);
        // The first paint has the change: a page from the old process, still closing, has not.
        const shows = await page
          .reload({ timeout: 5_000 })
          .then(() => page.evaluate((t) => document.body.textContent!.includes(t), text))
          .catch(() => false);
        if (shows) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await live(page);
      restartSamples.push(Date.now() - saved);
    }
    writeFileSync(catalog, original);
    return { chromium: browser.version(), pages, restartReloadMs: median(restartSamples), restartSamples };
  } finally {
    await browser?.close();
    if (dev !== null && dev.child.exitCode === null) {
      const app = childrenOf(dev.child.pid!); // the app's process, which tether dev runs
      const exited = new Promise((r) => dev!.child.once("exit", r));
      dev.child.kill("SIGTERM"); // tether dev passes it to the app's process and ends with it
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (dev.child.exitCode === null) dev.child.kill("SIGKILL");
      for (const pid of app) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // ended already, as it should have
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
