/**
 * End to end: /signup in Chromium. The contract other tests rely on: inputs named username,
 * email, password and confirm; "admin" is taken (checked asynchronously); an invalid field has
 * aria-invalid="true" and its message is the text of the element its aria-describedby names;
 * a valid submit shows #signed-up. Plus: messages appear as the user types and clear once
 * fixed, focus and typed text stay, and the submit button is disabled while the submit is pending.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { useExamples } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";

const examples = useExamples();

/** A field's state as the page shows it: aria-invalid, and the text of what aria-describedby names. */
function feedback(page: Page, name: string) {
  return page.evaluate((name) => {
    const input = document.querySelector(`[name="${name}"]`)!;
    const described = input.getAttribute("aria-describedby");
    return { invalid: input.getAttribute("aria-invalid") === "true", message: described === null ? "" : (document.getElementById(described)?.textContent ?? "") };
  }, name);
}

const invalidIs = (page: Page, name: string, invalid: boolean) =>
  waitUntil(page, ([name, invalid]) => (document.querySelector(`[name="${name}"]`)?.getAttribute("aria-invalid") === "true") === invalid, [name, invalid] as const);

describe("/signup", () => {
  test("'admin' is taken, checked as the user types; another name clears the message; focus and text stay", async () => {
    const { page, problems } = await examples.open("/signup");
    await page.click('[name="username"]');
    await page.keyboard.type("admin", { delay: 30 });
    await invalidIs(page, "username", true);
    expect((await feedback(page, "username")).message).toMatch(/taken/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("username");
    await page.keyboard.type("istrator", { delay: 30 });
    await invalidIs(page, "username", false);
    expect(await page.inputValue('[name="username"]')).toBe("administrator");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("username");
    expect(problems).toEqual([]);
  });

  test("password rules and matching fields: messages appear and clear", async () => {
    const { page, problems } = await examples.open("/signup");
    await page.fill('[name="password"]', "short");
    await invalidIs(page, "password", true);
    expect((await feedback(page, "password")).message).toMatch(/at least 8/);
    await page.fill('[name="password"]', "longenough");
    await waitUntil(page, () => document.getElementById(document.querySelector('[name="password"]')!.getAttribute("aria-describedby") ?? "")?.textContent === "Add a digit.", null);
    await page.fill('[name="password"]', "longenough1");
    await invalidIs(page, "password", false);
    await page.fill('[name="confirm"]', "longenough2");
    await invalidIs(page, "confirm", true);
    expect((await feedback(page, "confirm")).message).toBe("The passwords differ.");
    await page.fill('[name="confirm"]', "longenough1");
    await invalidIs(page, "confirm", false);
    expect(problems).toEqual([]);
  });

  test("an empty submit marks every field and shows the summary; a valid one shows #signed-up, the button disabled meanwhile", async () => {
    const { page, problems } = await examples.open("/signup");
    await page.click("button[type=submit]");
    for (const name of ["username", "email", "password", "confirm"]) await invalidIs(page, name, true);
    expect((await feedback(page, "email")).message).toBe("This field is required.");
    expect(await page.textContent(".tether-summary")).toContain("Email");

    const name = `ann${Date.now() % 100000}`;
    await page.fill('[name="username"]', name);
    await page.fill('[name="email"]', "ann@example.com");
    await page.fill('[name="password"]', "secret123");
    await page.fill('[name="confirm"]', "secret123");
    await page.click("button[type=submit]");
    // The submit checks the name again (150 ms): the button is disabled until the handler settles.
    await waitUntil(page, () => (document.querySelector("button[type=submit]") as HTMLButtonElement | null)?.disabled === true, null);
    await page.waitForSelector("#signed-up");
    expect(await page.textContent("#signed-up")).toContain(name);
    expect(problems).toEqual([]);
  });
});
