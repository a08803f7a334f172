/** encodeLive (src/diff/encode.ts): the whole tree again, for a new connection. */
import { describe, expect, it } from "vitest";
import { LiveTree } from "../../src/diff/live-tree.js";
import { Op } from "../../src/protocol/wire.js";
import { html } from "../../src/template/html.js";
import { raw } from "../../src/template/raw.js";
import { applyOps, createModel, freshHtml, mirrored, toHtml } from "../support/ops-model.js";

const { Create, SetText } = Op;

const page = (name: string, items: string[]) =>
  html`<div id="app"><h1>Title</h1><p class="greeting">Hello, ${name}!</p>${raw.trusted("<hr>")}<ul>${items.map((i) => html`<li key=${i}>${i}</li>`)}</ul></div>`;

describe("encode (a new connection to an existing tree)", () => {
  it("sends what the browser has after a series of patches, with fresh ids and statics", () => {
    const m = mirrored();
    m.render(page("Ann", ["a", "b", "c"]));
    m.render(page("Bob", ["c", "a"]));
    m.render(page("Cy", ["c", "d", "a"]));
    const { firstId, trees } = m.tree.encode();
    expect(firstId).toBe(1);
    const model = createModel();
    applyOps(model, [[Create, 0, 0, firstId, trees]]);
    expect(toHtml(model)).toBe(m.html());
    expect(toHtml(model)).toBe(freshHtml(page("Cy", ["c", "d", "a"])));
  });

  it("renumbers ids, so the next patch addresses the new numbering", () => {
    const tree = new LiveTree();
    tree.render(page("Ann", ["a"]));
    tree.render(page("Ann", ["b", "a"])); // li b gets new ids 11, 12
    const { trees } = tree.encode();
    const model = createModel();
    applyOps(model, [[Create, 0, 0, 1, trees]]);
    const ops = tree.render(page("Zed", ["b", "a"]));
    expect(ops).toEqual([[SetText, 5, "Zed"]]);
    applyOps(model, ops);
    expect(toHtml(model)).toBe(freshHtml(page("Zed", ["b", "a"])));
  });
});
