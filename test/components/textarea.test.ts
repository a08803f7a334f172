import { expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { render } from "../../src/testing/index.js";
import { Textarea } from "../../components/index.js";
import { describeInput } from "./input.case.js";

describeInput("Textarea", Textarea, { name: "notes", value: "" });

test("a textarea with its rows and value; a new value is one SetProp", async () => {
  const view = await render(Textarea, { props: { name: "notes", value: "line 1\nline 2", rows: 6 } });
  expect(view.get("textarea").attr("rows")).toBe("6");
  expect(view.get("textarea").value).toBe("line 1\nline 2");
  const tree = new LiveTree();
  tree.render(h(Textarea, { name: "notes", value: "" }));
  expect(tree.render(h(Textarea, { name: "notes", value: "x" })).map((op) => op[0])).toEqual([6]);
  expect(Textarea.check("abcd", { name: "notes", maxLength: 3 })).toBe("Use at most 3 characters.");
});
