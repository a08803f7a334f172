import { expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { Switch } from "../../components/index.js";
import { describeInput } from "./input.case.js";
import { liveEvent } from "./event.js";

describeInput("Switch", Switch, { name: "alerts", value: false });

test("a checkbox with role=switch; its value is a boolean", async () => {
  const view = await render(Switch, { props: { name: "alerts", label: "Alerts", value: true } });
  const control = view.getByRole("switch");
  expect(control.checked).toBe(true);
  expect(Switch.read(liveEvent({ checked: false, value: "on" }), true)).toBe(false);
  expect(Switch.fromForm("on")).toBe(true);
  expect(Switch.fromForm(undefined)).toBe(false);
  expect(Switch.isEmpty(false)).toBe(true);
});

test("switching it from the server is one SetProp", () => {
  const tree = new LiveTree();
  tree.render(h(Switch, { name: "alerts", value: false }));
  expect(tree.render(h(Switch, { name: "alerts", value: true })).map((op) => [op[0], op[2], op[3]])).toEqual([[6, "checked", true]]);
});
