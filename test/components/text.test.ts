import { afterEach, describe, expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Op } from "../../src/protocol/wire.js";
import { Text } from "../../components/index.js";

afterEach(cleanup);

describe("Text", () => {
  test("renders its text escaped, as a paragraph or a span", async () => {
    const view = await render(Text, { props: { text: "<b>1 < 2</b>", id: "t" } });
    expect(view.get("p#t").text).toBe("<b>1 < 2</b>");
    expect(view.query("b")).toBeNull();
    const inline = await render(Text, { props: { text: 42, inline: true, pre: true } });
    expect(inline.get("span.tether-text.tether-pre").text).toBe("42");
  });

  test("new text is one SetText; the same text sends nothing", () => {
    const tree = new LiveTree();
    tree.render(h(Text, { text: "a" }));
    expect(tree.render(h(Text, { text: "a" }))).toEqual([]);
    const ops = tree.render(h(Text, { text: "b" }));
    expect(ops.map((op) => [op[0], op[2]])).toEqual([[Op.SetText, "b"]]);
  });
});
