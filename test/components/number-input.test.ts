import { expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { NumberInput } from "../../components/index.js";
import { describeInput } from "./input.case.js";

describeInput("NumberInput", NumberInput, { name: "age", value: "" });

test("a numeric keyboard, min, max and step; a number given shows as text", async () => {
  const view = await render(NumberInput, { props: { name: "age", value: 42, min: 0, max: 130 } });
  const input = view.get("input");
  expect([input.attr("inputmode"), input.attr("min"), input.attr("max"), input.attr("step"), input.value]).toEqual(["numeric", "0", "130", "1", "42"]);
  expect((await render(NumberInput, { props: { name: "w", float: true } })).get("input").attr("step")).toBe("any");
});

test("parses to a number, or null when empty or not a number; checks range and whole numbers", () => {
  const props = { name: "age", min: 0, max: 130 };
  expect(NumberInput.parse(" 42 ", props)).toBe(42);
  expect(NumberInput.parse("", props)).toBeNull();
  expect(NumberInput.check("1e", props)).toBe("Enter a number.");
  expect(NumberInput.check("-1", props)).toBe("Enter 0 or more.");
  expect(NumberInput.check("131", props)).toBe("Enter 130 or less.");
  expect(NumberInput.check("1.5", props)).toBe("Enter a whole number.");
  expect(NumberInput.check("1.5", { ...props, float: true })).toBeUndefined();
  expect(NumberInput.check("", props)).toBeUndefined();
});

test("what is typed stays as typed: \"1.\" renders as \"1.\", not as 1", () => {
  const tree = new LiveTree();
  tree.render(h(NumberInput, { name: "n", value: "1" }));
  const ops = tree.render(h(NumberInput, { name: "n", value: "1." }));
  expect(ops.map((op) => op[op.length - 1])).toEqual(["1."]);
});
