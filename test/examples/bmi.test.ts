/**
 * The /bmi script without a browser (its Chromium test is test/e2e/bmi.test.ts): the height,
 * then the weight, then the BMI in #bmi; the quiz's score replaced in its scope.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, render } from "tether-live/test";
import { Bmi } from "../../examples/bmi.js";

afterEach(cleanup);

test("asks the height, then the weight, and shows the BMI with one decimal and its category", async () => {
  const view = await render(Bmi, { path: "/bmi" });
  expect(view.query('[name="weight"]')).toBeNull();
  await view.submit('[name="height"]', { height: "175" });
  expect(view.query('[name="height"]')).toBeNull();
  await view.submit('[name="weight"]', { weight: "80" });
  expect(view.get("#bmi").text).toBe("26.1");
  expect(view.get("#bmi-category").text).toBe("Overweight");
});

test("the quiz: each answer replaces the score and adds a line; the end shows a popup and a download", async () => {
  const view = await render(Bmi, { path: "/bmi" });
  await view.submit('[name="height"]', { height: "175" });
  await view.submit('[name="weight"]', { weight: "60" });
  await view.submit('[name="quiz1"]', { quiz1: "Muscle mass" });
  expect(view.get("#score").text).toBe("1 / 1");
  await view.submit('[name="quiz2"]', { quiz2: "Underweight" });
  expect(view.get("#score").text).toBe("1 / 2");
  expect(view.getAll("#tether-scope-score p")).toHaveLength(1);
  await view.submit('[name="quiz3"]', { quiz3: "the height squared" });
  expect(view.getAll("#tether-scope-answers p").map((p) => p.text)).toEqual(["1. Muscle mass: right", "2. Underweight: no, Normal", "3. the height squared: right"]);
  expect(view.get("#final-score").text).toBe("2 of 3");
  expect(view.get("a.tether-download").attr("download")).toBe("quiz.csv");
});
