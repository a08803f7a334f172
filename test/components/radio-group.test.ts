import { expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { RadioGroup } from "../../components/index.js";
import { describeInput } from "./input.case.js";
import { liveEvent } from "./event.js";

const options = ["S", "M", "L"];

describeInput("RadioGroup", RadioGroup, { name: "size", value: "", options }, { group: true });

test("one radio per choice; the chosen one checked; choosing another is two SetProps", async () => {
  const view = await render(RadioGroup, { props: { name: "size", value: "M", options } });
  expect(view.getAll('input[type="radio"]').map((c) => c.checked)).toEqual([false, true, false]);
  expect(RadioGroup.read(liveEvent({ value: "L", checked: true }), "M")).toBe("L");
  const tree = new LiveTree();
  tree.render(h(RadioGroup, { name: "size", value: "M", options }));
  expect(tree.render(h(RadioGroup, { name: "size", value: "L", options })).map((op) => [op[0], op[2], op[3]])).toEqual([
    [6, "checked", true],
    [6, "checked", false],
  ]);
});
