import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { longestIncreasingSubsequence } from "../../src/diff/lis.js";

const lis = (values: number[]): number[] => [...longestIncreasingSubsequence(Int32Array.from(values))];

/** Length of the longest strictly increasing subsequence of the non-negative entries, by O(n²) DP. */
function lisLength(values: number[]): number {
  const best: number[] = [];
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    best[i] = 0;
    if (values[i] < 0) continue;
    best[i] = 1;
    for (let j = 0; j < i; j++) if (values[j] >= 0 && values[j] < values[i] && best[j] + 1 > best[i]) best[i] = best[j] + 1;
    max = Math.max(max, best[i]);
  }
  return max;
}

describe("longestIncreasingSubsequence", () => {
  it("marks nothing in an empty input", () => {
    expect(lis([])).toEqual([]);
  });

  it("marks everything in an increasing input", () => {
    expect(lis([0, 1, 2, 3])).toEqual([1, 1, 1, 1]);
    expect(lis([2, 5, 9])).toEqual([1, 1, 1]);
  });

  it("marks one entry in a decreasing input", () => {
    expect(lis([3, 2, 1, 0]).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("leaves exactly the two swapped entries unmarked for a swap of non-neighbours", () => {
    expect(lis([0, 4, 2, 3, 1, 5])).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it("never marks new nodes (negative sources)", () => {
    expect(lis([-1, 0, -1, 1, -1])).toEqual([0, 1, 0, 1, 0]);
    expect(lis([-1, -1])).toEqual([0, 0]);
  });

  it("keeps the long run when one element moved from the end to the front", () => {
    expect(lis([5, 0, 1, 2, 3, 4])).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it("marks a strictly increasing subsequence of maximum length (property)", () => {
    const input = fc.array(fc.integer({ min: -1, max: 30 }), { maxLength: 40 });
    fc.assert(
      fc.property(input, (values) => {
        const marks = lis(values);
        expect(marks).toHaveLength(values.length);
        const chosen = values.filter((_, i) => marks[i] === 1);
        for (const v of chosen) expect(v).toBeGreaterThanOrEqual(0);
        for (let i = 1; i < chosen.length; i++) expect(chosen[i]).toBeGreaterThan(chosen[i - 1]);
        expect(chosen.length).toBe(lisLength(values));
      }),
    );
  });

  it("marks a maximum subsequence of any permutation (the shape the diff passes in)", () => {
    const permutation = fc.integer({ min: 0, max: 60 }).chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(permutation, (values) => {
        const count = lis(values).reduce((a, b) => a + b, 0);
        expect(count).toBe(lisLength(values));
      }),
    );
  });
});
