import { expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { CheckboxGroup } from "../../components/index.js";
import { describeInput } from "./input.case.js";
import { liveEvent } from "./event.js";

const options = ["tea", "coffee", { value: "water", label: "Water" }];

describeInput("CheckboxGroup", CheckboxGroup, { name: "drinks", value: [], options }, { group: true });

test("one checkbox per choice, each with its own label; the checked ones checked", async () => {
  const view = await render(CheckboxGroup, { props: { name: "drinks", value: ["coffee"], options } });
  expect(view.getAll('input[type="checkbox"]').map((c) => c.checked)).toEqual([false, true, false]);
  expect(view.getByLabel("Water").attr("value")).toBe("water");
});

test("a box's change adds or removes its value; a form's field becomes an array", () => {
  expect(CheckboxGroup.read(liveEvent({ value: "tea", checked: true }), ["coffee"])).toEqual(["coffee", "tea"]);
  expect(CheckboxGroup.read(liveEvent({ value: "coffee", checked: false }), ["coffee", "tea"])).toEqual(["tea"]);
  expect(CheckboxGroup.fromForm("tea")).toEqual(["tea"]);
  expect(CheckboxGroup.fromForm(undefined)).toEqual([]);
  expect(CheckboxGroup.isEmpty([])).toBe(true);
});

test("checking one more box from the server is one SetProp", () => {
  const tree = new LiveTree();
  tree.render(h(CheckboxGroup, { name: "drinks", value: ["tea"], options }));
  expect(tree.render(h(CheckboxGroup, { name: "drinks", value: ["tea", "water"], options })).map((op) => [op[0], op[2], op[3]])).toEqual([[6, "checked", true]]);
});
