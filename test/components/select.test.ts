import { expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { MultiSelect, Select } from "../../components/index.js";
import { describeInput } from "./input.case.js";
import { liveEvent } from "./event.js";

const options = ["red", { value: "g", label: "Green" }, { value: "b", label: "Blue", disabled: true }];

describeInput("Select", Select, { name: "colour", value: "red", options });
describeInput("MultiSelect", MultiSelect, { name: "colours", value: ["red"], options });

test("Select: its options, the chosen one, a placeholder choice", async () => {
  const view = await render(Select, { props: { name: "colour", value: "g", options, placeholder: "Pick one" } });
  expect(view.getAll("option").map((o) => o.text)).toEqual(["Pick one", "red", "Green", "Blue"]);
  // The first paint marks the chosen option (the DOM property is checked in Chromium: test/e2e/inputs.test.ts).
  expect(view.get('option[value="g"]').attr("selected")).not.toBeNull();
  expect(view.get('option[value="b"]').attr("disabled")).not.toBeNull();
  expect(Select.empty({ name: "c", options, placeholder: "Pick" })).toBe("");
  expect(Select.empty({ name: "c", options })).toBe("red");
});

test("MultiSelect: the chosen options are selected; its value is an array", async () => {
  const view = await render(MultiSelect, { props: { name: "colours", value: ["red", "g"], options } });
  expect(view.get("select").attr("multiple")).not.toBeNull();
  expect(view.getAll("option").map((o) => o.checked)).toEqual([true, true, false]);
  expect(MultiSelect.read(liveEvent({ values: ["g"] }), [])).toEqual(["g"]);
  expect(MultiSelect.fromForm("g")).toEqual(["g"]);
  expect(MultiSelect.fromForm(undefined)).toEqual([]);
  const tree = new LiveTree();
  tree.render(h(MultiSelect, { name: "colours", value: ["red"], options }));
  expect(tree.render(h(MultiSelect, { name: "colours", value: ["g"], options })).map((op) => [op[0], op[2], op[3]])).toEqual([
    [6, "selected", false],
    [6, "selected", true],
  ].reverse());
});
