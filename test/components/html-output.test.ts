import { afterEach, describe, expect, test } from "vitest";
import { cleanup, render } from "../../src/testing/index.js";
import { HtmlOutput } from "../../components/index.js";

afterEach(cleanup);

describe("HtmlOutput", () => {
  test("keeps formatting markup and removes what runs script", async () => {
    const html = '<p class="x">Hello <em>you</em></p><script>alert(1)</script><a href="javascript:alert(2)" onclick="alert(3)">link</a>';
    const view = await render(HtmlOutput, { props: { html, id: "h" } });
    expect(view.get("#h p em").text).toBe("you");
    expect(view.query("#h script")).toBeNull();
    const link = view.get("#h a");
    expect(link.attr("onclick")).toBeNull();
    expect(link.attr("href") ?? "").not.toContain("javascript");
  });
});
