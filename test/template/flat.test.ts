/**
 * A LiveList row's template rendered as its holes' values (src/template/flat.ts). Every check
 * compares with the vnodes the same template builds without it: expanded, the values are that
 * element (test/diff/shape-layout.test.ts checks them against what the diff reads from it).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderValues } from "../../src/template/flat.js";
import { h } from "../../src/template/h.js";
import { html } from "../../src/template/html.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { expandValues, normalizeChild, type ValuesVNode, type VNode } from "../../src/vnode/vnode.js";
import { asRow, cell, isValues, pick, plain, row } from "../support/row-cells.js";

describe("a row's values (renderValues)", () => {
  it("gives the element's vnodes the first time a template renders, its values after", () => {
    const render = (n: number) => html`<li data-n=${n}>${n}</li>`;
    const first = asRow(render, 1);
    expect(isValues(first)).toBe(false);
    const second = asRow(render, 2);
    expect(isValues(second)).toBe(true);
    expect(plain(expandValues(second as ValuesVNode))).toEqual(plain(render(2)));
  });

  it("over random values: a row's values expand to the element its vnodes are, or are those vnodes (property)", () => {
    asRow(row, { id: 0, label: "", cls: "", click: pick, note: null, href: "/", style: null }); // the template's first evaluation
    let values = 0;
    fc.assert(
      fc.property(cell, (c) => {
        let direct: unknown;
        try {
          direct = row(c);
        } catch (error) {
          expect(() => asRow(row, c)).toThrow((error as Error).message);
          return;
        }
        const got = asRow(row, c);
        if (isValues(got)) values++;
        expect(plain(isValues(got) ? expandValues(got) : got)).toEqual(plain(direct));
      }),
      { numRuns: 300 },
    );
    expect(values).toBeGreaterThan(50);
  });

  it("reads values only for holes a shape holds: a list, an element or an object gives the vnodes", () => {
    const render = (x: unknown) => html`<p>${x}</p>`;
    asRow(render, "first");
    expect(isValues(asRow(render, "text"))).toBe(true);
    expect(isValues(asRow(render, 7))).toBe(true);
    expect(isValues(asRow(render, null))).toBe(true);
    expect(isValues(asRow(render, ["a", "b"]))).toBe(false);
    expect(isValues(asRow(render, h("b", null, "x")))).toBe(false);
    const titled = (x: unknown) => html`<p title=${x}>x</p>`;
    asRow(titled, "first");
    expect(isValues(asRow(titled, "text"))).toBe(true);
    const object = { toString: () => "an object" };
    const got = asRow(titled, object);
    expect(isValues(got)).toBe(false);
    expect((got as VNode).props.title).toBe(object);
  });

  it("never holds a template that is not one element of fixed tags, or whose root is keyed", () => {
    const Comp = () => null;
    const renders: Array<(n: number) => unknown> = [
      (n) => html`<li key=${n}>${n}</li>`,
      (n) => html`<li>${n}</li><li>${n}</li>`,
      (n) => html`<${n > 0 ? "li" : "p"}>${n}</${n > 0 ? "li" : "p"}>`,
      (n) => html`<li><${Comp} n=${n} /></li>`,
      (n) => html`<li ...${{ title: String(n) }}>x</li>`,
      (n) => html`<li className=${n} class=${n}>x</li>`,
    ];
    for (const render of renders) {
      asRow(render, 1);
      const got = asRow(render, 2);
      expect(isValues(got)).toBe(false);
      expect(plain(got)).toEqual(plain(render(2)));
    }
  });

  it("inner templates of a row that is not flat are built into its vnodes, never left as values", () => {
    const inner = (n: number) => html`<b>${n}</b>`;
    const outer = (n: number) => html`<li>${inner(n)}${[inner(n + 1)]}</li>`;
    asRow(outer, 0);
    asRow(inner, 0);
    const got = asRow(outer, 5) as VNode;
    expect(isValues(got)).toBe(false);
    const walk = (v: VNode | string): void => {
      if (typeof v === "string") return;
      expect(v.flags & VNodeFlags.Values).toBe(0);
      v.children.forEach(walk);
    };
    walk(got);
    expect(plain(got)).toEqual(plain(outer(5)));
  });

  it("a row's values placed as a child anywhere become the element (normalizeChild)", () => {
    const render = (n: number) => html`<li>${n}</li>`;
    asRow(render, 1);
    const got = asRow(render, 3);
    expect(isValues(got)).toBe(true);
    expect(plain(normalizeChild(got as VNode))).toEqual(plain(render(3)));
    expect(plain(h("ul", null, got as VNode))).toEqual(plain(h("ul", null, render(3))));
  });

  it("ends with the render: `html` outside it builds vnodes, also after a render that threw", () => {
    const render = (n: number) => html`<li>${n}</li>`;
    asRow(render, 1);
    expect(() =>
      renderValues(() => {
        throw new Error("boom");
      }, 0),
    ).toThrow("boom");
    expect(isValues(render(2))).toBe(false);
  });
});
