import { afterEach, describe, expect, test } from "vitest";
import { cleanup, render } from "../../src/testing/index.js";
import { Image } from "../../components/index.js";

afterEach(cleanup);

describe("Image", () => {
  test("from a URL, with its alt text and size", async () => {
    const view = await render(Image, { props: { src: "/logo.png", alt: "Logo", width: 40 } });
    const img = view.get("img");
    expect([img.attr("src"), img.attr("alt"), img.attr("width")]).toEqual(["/logo.png", "Logo", "40"]);
  });

  test("from bytes: a base64 data: URL of their type", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const view = await render(Image, { props: { src: { bytes, type: "image/png" }, alt: "" } });
    expect(view.get("img").attr("src")).toBe(`data:image/png;base64,${Buffer.from(bytes).toString("base64")}`);
  });

  test("a javascript: URL is refused", async () => {
    const view = await render(Image, { props: { src: "javascript:alert(1)", alt: "x" } });
    expect(view.get("img").attr("src")).not.toContain("javascript");
  });
});
