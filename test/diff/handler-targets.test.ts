import { describe, expect, it } from "vitest";
import { HandlerTargets } from "../../src/diff/handler-targets.js";
import { createLiveNode, type LiveNode } from "../../src/diff/live-node.js";

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
