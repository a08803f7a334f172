import { expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { DateInput, DateTimeInput, TimeInput } from "../../components/index.js";
import { describeInput } from "./input.case.js";

describeInput("DateInput", DateInput, { name: "day", value: "" });
describeInput("TimeInput", TimeInput, { name: "at", value: "" });

test("the browser's own pickers, with the browser's strings as values", async () => {
  const view = await render(DateInput, { props: { name: "day", value: "2026-12-07" } });
  expect(view.get("input").attr("type")).toBe("date");
  expect(view.get("input").value).toBe("2026-12-07");
  expect((await render(TimeInput, { props: { name: "at" } })).get("input").attr("type")).toBe("time");
  expect((await render(DateTimeInput, { props: { name: "when" } })).get("input").attr("type")).toBe("datetime-local");
  expect(DateTimeInput.parse("2026-12-07T14:30", { name: "when" })).toBe("2026-12-07T14:30");
});

test("a new date from the server is one SetProp", () => {
  const tree = new LiveTree();
  tree.render(h(DateInput, { name: "day", value: "2026-12-07" }));
  expect(tree.render(h(DateInput, { name: "day", value: "2026-12-08" })).map((op) => [op[0], op[2], op[3]])).toEqual([[6, "value", "2026-12-08"]]);
});
