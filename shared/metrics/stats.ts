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

/** Median, 90th percentile and mean of ascending values. */
export function statsOfSorted(sorted: Float64Array): DurationStats {
  const n = sorted.length;
  if (n === 0) return EMPTY_STATS;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return { n, median: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9), mean: sum / n };
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/**
 * Quickselect: rearranges a[l … r] (inclusive) so that a[k] holds the value of rank k, with no
 * larger value before it and no smaller one after it. O(n) on average.
 */
export function selectRank(a: Float64Array, k: number, l: number, r: number): void {
  while (r > l) {
    const m = (l + r) >>> 1;
    if (a[m]! < a[l]!) swap(a, l, m);
    if (a[r]! < a[l]!) swap(a, l, r);
    if (a[r]! < a[m]!) swap(a, m, r);
    const pivot = a[m]!;
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

function minOf(a: Float64Array, from: number, to: number): number {
  let m = Infinity;
  for (let i = from; i < to; i++) if (a[i]! < m) m = a[i]!;
  return m;
}

/**
 * The same statistics as statsOfSorted over a[lo … hi) without sorting: two selections (p90,
 * then the median left of it), O(n). Reorders that part of `a`. Exact for integer values
 * (milliseconds): their sum does not depend on the order.
 */
export function statsOfRange(a: Float64Array, lo: number, hi: number): DurationStats {
  const n = hi - lo;
  if (n <= 0) return EMPTY_STATS;
  let sum = 0;
  for (let i = lo; i < hi; i++) sum += a[i]!;
  const h90 = (n - 1) * 0.9;
  const k90 = Math.floor(h90);
  selectRank(a, lo + k90, lo, hi - 1);
  const v90 = a[lo + k90]!;
  const p90 = h90 > k90 ? v90 + (h90 - k90) * (minOf(a, lo + k90 + 1, hi) - v90) : v90;
  const h50 = (n - 1) * 0.5;
  const k50 = Math.floor(h50);
  selectRank(a, lo + k50, lo, lo + k90);
  const v50 = a[lo + k50]!;
  const median = h50 > k50 ? v50 + (h50 - k50) * ((k50 < k90 ? minOf(a, lo + k50 + 1, lo + k90 + 1) : minOf(a, lo + k90 + 1, hi)) - v50) : v50;
  return { n, median, p90, mean: sum / n };
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
