/**
 * End to end: /bmi in Chromium, the imperative script. The contract: it asks for the height in
 * cm (an input named height), then the weight in kg (an input named weight), each submitted
 * with Enter or its button, then shows the BMI with one decimal in #bmi. Then its quiz: answers
 * in order, the score in its scope, toasts stacked and removed oldest first, a popup that keeps
 * focus in itself, and the answers' download.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { useExamples } from "../support/browser-suite.js";
import { waitUntil } from "../support/live-page.js";

const examples = useExamples();

const present = (page: Page, selector: string) => waitUntil(page, (s) => document.querySelector(s) !== null, selector);
const toastsAre = (page: Page, messages: string[]) =>
  waitUntil(page, (m) => JSON.stringify([...document.querySelectorAll(".tether-toast-message")].map((t) => t.textContent)) === JSON.stringify(m), messages, 20_000);

/** Answers the BMI's two questions: the height with Enter, the weight with its button. */
async function answerBmi(page: Page, height: string, weight: string): Promise<void> {
  await page.fill('[name="height"]', height);
  await page.press('[name="height"]', "Enter");
  await present(page, '[name="weight"]');
  expect(await page.locator('[name="height"]').count()).toBe(0);
  await page.fill('[name="weight"]', weight);
  await page.getByRole("button", { name: "Compute" }).click();
  await present(page, "#bmi");
}

/** Chooses `choice` for quiz question `n` and submits it. */
async function answerQuiz(page: Page, n: number, choice: string): Promise<void> {
  await present(page, `[name="quiz${n}"]`);
  await page.check(`[name="quiz${n}"][value="${choice}"]`);
  await page.getByRole("button", { name: "Answer" }).click();
  await waitUntil(page, (n) => document.querySelector(`[name="quiz${n}"]`) === null, n);
}

describe("/bmi", () => {
  test("asks the height (Enter), then the weight (its button), then shows the BMI with one decimal", async () => {
    const { page, problems } = await examples.open("/bmi");
    expect(await page.locator('[name="weight"]').count()).toBe(0);
    await answerBmi(page, "180", "72");
    expect(await page.textContent("#bmi")).toBe("22.2");
    expect(await page.textContent("#bmi-category")).toBe("Normal");
    expect(problems).toEqual([]);
  });

  test("a wrong height is refused on its field and asked again", async () => {
    const { page, problems } = await examples.open("/bmi");
    await page.fill('[name="height"]', "5");
    await page.press('[name="height"]', "Enter");
    await waitUntil(page, () => document.querySelector('[name="height"]')?.getAttribute("aria-invalid") === "true", null);
    expect(await page.locator('[name="weight"]').count()).toBe(0);
    await answerBmi(page, "160", "50");
    expect(await page.textContent("#bmi")).toBe("19.5");
    expect(problems).toEqual([]);
  });

  test("the quiz: answers in order, the score replaced in its scope, toasts stacked and removed oldest first", async () => {
    const { page, problems } = await examples.open("/bmi");
    await answerBmi(page, "170", "65");
    await answerQuiz(page, 1, "Muscle mass");
    await answerQuiz(page, 2, "Overweight");
    await toastsAre(page, ["Question 1: right!", "Question 2: not quite."]);
    expect(await page.textContent("#score")).toBe("1 / 2");
    expect(await page.locator("#tether-scope-score p").count()).toBe(1);
    // Each toast goes when its time is up: the older first, then the other.
    await toastsAre(page, ["Question 2: not quite."]);
    await toastsAre(page, []);
    await answerQuiz(page, 3, "the height squared");
    expect(await page.locator("#tether-scope-answers p").allTextContents()).toEqual(["1. Muscle mass: right", "2. Overweight: no, Normal", "3. the height squared: right"]);
    expect(problems).toEqual([]);
  });

  test("the popup at the end keeps focus in itself (the page behind is inert) and closes with Escape; the download has the answers' bytes", async () => {
    const { page, problems } = await examples.open("/bmi");
    await answerBmi(page, "170", "65");
    await answerQuiz(page, 1, "Height");
    await answerQuiz(page, 2, "Normal");
    await answerQuiz(page, 3, "the height squared");
    await present(page, "dialog#tether-popup");
    expect(await page.textContent("#final-score")).toBe("2 of 3");
    // Tab and Shift+Tab go round the dialog's controls and never reach the page behind it (inert).
    // What is outside the app's live mount (the gallery's own header, in its layout) is not the app's to make inert.
    const reached: string[] = [];
    for (const key of ["Tab", "Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
      await page.keyboard.press(key);
      reached.push(await page.evaluate(() => {
        const el = document.activeElement;
        if (el === null || el === document.body) return "body";
        if (el.closest(".tether-dialog-page") !== null) return `behind: ${el.outerHTML}`;
        if (el.closest("#tether-popup") !== null) return el.textContent === "×" ? "close" : `dialog: ${el.textContent}`;
        return el.closest("[data-tether-root], main") === null ? "layout" : `other: ${el.outerHTML}`;
      }));
    }
    expect(reached.filter((r) => r.startsWith("behind") || r.startsWith("other"))).toEqual([]);
    expect(reached).toContain("close");
    expect(reached).toContain("dialog: Start again");
    await page.keyboard.press("Escape");
    await waitUntil(page, () => document.querySelector("dialog") === null, null);
    expect(await page.getAttribute(".tether-dialog-page", "inert")).toBeNull();

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("a.tether-download")]);
    expect(download.suggestedFilename()).toBe("quiz.csv");
    const bytes = await readFile((await download.path())!, "utf8");
    expect(bytes).toBe(
      'question,answer,right\n"Which element does BMI not take into account?","Height",false\n"What is a BMI of 21 called?","Normal",true\n"A BMI is a weight divided by…","the height squared",true\n',
    );
    expect(problems).toEqual([]);
  });
});
