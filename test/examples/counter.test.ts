/**
 * The counter example without a browser (its Chromium test is test/e2e/counter.test.ts): each
 * click is one event and one SetText patch.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render } from "tether-live/test";
import { Op } from "../../src/protocol/wire.js";
import { Counter } from "../../examples/counter.js";

afterEach(cleanup);

test("+ and − change the count by one, one SetText each", async () => {
  const view = await render(Counter, { path: "/counter" });
  expect(view.getByRole("heading").text).toBe("Counter");
  expect(view.get("#count").text).toBe("0");
  for (let i = 1; i <= 3; i++) {
    await view.click("#inc");
    expect(view.get("#count").text).toBe(String(i));
    expect(view.lastPatch()).toEqual([[Op.SetText, expect.any(Number), String(i)]]);
  }
  await view.click("#dec");
  expect(view.get("#count").text).toBe("2");
});

test("the count is not a button: clicking it fails the test", async () => {
  const view = await render(Counter);
  await expect(view.click("#count")).rejects.toThrow("#count has no click handler");
});
