/**
 * End to end: /todo in Chromium. The contract: an input named title; Enter adds the item and
 * the field is empty again (its rendered value was "" before and after: controlled inputs);
 * items are li elements with a checkbox; #open-count shows the number of open items. Plus
 * done, delete and the filter.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { useExamples } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";

const examples = useExamples();

const openCount = (page: Page) => page.textContent("#open-count");
const itemsAre = (page: Page, n: number) => waitUntil(page, (n) => document.querySelectorAll("#todos li").length === n, n);
const countIs = (page: Page, text: string) => waitUntil(page, (t) => document.querySelector("#open-count")?.textContent === t, text);

describe("/todo", () => {
  test("Enter adds the item and empties the field, twice in a row; focus stays in the field", async () => {
    const { page, problems } = await examples.open("/todo");
    const before = await page.locator("#todos li").count();
    const open = Number(await openCount(page));
    await page.fill('[name="title"]', "Buy milk");
    await page.press('[name="title"]', "Enter");
    await itemsAre(page, before + 1);
    await waitUntil(page, () => (document.querySelector('[name="title"]') as HTMLInputElement).value === "", null);
    expect(await page.textContent("#todos li:last-child")).toContain("Buy milk");
    await countIs(page, String(open + 1));
    await page.keyboard.type("Bake bread");
    await page.keyboard.press("Enter");
    await itemsAre(page, before + 2);
    await waitUntil(page, () => (document.querySelector('[name="title"]') as HTMLInputElement).value === "", null);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("title");
    expect(problems).toEqual([]);
  });

  test("items are li elements with a checkbox: done and delete change #open-count; the filter shows open or done", async () => {
    const { page, problems } = await examples.open("/todo");
    await page.fill('[name="title"]', "Walk the dog");
    await page.press('[name="title"]', "Enter");
    await waitUntil(page, () => [...document.querySelectorAll("#todos li")].some((li) => li.textContent?.includes("Walk the dog")), null);
    const open = Number(await openCount(page));
    const item = page.locator("#todos li", { hasText: "Walk the dog" });
    await item.locator("input[type=checkbox]").check();
    await countIs(page, String(open - 1));
    await page.check('[name="filter"][value="open"]');
    await waitUntil(page, () => ![...document.querySelectorAll("#todos li")].some((li) => li.textContent?.includes("Walk the dog")), null);
    await page.check('[name="filter"][value="done"]');
    await waitUntil(page, () => [...document.querySelectorAll("#todos li")].some((li) => li.textContent?.includes("Walk the dog")), null);
    await page.check('[name="filter"][value="all"]');
    await item.locator("input[type=checkbox]").uncheck();
    await countIs(page, String(open));
    await item.getByRole("button").click();
    await countIs(page, String(open - 1));
    expect(await page.locator("#todos li", { hasText: "Walk the dog" }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  test("an empty title is refused with a message on the field", async () => {
    const { page, problems } = await examples.open("/todo");
    const before = await page.locator("#todos li").count();
    await page.press('[name="title"]', "Enter");
    await waitUntil(page, () => document.querySelector('[name="title"]')?.getAttribute("aria-invalid") === "true", null);
    expect(await page.locator("#todos li").count()).toBe(before);
    expect(problems).toEqual([]);
  });
});
