/**
 * End to end: the gallery as `npm start` serves it (examples/gallery.ts), in Chromium at a
 * phone's width (390 px) and a desktop's (1280 px). Every page has the header (the gallery,
 * every example, the current one marked, a Source link that answers the file's text) and the
 * stylesheet, also under the strict CSP; nothing widens the page, also with the content that
 * used to (a long error line, the script console, a table of 1,000 rows); no button touches
 * what stands beside it on its line. Each page is saved, in light and dark, to
 * test-results/screenshots/ for a reviewer to look at (not committed).
 */
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { examples } from "../../examples/catalog.js";
import { useExamples } from "../support/browser-suite.js";
import { textIs } from "../support/js-page.js";
import { waitUntil } from "../support/live-page.js";

const suite = useExamples();
const SCREENSHOTS = new URL("../../test-results/screenshots/", import.meta.url);
const EXAMPLES_DIR = new URL("../../examples/", import.meta.url);

interface GalleryPage {
  /** The screenshots' name. */
  name: string;
  path: string;
  /** Its file in examples/. */
  source: string;
  /** Fills the page with what it shows once used, checking for overflow on the way. */
  use?: (page: Page) => Promise<void>;
}

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];

/** Fails if the page is wider than the window, i.e. the page itself scrolls sideways. */
async function expectNoOverflow(page: Page, when: string): Promise<void> {
  const { scrollWidth, windowWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, windowWidth: window.innerWidth }));
  expect(scrollWidth, `the page is wider than the window ${when}`).toBeLessThanOrEqual(windowWidth);
}

/**
 * A button and what stands beside it on its line with less than 4 px between them: buttons that
 * touch, or a value stuck to a button ("server: 2Ping"). Each as `button | neighbour: gap`.
 */
function touchingButtons(): string[] {
  const MIN_GAP = 4;
  const box = (node: Node): DOMRect | null => {
    let rect: DOMRect;
    if (node instanceof Element) rect = node.getBoundingClientRect();
    else {
      const range = document.createRange();
      range.selectNodeContents(node);
      rect = range.getBoundingClientRect();
    }
    return rect.width > 0 && rect.height > 0 ? rect : null;
  };
  const name = (node: Node) => (node instanceof Element ? `<${node.localName}> "${node.textContent?.trim().slice(0, 30)}"` : `"${node.textContent?.trim().slice(0, 30)}"`);
  const touching: string[] = [];
  for (const button of Array.from(document.querySelectorAll("button"))) {
    const own = box(button);
    if (own === null) continue;
    for (const side of ["previousSibling", "nextSibling"] as const) {
      let beside = button[side];
      while (beside !== null && beside.nodeType === Node.TEXT_NODE && beside.textContent!.trim() === "") beside = beside[side];
      if (beside === null || (beside.nodeType !== Node.ELEMENT_NODE && beside.nodeType !== Node.TEXT_NODE)) continue;
      if (side === "previousSibling" && beside instanceof HTMLButtonElement) continue; // that pair is seen from the button before
      const other = box(beside);
      if (other === null || other.top >= own.bottom || own.top >= other.bottom) continue; // not on the same line
      const gap = side === "nextSibling" ? other.left - own.right : own.left - other.right;
      if (gap < MIN_GAP) touching.push(`${name(button)} | ${name(beside)}: ${gap.toFixed(1)} px`);
    }
  }
  return touching;
}

