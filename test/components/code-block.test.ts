import { afterEach, describe, expect, test } from "vitest";
import { cleanup, render } from "../../src/testing/index.js";
import { CodeBlock } from "../../components/index.js";

afterEach(cleanup);

describe("CodeBlock", () => {
  test("shows code as written, escaped, with its language as a class", async () => {
    const code = "if (a < b) {\n  <div/>\n}";
    const view = await render(CodeBlock, { props: { code, language: "ts" } });
    const el = view.get("pre.tether-code code");
    expect(el.text).toBe(code);
    expect(el.attr("class")).toBe("language-ts");
    expect(view.query("pre div")).toBeNull();
  });
});
