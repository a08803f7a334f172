/**
 * What signatureOf reads from an element's vnodes (src/diff/shape-layout.ts) against what a
 * LiveList row's template captures as its values without them (src/template/flat.ts): the diff
 * compares a row made one way with a render made the other, so the two must agree exactly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signatureOf, takeValues } from "../../src/diff/shape-layout.js";
import { VNodeFlags } from "../../src/vnode/flags.js";
import { expandValues, templateSiteOf, type TemplateSite, type VNode } from "../../src/vnode/vnode.js";
import { asRow, cell, isValues, pick, plain, row } from "../support/row-cells.js";

describe("signatureOf and a row's values", () => {
  it("over random values: the values, their signature and their element are what the vnodes give (property)", () => {
    asRow(row, { id: 0, label: "", cls: "", click: pick, note: null, href: "/", style: null }); // the template's first evaluation
    const seen = { values: 0, vnodes: 0, refused: 0 };
    fc.assert(
      fc.property(cell, (c) => {
        let direct: unknown;
        let error: unknown = null;
        try {
          direct = row(c);
        } catch (e) {
          error = e;
        }
        if (error !== null) {
          // The same refusal, with or without values.
          expect(() => asRow(row, c)).toThrow((error as Error).message);
          seen.refused++;
          return;
        }
        const got = asRow(row, c);
        const v = direct as VNode;
        const site = templateSiteOf(v) as TemplateSite;
        const signature = signatureOf(v, site);
        const values = takeValues();
        if (!isValues(got)) {
          // Not a shape's values (a list in a child hole, an object in an attribute): the vnodes as always.
          expect(plain(got)).toEqual(plain(direct));
          seen.vnodes++;
          return;
        }
        seen.values++;
        expect(got.signature).toBe(signature);
        // A number in a text hole is kept as the number, whose text the vnodes hold.
        expect(got.values.map((x, i) => (typeof x === "number" && typeof values[i] === "string" ? String(x) : x))).toEqual(values);
        expect(got.site).toBe(v.site);
        expect(got.type).toBe(v.type);
        expect(got.key).toBeNull();
        expect(got.flags & ~VNodeFlags.Values).toBe(v.flags);
        expect(plain(expandValues(got))).toEqual(plain(direct));
      }),
      { numRuns: 400 },
    );
    // Each way was taken, the values' most.
    expect(seen.values).toBeGreaterThan(100);
    expect(seen.vnodes).toBeGreaterThan(10);
    expect(seen.refused).toBeGreaterThan(10);
  });

});
