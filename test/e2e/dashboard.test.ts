/**
 * End to end: /dashboard in Chromium. A table with row and column spans, tabs that keep their
 * panels, progress from the server, and a log that grows from the server and follows its end.
 */
import { describe, expect, test } from "vitest";
import { useExamples } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";

const examples = useExamples();

describe("/dashboard", () => {
  test("the services table: region cells span their services' rows, the header spans columns and rows", async () => {
    const { page, problems } = await examples.open("/dashboard");
    const spans = await page.$$eval("#services tbody th[rowspan]", (ths) => ths.map((th) => [th.textContent, th.getAttribute("rowspan")]));
    expect(spans).toEqual([["Europe", "2"], ["America", "3"]]);
    expect(await page.getAttribute("#services thead th:first-child", "colspan")).toBe("2");
    expect(await page.textContent("#services tbody tr:last-child td")).toBe("25");
    expect(problems).toEqual([]);
  });

  test("the log grows from the server, in order, and stays scrolled to its end; the tabs switch panels", async () => {
    const { page, problems } = await examples.open("/dashboard");
    await page.click("#views-tab-2");
    await waitUntil(page, () => document.querySelector("#views-panel-2")?.hasAttribute("hidden") === false, null);
    expect(await page.getAttribute("#views-tab-2", "aria-selected")).toBe("true");
    expect(await page.getAttribute("#views-panel-0", "hidden")).not.toBeNull();
    // Enough lines to overflow the box (a line a second).
    await waitUntil(page, () => {
      const log = document.querySelector("#log")!;
      return log.scrollHeight > log.clientHeight + 20;
    }, null, 40_000);
    const count = await page.locator("#log .log-line").count();
    await waitUntil(page, (n) => document.querySelectorAll("#log .log-line").length > n, count);
    const numbers = await page.$$eval("#log .log-line", (lines) => lines.map((l) => Number(/#(\d+)\)$/.exec(l.textContent ?? "")![1])));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    // column-reverse: a scrollTop of 0 is the end; the newest line is in view.
    const view = await page.evaluate(() => {
      const log = document.querySelector("#log")!;
      const last = log.querySelector(".log-line:last-child")!.getBoundingClientRect();
      const box = log.getBoundingClientRect();
      return { top: log.scrollTop, lastInView: last.bottom <= box.bottom + 1 && last.top >= box.top - 1 };
    });
    expect(view).toEqual({ top: 0, lastInView: true });
    expect(problems).toEqual([]);
  });

  test("the rollout's progress comes from the server; done, it shows a toast", async () => {
    const { page, problems } = await examples.open("/dashboard");
    await waitUntil(page, () => (document.querySelector("#rollout") as HTMLProgressElement | null)?.value === 1, null, 30_000);
    await waitUntil(page, () => document.querySelector(".tether-toast-success")?.textContent?.includes("Rollout of 2.4.1 done") === true, null);
    expect(await page.isDisabled("#restart")).toBe(false);
    expect(problems).toEqual([]);
  });
});
