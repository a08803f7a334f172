/**
 * End to end: the counter example in headless Chromium. State lives on the server; each
 * click is one event and one small patch that changes the text of #count in place.
 */
import { describe, expect, test } from "vitest";
import { useExamples } from "../support/browser-suite.js";
import { waitUntil, type LivePage } from "../support/live-page.js";

const examples = useExamples();
let live: LivePage;

const countText = (page: LivePage["page"]) => page.textContent("#count");
const countIs = (text: string) => waitUntil(live.page, (t) => document.querySelector("#count")?.textContent === t, text);

describe("counter", () => {
  test("#count starts at 0 and follows clicks on #inc and #dec", async () => {
    live = await examples.open("/counter");
    const { page } = live;
    expect(await countText(page)).toBe("0");

    await page.click("#inc");
    await countIs("1");
    await page.click("#inc");
    await countIs("2");
    await page.click("#dec");
    await countIs("1");
    await page.click("#dec");
    await page.click("#dec");
    await countIs("-1");
    expect(live.problems).toEqual([]);
  });

  test("a burst of 20 rapid clicks ends at exactly 20", async () => {
    live = await examples.open("/counter");
    const { page } = live;
    // All 20 clicks in one task, before any answer can arrive: every event must count once.
    await page.evaluate(() => {
      const inc = document.querySelector<HTMLButtonElement>("#inc")!;
      for (let i = 0; i < 20; i++) inc.click();
    });
    await countIs("20");
    // Nothing late arrives to push it past 20.
    await page.waitForTimeout(300);
    expect(await countText(page)).toBe("20");
    expect(live.problems).toEqual([]);
  });

  test("#count and its text node are the same DOM objects before and after updates", async () => {
    live = await examples.open("/counter");
    const { page } = live;
    const output = await page.evaluateHandle(() => document.querySelector("#count")!);
    const text = await page.evaluateHandle(() => document.querySelector("#count")!.firstChild!);

    for (let i = 1; i <= 3; i++) {
      await page.click("#inc");
      await countIs(String(i));
    }
    await page.click("#dec");
    await countIs("2");

    expect(await page.evaluate((el) => el === document.querySelector("#count"), output)).toBe(true);
    expect(await page.evaluate((t) => t === document.querySelector("#count")!.firstChild && t.nodeValue, text)).toBe("2");
    expect(live.problems).toEqual([]);
  });

  test("the server-rendered #count is kept, not replaced, when the runtime mounts", async () => {
    const context = await examples.browser.newContext();
    const page = await context.newPage();
    try {
      // Hold the server's messages (the Mount first) so the first paint can be seen before the mount.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.routeWebSocket(/\/_tether\/ws/, (ws) => {
        const upstream = ws.connectToServer();
        upstream.onMessage(async (message) => {
          await held;
          ws.send(message);
        });
      });
      await page.goto(examples.server.url + "/counter");
      const firstPaint = await page.evaluateHandle(() => document.querySelector("#count")!);
      expect(await page.evaluate(() => document.documentElement.classList.contains("tether-connected"))).toBe(false);

      release();
      await page.waitForSelector("html.tether-connected", { state: "attached" });
      expect(await page.evaluate((el) => el === document.querySelector("#count"), firstPaint)).toBe(true);

      // And it is the node the patches address.
      await page.click("#inc");
      await page.waitForFunction((el) => el.textContent === "1", firstPaint);
    } finally {
      await context.close();
    }
  });
});
