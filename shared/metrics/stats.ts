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

/** Median, 90th percentile and mean of ascending values (the mean sums in ascending order). */
export function statsOfSorted(sorted: Float64Array): DurationStats {
  const n = sorted.length;
  if (n === 0) return EMPTY_STATS;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return { n, median: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), mean: sum / n };
}

/**
 * Merges ascending runs a[bounds[i] … bounds[i+1]) (bounds[0] = 0, last = a.length) into one
 * ascending array: pairwise passes, O(n log k). Returns a new array; `a` is left as it was.
 */
export function mergeRuns(a: Float64Array, bounds: readonly number[]): Float64Array {
  let src = a.slice();
  if (bounds.length <= 2) return src;
  let dst = new Float64Array(a.length);
  let b = bounds.slice();
  while (b.length > 2) {
    const next = [0];
    for (let i = 0; i + 1 < b.length; i += 2) {
      const lo = b[i]!;
      const mid = b[i + 1]!;
      const hi = i + 2 < b.length ? b[i + 2]! : mid;
      let x = lo;
      let y = mid;
      let k = lo;
      while (x < mid && y < hi) dst[k++] = src[x]! <= src[y]! ? src[x++]! : src[y++]!;
      while (x < mid) dst[k++] = src[x++]!;
      while (y < hi) dst[k++] = src[y++]!;
      next.push(hi);
    }
    [src, dst] = [dst, src];
    b = next;
  }
  return src;
}

/**
 * (group, value, ref) triples collected in growable typed arrays, then grouped by a stable
 * counting sort: groups are small integers (bucket × priority, or an interned key id).
 */
export class Grouped {
  private g = new Int32Array(256);
  private v = new Float64Array(256);
  private r = new Int32Array(256);
  length = 0;

  push(group: number, value: number, ref = 0): void {
    if (this.length === this.g.length) {
      const size = this.length * 2;
      const g = new Int32Array(size);
      const v = new Float64Array(size);
      const r = new Int32Array(size);
      g.set(this.g);
      v.set(this.v);
      r.set(this.r);
      this.g = g;
      this.v = v;
      this.r = r;
    }
    this.g[this.length] = group;
    this.v[this.length] = value;
    this.r[this.length++] = ref;
  }

  /** Values and refs by group: group k holds [offsets[k], offsets[k+1]), in push order. */
  group(groups: number): { offsets: Int32Array; values: Float64Array; refs: Int32Array } {
    const offsets = new Int32Array(groups + 1);
    for (let i = 0; i < this.length; i++) offsets[this.g[i]! + 1]!++;
    for (let k = 0; k < groups; k++) offsets[k + 1]! += offsets[k]!;
    const fill = offsets.slice(0, groups);
    const values = new Float64Array(this.length);
    const refs = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const at = fill[this.g[i]!]!++;
      values[at] = this.v[i]!;
      refs[at] = this.r[i]!;
    }
    return { offsets, values, refs };
  }
}
