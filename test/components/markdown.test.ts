import { afterEach, describe, expect, test } from "vitest";
import { h, LiveTree } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Markdown, markdownToVNode } from "../../components/index.js";

afterEach(cleanup);

describe("Markdown", () => {
  test("renders Markdown: headings, emphasis, lists, tables, code", async () => {
    const source = "# Title\n\nSome *text*.\n\n- one\n- two\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\nlet x = 1;\n```\n";
    const view = await render(Markdown, { props: { source, id: "md" } });
    expect(view.get("#md h1").text).toBe("Title");
    expect(view.get("#md em").text).toBe("text");
    expect(view.getAll("#md li").map((li) => li.text)).toEqual(["one", "two"]);
    expect(view.getAll("#md td").map((td) => td.text)).toEqual(["1", "2"]);
    expect(view.get("#md pre code").text).toBe("let x = 1;\n");
  });

  test("is sanitized: raw HTML's scripts, event attributes and javascript: links are removed", async () => {
    const source = "Hi <script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3)) <b>bold</b>";
    const view = await render(Markdown, { props: { source, id: "md" } });
    expect(view.query("#md script")).toBeNull();
    expect(view.get("#md img").attr("onerror")).toBeNull();
    expect(view.html()).not.toContain("javascript:");
    expect(view.get("#md b").text).toBe("bold");
  });

  test("the same source is parsed once: the same vnode, and a re-render sends nothing", () => {
    expect(markdownToVNode("**same**")).toBe(markdownToVNode("**same**"));
    const tree = new LiveTree();
    tree.render(h(Markdown, { source: "**a**" }));
    expect(tree.render(h(Markdown, { source: "**a**" }))).toEqual([]);
    expect(tree.render(h(Markdown, { source: "**b**" })).length).toBeGreaterThan(0);
  });
});
