/** Number, duration and period formatting for the trends screen (pure). */
import type { TrendsBucket } from '../../../../shared/metrics/schema';

type Granularity = 'day' | 'week' | 'month';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-02" → "2 Mar"; "2026-03" → "Mar 2026"; weeks read "w/c 2 Mar". */
export function bucketLabel(key: string, granularity: Granularity, withYear = false): string {
  const [y, m, d] = key.split('-').map(Number);
  const month = MONTHS[(m ?? 1) - 1] ?? '';
  if (granularity === 'month') return `${month} ${y}`;
  const day = `${d} ${month}${withYear ? ` ${y}` : ''}`;
  return granularity === 'week' ? `w/c ${day}` : day;
}

/** Short axis tick: "2 Mar", "Mar 26". */
export function bucketTick(key: string, granularity: Granularity): string {
  const [y, m, d] = key.split('-').map(Number);
  const month = MONTHS[(m ?? 1) - 1] ?? '';
  return granularity === 'month' ? `${month} ${String(y).slice(2)}` : `${d} ${month}`;
}

/** Period label for tables and CSV, marking a period the range cuts ("(part)") or that has not begun. */
export function periodLabel(b: TrendsBucket, granularity: Granularity): string {
  return `${bucketLabel(b.key, granularity, true)}${b.partial ? ' (part)' : ''}`;
}

/** Milliseconds → hours, for charts and CSV (2 decimals). */
export function toHours(ms: number | null | undefined): number | null {
  return ms === null || ms === undefined ? null : Math.round((ms / 3_600_000) * 100) / 100;
}

/** "45 min", "3.2 h", "2.5 d"; an em dash without a value. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  const minutes = ms / 60_000;
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 90) return `${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** Fraction → "87.5 %"; an em dash without a value. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined) return '—';
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** Fraction → percent number for charts (1 decimal), null stays null. */
export function toPercent(fraction: number | null | undefined): number | null {
  return fraction === null || fraction === undefined ? null : Math.round(fraction * 1000) / 10;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}
