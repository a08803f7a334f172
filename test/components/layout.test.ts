import { afterEach, describe, expect, test } from "vitest";
import { html } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Column, Grid, Row } from "../../components/index.js";

afterEach(cleanup);

describe("Row, Column, Grid", () => {
  test("each wraps its children with its class; gap, align and columns become styles", async () => {
    const view = await render(() => html`<div>
      <${Row} id="r" gap="2rem" align="center"><span>a</span><span>b</span></${Row}>
      <${Column} id="c"><span>c</span></${Column}>
      <${Grid} id="g" columns=${3}><span>d</span></${Grid}>
    </div>`);
    expect(view.get("#r").attr("class")).toBe("tether-row");
    expect(view.get("#r").attr("style")).toBe("gap: 2rem; align-items: center;");
    expect(view.getAll("#r span").map((s) => s.text)).toEqual(["a", "b"]);
    expect(view.get("#c").attr("style")).toBeNull();
    expect(view.get("#g").attr("style")).toBe("grid-template-columns: repeat(3, minmax(0, 1fr));");
  });
});
