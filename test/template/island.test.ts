import { expect, test } from "vitest";
import { island } from "../../src/template/island.js";
import { html } from "../../src/template/html.js";
import { LiveTree } from "../../src/diff/index.js";
import { Op } from "../../src/protocol/wire.js";

test("island() renders a region patches never enter: its name, its props as JSON, t-ignore, the placeholder", () => {
  const v = island("chart", { points: [1, 2] }, { id: "c", class: "chart", placeholder: "Loading…" }) as unknown as { type: string; props: Record<string, unknown>; children: unknown };
  expect(v.type).toBe("div");
  expect(v.props).toMatchObject({ "t-island": "chart", "t-props": '{"points":[1,2]}', "t-ignore": true, id: "c", class: "chart" });
});

test("new props are one attribute patch of the region; equal props none; the placeholder is never patched", () => {
  const page = (n: number, label: string) => html`<main><p>${n}</p>${island("counter", { value: Math.floor(n / 2) }, { placeholder: label })}</main>`;
  const tree = new LiveTree();
  tree.paint(page(0, "a"));
  expect(tree.render(page(1, "b")).map((op) => op[0])).toEqual([Op.SetText]);
  const ops = tree.render(page(2, "c"));
  expect(ops.map((op) => op[0]).sort()).toEqual([Op.SetAttr, Op.SetText].sort());
  expect(ops.find((op) => op[0] === Op.SetAttr)).toEqual([Op.SetAttr, expect.any(Number), "t-props", '{"value":1}']);
});
