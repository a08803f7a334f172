/**
 * End to end: a route written as a script, in Chromium, on a server of its own (a short
 * retention, so a closed tab's session ends within the test). Closing the tab while the script
 * awaits an input aborts it: the awaited input rejects with ScriptAbortedError, the script's
 * `finally` runs, its signal is aborted, and the session is gone from the server.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, test, vi } from "vitest";
import { serve } from "../../src/index.js";
import { script, ScriptAbortedError, TextInput } from "../../components/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";

const running = new Set<number>();
const endings: unknown[] = [];
const signals: AbortSignal[] = [];
let started = 0;

const Ask = script(async (ui) => {
  const n = ++started;
  running.add(n);
  signals.push(ui.signal);
  try {
    const name = await ui.input("Your name", { name: "name", required: true });
    ui.put(`Hello, ${name}`);
    await ui.input("Anything else?", { name: "more" });
  } catch (error) {
    endings.push(error);
    throw error;
  } finally {
    running.delete(n);
  }
});

/** A scope at the top of a long page, whose input at the end sets the title and scrolls back up to the scope. */
const Scroll = script(async (ui) => {
  ui.scope("top");
  ui.putText("the top", { scope: "top" });
  for (let i = 0; i < 80; i++) ui.putText(`line ${i}`);
  await ui.input("Go", { name: "go" });
  await ui.setTitle("Scrolled");
  await ui.scrollTo("top");
});

/** A download the server starts once the user asks: no click on the link. */
const Send = script(async (ui) => {
  await ui.input("Send", { name: "send" });
  await ui.download({ filename: "hello.bin", content: new Uint8Array([104, 105, 0, 255, 10]) });
});

/** A pin the script watches: each change replaces a scope's greeting. */
const Greet = script(async (ui) => {
  ui.putPin(TextInput, { name: "who", label: "Who are you?" });
  ui.scope("hello");
  ui.watchPin("who", (who: string) => ui.replace("hello", `Hello, ${who}`));
});

const suite = useBrowserSuite(() => serve({ port: 0, host: "127.0.0.1", dev: true, quiet: true, retention: 300, routes: { "/ask": Ask, "/scroll": Scroll, "/send": Send, "/greet": Greet } }));

describe("a script route", () => {
  test("each tab runs its own script; closing a tab mid-await aborts its script and ends its session, the other tab's goes on", async () => {
    const first = await suite.open("/ask");
    const second = await suite.open("/ask");
    expect(running.size).toBe(2);
    await first.page.fill('[name="name"]', "Ada");
    await first.page.press('[name="name"]', "Enter");
    await waitUntil(first.page, () => document.querySelector('[name="more"]') !== null, null);
    expect(await second.page.locator('[name="name"]').count()).toBe(1);
    const sessions = suite.server.tether.sessions.size;

    await first.close(); // mid-await of "Anything else?"
    await vi.waitFor(() => expect(running.size).toBe(1), { timeout: 15_000, interval: 50 });
    expect(endings).toHaveLength(1);
    expect(endings[0]).toBeInstanceOf(ScriptAbortedError);
    expect(signals[0].aborted).toBe(true);
    expect(suite.server.tether.sessions.size).toBe(sessions - 1);

    await second.page.fill('[name="name"]', "Alan");
    await second.page.press('[name="name"]', "Enter");
    await waitUntil(second.page, () => document.body.textContent?.includes("Hello, Alan") === true, null);
    expect(second.problems).toEqual([]);
    expect(signals[1].aborted).toBe(false);
  });

  test("ui.setTitle sets the tab's title; ui.scrollTo scrolls the page to a scope", async () => {
    const { page, problems } = await suite.open("/scroll");
    await page.focus('[name="go"]'); // the field is at the end: the page scrolls down to it
    expect(await page.evaluate(() => Math.abs(document.getElementById("tether-scope-top")!.getBoundingClientRect().top) <= 1)).toBe(false);
    await page.keyboard.press("Enter");
    await waitUntil(page, () => document.title === "Scrolled", null);
    await waitUntil(page, () => Math.abs(document.getElementById("tether-scope-top")!.getBoundingClientRect().top) <= 1, null);
    expect(problems).toEqual([]);
  });

  test("ui.download sends the bytes to the browser as a file, without a click", async () => {
    const { page, problems } = await suite.open("/send");
    await page.fill('[name="send"]', "now");
    const [download] = await Promise.all([page.waitForEvent("download"), page.press('[name="send"]', "Enter")]);
    expect(download.suggestedFilename()).toBe("hello.bin");
    expect([...(await readFile((await download.path())!))]).toEqual([104, 105, 0, 255, 10]);
    expect(await page.getAttribute("a.tether-download", "download")).toBe("hello.bin");
    expect(problems).toEqual([]);
  });

  test("a pin: what the user types reaches the script's watcher as they type, never rewound, focus kept", async () => {
    const { page, problems } = await suite.open("/greet");
    await page.click('[name="who"]');
    await page.keyboard.type("Ada Lovelace", { delay: 20 });
    await waitUntil(page, () => document.getElementById("tether-scope-hello")?.textContent === "Hello, Ada Lovelace", null);
    expect(await page.inputValue('[name="who"]')).toBe("Ada Lovelace");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("who");
    expect(problems).toEqual([]);
  });
});
