import { afterEach, describe, expect, test } from "vitest";
import { html } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Link } from "../../components/index.js";

afterEach(cleanup);

describe("Link", () => {
  test("its content, or the URL; a new tab gets rel=noopener", async () => {
    const view = await render(() => html`<div><${Link} href="https://example.com/" id="a" /><${Link} href="/docs" newTab id="b">The docs</${Link}></div>`);
    expect(view.get("#a").text).toBe("https://example.com/");
    const b = view.get("#b");
    expect([b.text, b.attr("target"), b.attr("rel")]).toEqual(["The docs", "_blank", "noopener noreferrer"]);
  });

  test("nav opts the link in to live navigation (t-nav); a link to a new tab never is", async () => {
    const view = await render(() => html`<div><${Link} href="/profile/2" nav id="a" /><${Link} href="/x" nav newTab id="b" /><${Link} href="/y" id="c" /></div>`);
    expect([view.get("#a").attr("t-nav"), view.get("#b").attr("t-nav"), view.get("#c").attr("t-nav")]).toEqual(["", null, null]);
  });

  test("a javascript: URL is refused", async () => {
    const view = await render(Link, { props: { href: "javascript:alert(1)" } });
    expect(view.get("a").attr("href")).not.toContain("javascript");
  });
});
