/**
 * Summary statistics of durations. Quantiles use linear interpolation between closest ranks
 * (Hyndman & Fan type 7: Excel PERCENTILE.INC, NumPy's default): for sorted x₀…xₙ₋₁ the q-quantile
 * is x[h] interpolated at h = (n − 1)·q. The median is the 0.5-quantile (the mean of the two middle
 * values when n is even).
 */

export interface DurationStats {
  /** How many durations. */
  n: number;
  /** Milliseconds; null when n = 0. */
  median: number | null;
  p90: number | null;
  mean: number | null;
}

export const EMPTY_STATS: DurationStats = { n: 0, median: null, p90: null, mean: null };

/** q-quantile (0 ≤ q ≤ 1) of ascending values, type 7; null for none. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Median, 90th percentile and mean. Sorts `values` in place (a typed array sorts numerically). */
export function summarize(values: Float64Array): DurationStats {
  const n = values.length;
  if (n === 0) return EMPTY_STATS;
  values.sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  return { n, median: quantileSorted(values, 0.5), p90: quantileSorted(values, 0.9), mean: sum / n };
}

/** Growable list of numbers (amortised appends into a Float64Array). */
export class NumberList {
  private data = new Float64Array(8);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }

  /** The values (a view; summarize() sorts it in place). */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** numerator / denominator, or null without a denominator. */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
