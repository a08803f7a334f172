import { expect, test } from "vitest";
import { render } from "../../src/testing/index.js";
import { UrlInput } from "../../components/index.js";
import { describeInput } from "./input.case.js";

describeInput("UrlInput", UrlInput, { name: "site", value: "" });

test("UrlInput is type=url and accepts only http and https addresses", async () => {
  const view = await render(UrlInput, { props: { name: "site" } });
  expect(view.get("input").attr("type")).toBe("url");
  expect(UrlInput.check("example.com", { name: "site" })).toMatch(/web address/);
  expect(UrlInput.check("javascript:alert(1)", { name: "site" })).toMatch(/http/);
  expect(UrlInput.check("https://example.com/a", { name: "site" })).toBeUndefined();
});