/** What each example looks like in use: the content that once overflowed a phone's screen. */
const USES: Record<string, (page: Page) => Promise<void>> = {
  async "/counter"(page) {
    await clickThrough(page, [["#inc", "#count", "1"], ["#inc", "#count", "2"], ["#inc", "#count", "3"]]);
  },
  async "/list"(page) {
    await page.fill('li[data-key="2"] input', "typed text stays with its row");
    await page.click("#add");
    await waitUntil(page, () => document.querySelectorAll("ul#items > li").length === 6, null);
  },
  async "/signup"(page) {
    // Every field's message showing at once: the longest the form gets.
    await page.fill('[name="username"]', "admin");
    await page.click("button[type=submit]");
    await waitUntil(page, () => document.querySelectorAll('[aria-invalid="true"]').length === 4, null);
    await waitUntil(page, () => document.querySelector(".tether-summary") !== null, null);
  },
  async "/todo"(page) {
    await page.fill('[name="title"]', "A todo item with a long title that must wrap on a phone rather than widen the page");
    await page.press('[name="title"]', "Enter");
    await waitUntil(page, () => document.querySelectorAll("#todos li").length === 3, null);
  },
  async "/bmi"(page) {
    await page.fill('[name="height"]', "180");
    await page.press('[name="height"]', "Enter");
    await waitUntil(page, () => document.querySelector('[name="weight"]') !== null, null);
    await page.fill('[name="weight"]', "72");
    await page.press('[name="weight"]', "Enter");
    await waitUntil(page, () => document.querySelector('[name="quiz1"]') !== null, null);
    await page.check('[name="quiz1"][value="Muscle mass"]');
    await page.press('[name="quiz1"][value="Muscle mass"]', "Enter");
    await waitUntil(page, () => document.querySelector("#score") !== null, null);
  },
  async "/dashboard"(page) {
    await waitUntil(page, () => document.querySelectorAll("#log .log-line").length >= 2, null);
    await page.click("#views-tab-1");
    await waitUntil(page, () => document.querySelector("#views-panel-1")?.hasAttribute("hidden") === false, null);
  },
  async "/table"(page) {
    await page.click("#run");
    await waitUntil(page, () => document.querySelectorAll("table.rows tr").length === 1000, null);
    await page.click("table.rows tr:nth-child(2) a.lbl");
    await waitUntil(page, () => document.querySelector("table.rows tr:nth-child(2)")?.className === "danger", null);
  },
  async "/script"(page) {
    await runScript(page, `return "a result on one long line: ${"0123456789".repeat(30)}";`);
    await waitUntil(page, () => document.querySelector("#result")?.textContent?.includes("0123456789") === true, null);
    await expectNoOverflow(page, "with a long result");
    await runScript(page, `throw new TypeError("an error on one long line: ${"x".repeat(300)}");`);
    await waitUntil(page, () => document.querySelector("#error")?.textContent?.startsWith("TypeError") === true, null);
    await page.click("#size");
    await waitUntil(page, () => (document.querySelector("#viewport")?.textContent ?? "").includes("×"), null);
  },
  async "/bridge"(page) {
    await clickThrough(page, [["#ping", "#pings", "1"], ["#notify", "#notice", "1"], ["#add", "#sum", "5"]]);
  },
  async "/chat"(page) {
    await page.fill('input[name="message"]', `a message on one long line: ${"0123456789".repeat(30)}`);
    await page.press('input[name="message"]', "Enter");
    await waitUntil(page, () => document.querySelectorAll(".message").length === 1, null);
    await textIs(page, "#online", "1");
  },
  async "/echo"(page) {
    await textIs(page, "#socket-state", "open");
    await page.click("#send");
    await waitUntil(page, () => (document.querySelector(".reply")?.textContent ?? "").startsWith('{"echo":{"text":"hello"}'), null);
  },
  async "/csp"(page) {
    await clickThrough(page, [["#inc", "#count", "1"], ["#ask", "#title", "Strict CSP · Tether"]]);
    await page.click("#eval");
    await waitUntil(page, () => (document.querySelector("#refusal")?.textContent ?? "") !== "", null);
  },
};

const PAGES: GalleryPage[] = [
  { name: "gallery", path: "/", source: "home.ts" },
  ...examples.map((e) => ({ name: e.path.slice(1), path: e.path, source: e.source, use: USES[e.path] })),
];

