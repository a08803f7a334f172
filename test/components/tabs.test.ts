import { afterEach, describe, expect, test } from "vitest";
import { html } from "../../src/index.js";
import { cleanup, render } from "../../src/testing/index.js";
import { Tabs } from "../../components/index.js";

afterEach(cleanup);

const tabs = [
  { title: "One", content: "first panel" },
  { title: "Two", content: html`<input name="typed" />` },
];

describe("Tabs", () => {
  test("a tab list wired to its panels; the first is selected", async () => {
    const view = await render(Tabs, { props: { tabs, label: "Parts", id: "t" } });
    expect(view.getByRole("tablist", { name: "Parts" })).toBeDefined();
    const first = view.get("#t-tab-0");
    expect([first.attr("role"), first.attr("aria-selected"), first.attr("aria-controls")]).toEqual(["tab", "true", "t-panel-0"]);
    expect(view.get("#t-panel-0").attr("aria-labelledby")).toBe("t-tab-0");
    expect(view.get("#t-panel-1").attr("hidden")).not.toBeNull();
    // Every tab is a button; Tab reaches the chosen one, arrow keys the others (a roving tabindex).
    expect(view.getAll('[role="tab"]').map((t) => [t.tag, t.attr("tabindex")])).toEqual([["button", "0"], ["button", "-1"]]);
    expect(view.get('[role="tablist"]').attr("t-hook")).toBe("tether-tabs");
  });

  test("a click selects a tab: its panel shows, the other hides and keeps its elements (and what was typed in them)", async () => {
    const chosen: number[] = [];
    const view = await render(Tabs, { props: { tabs, id: "t", onSelect: (i: number) => chosen.push(i) } });
    await view.click("#t-tab-1");
    const input = view.get('[name="typed"]');
    expect(view.get("#t-tab-1").attr("aria-selected")).toBe("true");
    expect(view.get("#t-panel-1").attr("hidden")).toBeNull();
    await view.click("#t-tab-0");
    expect(view.get("#t-panel-1").attr("hidden")).not.toBeNull();
    expect(input.isConnected).toBe(true);
    expect(chosen).toEqual([1, 0]);
  });
});
