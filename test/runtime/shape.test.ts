/**
 * Shapes' elements in Chromium (runtime/dom/shape.ts, the tether-lists script): each a clone of
 * the shape's prototype with its holes filled, with exactly the DOM and the ids the element
 * trees they stand for would have (expandShapes, the wire's own reading of them), so a later
 * op addressed to a created row's cell reaches it.
 */
import { describe, expect, test } from "vitest";
import { expandShapes, TreeKind, type PatchOp, type ShapeTree, type Tree } from "../../src/protocol/wire.js";
import { useHarness, type HarnessWindow } from "../support/runtime-harness.js";

const harness = useHarness();

// <tr class=?><td class="id">?</td><td><a class="lbl" data-id=? @click>?</a></td><td class="spacer"/> (static)</tr>
const ROW: ShapeTree = [
  "tr",
  { class: null },
  ["td", { class: "id" }, ""],
  ["td", 0, ["a", { class: "lbl", "data-id": null, "@click": 1 }, ""]],
  [TreeKind.StaticDef, 900, ["td", { class: "spacer" }, ["i", 0, "·"]]],
];

function run(ops: PatchOp[]) {
  return harness.page.evaluate((ops) => {
    const H = (window as unknown as HarnessWindow).__harness;
    H.apply(ops as PatchOp[]);
    return { dump: H.dump(), listened: H.listened, size: H.nodes.size };
  }, ops as unknown);
}

function reset() {
  return harness.page.evaluate(() => (window as unknown as HarnessWindow).__harness.reset());
}

/** What the same Create would build from element trees, for comparison. */
async function asTrees(trees: Tree[]) {
  const shapes = new Map<number, ShapeTree>();
  const plain = trees.flatMap((t) => (typeof t !== "string" && (t[0] === TreeKind.Template || t[0] === TreeKind.TemplateDef) ? expandShapes(t as never, shapes) : [t]));
  await reset();
  return run([[1, 0, 0, 1, [["table", 0]]], [1, 1, 0, 2, plain]]);
}

describe("a shape's elements", () => {
  test("mirror the element trees they stand for, ids included, and take later ops by id", async () => {
    const trees: Tree[] = [[TreeKind.TemplateDef, 7, ROW, "", 1, 1, "one", "danger", 2, 2, "two"] as unknown as Tree];
    const expected = await asTrees(trees);
    await reset();
    const got = await run([[1, 0, 0, 1, [["table", 0]]], [1, 1, 0, 2, trees]]);
    expect(got.dump).toEqual(expected.dump);
    expect(got.size).toBe(expected.size);
    // Ids: table 1; row one: tr 2, td 3, text 4, td 5, a 6, text 7, static td 8; row two from 9.
    // The second row's label is text 14 and its link 13: a later patch reaches them.
    const after = await run([[7, 14, "TWO"], [4, 13, "data-id", "22"], [4, 2, "class", "x"]]);
    expect(after.dump).toEqual([
      ["table", 0,
        ["tr", { class: "x" }, ["td", { class: "id" }, "1"], ["td", 0, ["a", { class: "lbl", "data-id": "1" }, "one"]], ["td", { class: "spacer" }, ["i", 0, "·"]]],
        ["tr", { class: "danger" }, ["td", { class: "id" }, "2"], ["td", 0, ["a", { class: "lbl", "data-id": "22" }, "TWO"]], ["td", { class: "spacer" }, ["i", 0, "·"]]]],
    ]);
    expect(got.listened).toContain("click");
  });

  test("a later Create refers to the shape defined before; null leaves an attribute out", async () => {
    await reset();
    await run([[1, 0, 0, 1, [["table", 0]]], [1, 1, 0, 2, [[TreeKind.TemplateDef, 7, ROW, "", 1, 1, "one"] as unknown as Tree]]]);
    const { dump } = await run([[1, 1, 0, 9, [[TreeKind.Template, 7, null, 3, null, "three"] as unknown as Tree]]]);
    expect(dump[0]).toEqual([
      "table", 0,
      ["tr", { class: "" }, ["td", { class: "id" }, "1"], ["td", 0, ["a", { class: "lbl", "data-id": "1" }, "one"]], ["td", { class: "spacer" }, ["i", 0, "·"]]],
      ["tr", 0, ["td", { class: "id" }, "3"], ["td", 0, ["a", { class: "lbl" }, "three"]], ["td", { class: "spacer" }, ["i", 0, "·"]]],
    ]);
    // The clone's link has its event binding (a clone does not copy it): an op removing it finds it there.
    const bound = await harness.page.evaluate(() => {
      const H = (window as unknown as HarnessWindow).__harness;
      return [H.node(13).$ev?.click, H.node(6).$ev?.click];
    });
    expect(bound).toEqual([1, 1]);
  });
});
