import { afterEach, describe, expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Op } from "../../src/protocol/wire.js";
import { Progress } from "../../components/index.js";

afterEach(cleanup);

describe("Progress", () => {
  test("a labelled <progress> with its value, clamped to max, and the percentage", async () => {
    const view = await render(Progress, { props: { id: "p", value: 7, max: 5, label: "Copying", showValue: true } });
    const bar = view.getByLabel("Copying");
    expect([bar.tag, bar.attr("value"), bar.attr("max")]).toEqual(["progress", "5", "5"]);
    expect(view.get(".tether-progress-value").text).toBe("100%");
  });

  test("without a value it is indeterminate", async () => {
    const view = await render(Progress, { props: { label: "Waiting" } });
    expect(view.get("progress").attr("value")).toBeNull();
    expect(view.get("progress").attr("aria-label")).toBe("Waiting");
  });

  test("a new value changes the value attribute and the text, nothing else", () => {
    const tree = new LiveTree();
    tree.render(h(Progress, { id: "p", value: 0.2 }));
    const ops = tree.render(h(Progress, { id: "p", value: 0.4 }));
    expect(ops.map((op) => [op[0], op[2], op[3]])).toEqual([[Op.SetText, "40%", undefined], [Op.SetAttr, "value", "0.4"]]);
  });
});
