/**
 * Calls `each(start, end)` for every non-empty line of `buf` between `from` and `until` (default:
 * the end), without building strings: snapshots and replicas hold a million lines.
 */
export function forEachLine(buf: Buffer, from: number, each: (start: number, end: number) => void, until = buf.length): void {
  let start = from;
  while (start < until) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0 || end > until) end = until;
    if (end > start) each(start, end);
    start = end + 1;
  }
}
