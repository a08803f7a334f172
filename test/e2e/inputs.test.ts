/**
 * End to end: every input component in one Form, in Chromium. Per input type: typing or
 * choosing reaches the server, feedback appears and clears, focus and typed text stay; then a
 * submit hands the handler typed values (numbers as numbers, groups as arrays, a switch as a
 * boolean) with the submit button disabled until the handler settles.
 */
import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { Component, html, serve } from "../../src/index.js";
import {
  CheckboxGroup, DateInput, EmailInput, field, Form, MultiSelect, NumberInput, RadioGroup, Select, Slider, Switch, Textarea, TextInput, TimeInput, UrlInput,
} from "../../components/index.js";
import { useBrowserSuite } from "../support/browser-suite.js";
import { afterAnswer, waitUntil } from "../support/live-page.js";

const fields = [
  field(TextInput, { name: "title", label: "Title", required: true, minLength: 3 }),
  field(NumberInput, { name: "age", label: "Age", min: 0, max: 130 }),
  field(EmailInput, { name: "email", label: "Email" }),
  field(UrlInput, { name: "site", label: "Site" }),
  field(DateInput, { name: "day", label: "Day" }),
  field(TimeInput, { name: "at", label: "At" }),
  field(Textarea, { name: "notes", label: "Notes", maxLength: 40, validate: (t) => (t.includes("\n") ? undefined : "Write two lines.") }),
  field(Select, { name: "colour", label: "Colour", options: ["red", "green", "blue"], value: "green" }),
  field(MultiSelect, { name: "sizes", label: "Sizes", options: ["S", "M", "L"] }),
  field(CheckboxGroup, { name: "drinks", label: "Drinks", options: ["tea", "coffee", "water"], validate: (d) => (d.length > 2 ? "Two at most." : undefined) }),
  field(RadioGroup, { name: "plan", label: "Plan", options: ["free", "pro"], required: true }),
  field(Switch, { name: "news", label: "News" }),
  field(Slider, { name: "volume", label: "Volume", min: 0, max: 1, step: 0.1, float: true, value: 0.5 }),
];

/** The submits the handler got, and the promise it waits on (the test releases it). */
const submits: unknown[] = [];
let release: () => void = () => {};

class AllInputs extends Component {
  save = (values: unknown) => {
    submits.push(values);
    return new Promise<void>((resolve) => (release = resolve));
  };

  render() {
    return html`<main><${Form} fields=${fields} onSubmit=${this.save} /></main>`;
  }
}

const suite = useBrowserSuite(() => serve({ port: 0, host: "127.0.0.1", dev: true, routes: { "/inputs": AllInputs } }));

const invalidIs = (page: Page, name: string, invalid: boolean) =>
  waitUntil(page, ([name, invalid]) => (document.querySelector(`[name="${name}"]`)?.getAttribute("aria-invalid") === "true") === invalid, [name, invalid] as const);

const messageOf = (page: Page, name: string) =>
  page.evaluate((name) => document.getElementById(document.querySelector(`[name="${name}"]`)!.getAttribute("aria-describedby") ?? "")?.textContent ?? "", name);

const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("name"));

