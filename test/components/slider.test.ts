import { expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { Slider } from "../../components/index.js";
import { describeInput } from "./input.case.js";

describeInput("Slider", Slider, { name: "volume", value: 5 });

test("a range input with min, max, step and its value shown beside it", async () => {
  const view = await render(Slider, { props: { name: "volume", value: 0.5, min: 0, max: 1, step: 0.1, float: true } });
  const input = view.get("input");
  expect([input.attr("type"), input.attr("min"), input.attr("max"), input.attr("step"), input.value]).toEqual(["range", "0", "1", "0.1", "0.5"]);
  expect(view.get("output").text).toBe("0.5");
});

test("its value is a number, the minimum when nothing was chosen", () => {
  expect(Slider.parse("0.3", { name: "v", float: true })).toBe(0.3);
  expect(Slider.empty({ name: "v", min: 10 })).toBe("10");
  expect(Slider.show(undefined, { name: "v" })).toBe("0");
  expect(Slider.check("0.3", { name: "v", step: 0.1, float: true })).toBeUndefined();
});

test("a new value is one SetProp and the text beside it", () => {
  const tree = new LiveTree();
  tree.render(h(Slider, { name: "v", value: 1 }));
  expect(tree.render(h(Slider, { name: "v", value: 2 })).map((op) => op[0]).sort()).toEqual([6, 7]);
});
