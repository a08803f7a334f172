/**
 * Marks the longest increasing subsequence of `sources` (entries < 0 are new nodes and never
 * part of it). Nodes on it stay where they are; every other kept node moves. O(n log n).
 * Returns a byte per index: 1 if on the subsequence.
 */
export function longestIncreasingSubsequence(sources: Int32Array): Uint8Array {
  const n = sources.length;
  const marks = new Uint8Array(n);
  const predecessors = new Int32Array(n);
  const tails = new Int32Array(n); // tails[k]: index of the smallest tail of a run of length k+1
  let length = 0;
  for (let i = 0; i < n; i++) {
    const value = sources[i];
    if (value < 0) continue;
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sources[tails[mid]] < value) lo = mid + 1;
      else hi = mid;
    }
    predecessors[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
    if (lo === length) length++;
  }
  let k = length > 0 ? tails[length - 1] : -1;
  while (k >= 0) {
    marks[k] = 1;
    k = predecessors[k];
  }
  return marks;
}