describe("every input in a Form", () => {
  test("text, number, email, url, textarea: messages appear while typing and clear; text and focus stay", async () => {
    const { page, problems } = await suite.open("/inputs");
    const cases: Array<[name: string, wrong: string, message: RegExp, right: string]> = [
      ["title", "ab", /at least 3/, "abc"],
      ["age", "1.5", /whole number/, "12"],
      ["email", "ann@", /email address/, "ann@example.com"],
      ["site", "example.com", /web address/, "https://example.com"],
      ["notes", "one line", /two lines/, "line one\nline two"],
    ];
    for (const [name, wrong, message, right] of cases) {
      await page.click(`[name="${name}"]`);
      await page.keyboard.type(wrong, { delay: 10 });
      await invalidIs(page, name, true);
      expect(await messageOf(page, name)).toMatch(message);
      expect(await page.inputValue(`[name="${name}"]`)).toBe(wrong);
      expect(await focusedName(page)).toBe(name);
      await page.fill(`[name="${name}"]`, right);
      await invalidIs(page, name, false);
      expect(await page.inputValue(`[name="${name}"]`)).toBe(right);
      expect(await focusedName(page)).toBe(name);
    }
    expect(problems).toEqual([]);
  });

  test("leaving an empty required field shows its message; the fields not visited show none", async () => {
    const { page, problems } = await suite.open("/inputs");
    await page.focus('[name="title"]');
    await page.keyboard.press("Tab");
    await invalidIs(page, "title", true);
    expect(await messageOf(page, "title")).toBe("This field is required.");
    expect(await focusedName(page)).toBe("age");
    expect(await page.getAttribute('[name="plan"]', "aria-invalid")).toBeNull();
    expect(problems).toEqual([]);
  });

  test("date, time, select, select multiple, checkbox group, radio group, switch and slider: choices reach the server", async () => {
    const { page, problems } = await suite.open("/inputs");
    // The initial value of a select is its chosen option, also after the page joined.
    expect(await page.inputValue('[name="colour"]')).toBe("green");
    await afterAnswer(page, () => page.fill('[name="day"]', "2026-12-07"));
    await afterAnswer(page, () => page.fill('[name="at"]', "14:30"));
    await afterAnswer(page, () => page.selectOption('[name="colour"]', "blue"));
    await afterAnswer(page, () => page.selectOption('[name="sizes"]', ["S", "L"]));
    for (const drink of ["tea", "coffee", "water"]) await afterAnswer(page, () => page.check(`[name="drinks"][value="${drink}"]`));
    await invalidIs(page, "drinks", true);
    expect(await messageOf(page, "drinks")).toBe("Two at most.");
    await afterAnswer(page, () => page.uncheck('[name="drinks"][value="water"]'));
    await invalidIs(page, "drinks", false);
    await afterAnswer(page, () => page.check('[name="plan"][value="pro"]'));
    await afterAnswer(page, () => page.check('[name="news"]'));
    await afterAnswer(page, () => page.fill('[name="volume"]', "0.8"));
    await waitUntil(page, () => document.querySelector(".tether-slider-value")?.textContent === "0.8", null);
    // Nothing the user chose was undone by a render.
    expect(await page.inputValue('[name="colour"]')).toBe("blue");
    expect(await page.$$eval('[name="sizes"] option', (options) => options.map((o) => (o as HTMLOptionElement).selected))).toEqual([true, false, true]);
    expect(await page.isChecked('[name="plan"][value="pro"]')).toBe(true);
    expect(await page.isChecked('[name="news"]')).toBe(true);
    expect(problems).toEqual([]);
  });

  test("a submit hands typed values, with the submit button disabled until the handler settles", async () => {
    const { page, problems } = await suite.open("/inputs");
    submits.length = 0;
    await page.fill('[name="title"]', "Hello");
    await page.fill('[name="age"]', "41");
    await page.check('[name="drinks"][value="tea"]');
    await page.check('[name="plan"][value="free"]');
    await page.click("button[type=submit]");
    await waitUntil(page, () => (document.querySelector("button[type=submit]") as HTMLButtonElement).disabled, null);
    expect(submits).toEqual([
      { title: "Hello", age: 41, email: "", site: "", day: "", at: "", notes: "", colour: "green", sizes: [], drinks: ["tea"], plan: "free", news: false, volume: 0.5 },
    ]);
    expect(await page.getAttribute("form", "aria-busy")).toBe("true");
    release();
    await waitUntil(page, () => !(document.querySelector("button[type=submit]") as HTMLButtonElement).disabled, null);
    expect(problems).toEqual([]);
  });

  test("a refused submit shows the summary and marks the required fields", async () => {
    const { page, problems } = await suite.open("/inputs");
    submits.length = 0;
    await page.click("button[type=submit]");
    await invalidIs(page, "title", true);
    await invalidIs(page, "plan", true);
    expect(await page.textContent(".tether-summary")).toContain("Plan: This field is required.");
    expect(submits).toEqual([]);
    expect(problems).toEqual([]);
  });
});
