import { afterEach, describe, expect, test } from "vitest";
import { html } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { ScrollArea } from "../../components/index.js";

afterEach(cleanup);

describe("ScrollArea", () => {
  test("a log box of its height, following its end by default, in document order", async () => {
    const view = await render(() => html`<${ScrollArea} id="log" height=${120} label="Build log"><p>one</p><p>two</p></${ScrollArea}>`);
    const box = view.get("#log");
    expect([box.attr("role"), box.attr("aria-label"), box.attr("style")]).toEqual(["log", "Build log", "max-height: 120px"]);
    expect(box.attr("class")).toContain("tether-follow-end");
    expect(view.getAll("#log .tether-scroll-content p").map((p) => p.text)).toEqual(["one", "two"]);
  });

  test("followEnd false: a plain scrolling box", async () => {
    const view = await render(ScrollArea, { props: { followEnd: false, height: "5rem" } });
    expect(view.get(".tether-scroll").attr("class")).not.toContain("tether-follow-end");
  });
});