/** Clicks each button in turn and waits until its output shows the text. */
async function clickThrough(page: Page, steps: Array<[button: string, output: string, text: string]>): Promise<void> {
  for (const [button, output, text] of steps) {
    await page.click(button);
    await textIs(page, output, text);
  }
}

/** Runs `code` in the script console and waits until it has finished. */
async function runScript(page: Page, code: string): Promise<void> {
  await page.fill("#code", code);
  await page.click("#run");
  await waitUntil(page, () => document.querySelector<HTMLButtonElement>("#run")?.disabled === false && document.querySelector("#result, #error") !== null, null);
}

/** Problems other than the browser's own report of the eval that the CSP refused. */
const unexpected = (problems: string[]) => problems.filter((p) => !/unsafe-eval|Content Security Policy/i.test(p));

beforeAll(() => {
  mkdirSync(SCREENSHOTS, { recursive: true });
});

describe("the gallery", () => {
  for (const { width, height } of VIEWPORTS) {
    for (const { name, path, source, use } of PAGES) {
      test(`${path} at ${width} px: the header, the stylesheet, nothing wider than the window; screenshots`, async () => {
        const live = await suite.open(path, { beforeLoad: (page) => page.setViewportSize({ width, height }) });
        const { page } = live;

        // The header: the gallery, every example in order, the current page marked, its source.
        expect(await page.getAttribute(".site-header a.brand", "href")).toBe("/");
        const nav = await page.$$eval("nav.site-nav a", (links) => links.map((a) => [a.getAttribute("href"), a.textContent]));
        expect(nav).toEqual(examples.map((e) => [e.path, e.title]));
        expect(await page.$$eval('.site-header [aria-current="page"]', (links) => links.map((a) => a.getAttribute("href")))).toEqual([path]);
        const sourceHref = await page.getAttribute(".site-header a.source-link", "href");
        expect(sourceHref).toBe(`/source/${source}`);
        const res = await fetch(suite.server.url + sourceHref);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
        expect(await res.text()).toBe(readFileSync(new URL(source, EXAMPLES_DIR), "utf8"));

        // The stylesheet applies (under the strict CSP too): the header's row is laid out by it.
        expect(await page.$eval(".site-header-inner", (el) => getComputedStyle(el).display)).toBe("flex");

        await expectNoOverflow(page, "as first painted");
        await use?.(page);
        await expectNoOverflow(page, "in use");
        expect(await page.evaluate(touchingButtons), "buttons touching what stands beside them").toEqual([]);

        // 1,000 rows make the table's page some 40,000 px tall: its screenshot is the window.
        const fullPage = name !== "table";
        await page.screenshot({ path: fileURLToPath(new URL(`${name}-${width}.png`, SCREENSHOTS)), fullPage });
        const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        await page.emulateMedia({ colorScheme: "dark" });
        expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(light);
        await expectNoOverflow(page, "in the dark theme");
        await page.screenshot({ path: fileURLToPath(new URL(`${name}-${width}-dark.png`, SCREENSHOTS)), fullPage });

        expect(unexpected(live.problems)).toEqual([]);
      });
    }
  }

  test("serves the stylesheet with its content-type and an ETag, and answers 304 while it is unchanged", async () => {
    const res = await fetch(suite.server.url + "/gallery.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toBe(readFileSync(new URL("gallery.css", EXAMPLES_DIR), "utf8"));
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(suite.server.url + "/gallery.css", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  test("serves only the gallery's own files: any other path under /source/ is a 404", async () => {
    for (const path of ["/source/server.ts", "/source/gallery.css", "/source/../package.json", "/source/%2e%2e/package.json", "/source/", "/package.json"]) {
      const res = await fetch(suite.server.url + path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toBe("Not found");
    }
    const post = await fetch(suite.server.url + "/gallery.css", { method: "POST" });
    expect(post.status).toBe(404);
  });
});
