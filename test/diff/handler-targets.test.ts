import { describe, expect, it } from "vitest";
import { HandlerTargets } from "../../src/diff/handler-targets.js";
import { createLiveNode, setShapedContent, type LiveNode } from "../../src/diff/live-node.js";
import { ShapedContent } from "../../src/diff/shaped-content.js";
import type { ShapeLayout } from "../../src/diff/shape-layout.js";

const element = (id: number): LiveNode => createLiveNode(id, "x", null);

describe("HandlerTargets", () => {
  it("finds elements by id, replaces one added again under its id, and forgets deleted ones", () => {
    const targets = new HandlerTargets();
    const [a, b] = [element(3), element(7)];
    targets.add(a);
    targets.add(b);
    targets.add(a);
    expect(targets.size).toBe(2);
    expect(targets.get(7)).toBe(b);
    const b2 = element(7);
    targets.add(b2);
    expect(targets.get(7)).toBe(b2);
    targets.delete(3);
    expect(targets.get(3)).toBeUndefined();
    expect(targets.ids()).toEqual([7]);
    targets.delete(7);
    expect(targets.size).toBe(0);
    expect(targets.get(7)).toBeUndefined();
  });

  it("answers as a Map does over random adds, deletes and clears, across the move to a Map", () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 50; round++) {
      const targets = new HandlerTargets();
      const model = new Map<number, LiveNode>();
      for (let step = 0; step < 200; step++) {
        const id = 1 + random(20);
        const what = random(10);
        if (what < 6) {
          const live = element(id);
          targets.add(live);
          model.set(id, live);
        } else if (what < 9) {
          targets.delete(id);
          model.delete(id);
        } else if (random(5) === 0) {
          targets.clear();
          model.clear();
        }
        const probes = Array.from({ length: 20 }, (_, i) => i + 1);
        const same = targets.size === model.size && probes.every((probe) => targets.get(probe) === model.get(probe));
        if (!same) expect({ step, ids: targets.ids() }).toEqual({ step, ids: [...model.keys()] });
        expect(same).toBe(true);
      }
    }
  });
});

describe("HandlerTargets: shaped elements", () => {
  // A shaped element of 7 ids whose elements at offsets 2 and 5 have handlers (diff/shaped.ts).
  const layout = { handlers: [2, 5], size: 7 } as unknown as ShapeLayout;
  const shaped = (id: number): LiveNode => {
    const live = createLiveNode(id, "x", null);
    setShapedContent(live, new ShapedContent({ signature: 1, sid: 1, tree: null, holes: 0, layout, kept: null }, []));
    return live;
  };

  it("stands for its elements with handlers only, beside the elements added by id", () => {
    const targets = new HandlerTargets();
    const a = element(3);
    targets.add(a);
    const [r1, r2] = [shaped(10), shaped(17)];
    targets.addShaped(r1);
    targets.addShaped(r2);
    expect(targets.get(3)).toBe(a);
    expect([10, 11, 12, 13, 14, 15, 16].map((id) => targets.get(id))).toEqual([undefined, undefined, r1, undefined, undefined, r1, undefined]);
    expect(targets.get(19)).toBe(r2);
    expect(targets.get(22)).toBe(r2);
    expect(targets.get(9)).toBeUndefined();
    expect(targets.size).toBe(5);
    expect(targets.ids()).toEqual([3, 12, 15, 19, 22]);
    targets.deleteShaped(r1);
    expect(targets.get(12)).toBeUndefined();
    expect(targets.get(19)).toBe(r2);
    expect(targets.ids()).toEqual([3, 19, 22]);
    targets.clear();
    expect(targets.get(19)).toBeUndefined();
    expect(targets.size).toBe(0);
  });

  it("keeps finding the others while many are removed (the lists are compacted at half)", () => {
    const targets = new HandlerTargets();
    const rows = Array.from({ length: 1000 }, (_, i) => shaped(100 + 7 * i));
    for (const row of rows) targets.addShaped(row);
    for (let i = 0; i < 1000; i++) if (i % 3 !== 0) targets.deleteShaped(rows[i]!);
    for (let i = 0; i < 1000; i++) expect(targets.get(rows[i]!.id + 5)).toBe(i % 3 === 0 ? rows[i] : undefined);
    expect(targets.size).toBe(2 * 334);
  });
});
