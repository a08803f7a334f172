/**
 * Order statistics for benchmark samples. Percentiles use linear interpolation between the
 * two nearest ranks (the "R-7" rule that numpy and spreadsheets use), so a p99 of 2,000
 * samples lies between the 1,980th and 1,981st, not on one arbitrary sample.
 */

/** The p-th percentile (0–100) of `values`; NaN for none. Does not reorder `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return percentileOfSorted(sorted, p);
}

function percentileOfSorted(sorted: Float64Array, p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** p50, p90 and p99 of a set of samples, with their count. */
export interface Spread {
  n: number;
  p50: number;
  p90: number;
  p99: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  return {
    n: values.length,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
  };
}

/** The median of each field over several rounds' spreads: what the report shows as "the" spread. */
export function medianSpread(rounds: readonly Spread[]): Spread {
  return {
    n: rounds.reduce((sum, r) => sum + r.n, 0),
    p50: median(rounds.map((r) => r.p50)),
    p90: median(rounds.map((r) => r.p90)),
    p99: median(rounds.map((r) => r.p99)),
  };
}

/** Rounds a figure for the report: 3 significant digits, never more than 3 decimals. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(3, Math.max(0, digits - 1 - magnitude));
  return Number(value.toFixed(decimals));
}
