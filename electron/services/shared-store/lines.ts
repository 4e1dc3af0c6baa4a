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

const NL = 0x0a;

/**
 * Splits a file fed in pieces into the lines after its first (header) line, without building a
 * string or one buffer of the whole: `line(buf, start, end, at)` gets each non-empty line as
 * `buf[start, end)` and its offset `at` in the file. A line split across pieces is joined (a copy:
 * the pieces themselves are not kept, so the caller may hand them on).
 */
export class BodyLines {
  private inHeader = true;
  private pos = 0;
  private carry: Buffer | undefined;
  private carryAt = 0;

  constructor(private readonly line: (buf: Buffer, start: number, end: number, at: number) => void) {}

  /** Takes the next piece; returns where the body starts in it (after the header line). */
  push(chunk: Buffer): number {
    const base = this.pos;
    this.pos += chunk.length;
    let from = 0;
    if (this.inHeader) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) return chunk.length; // still inside the header line
      this.inHeader = false;
      from = nl + 1;
    }
    const bodyFrom = from;
    if (this.carry) {
      const nl = chunk.indexOf(NL, from);
      if (nl < 0) {
        this.carry = Buffer.concat([this.carry, chunk.subarray(from)]);
        return bodyFrom;
      }
      const line = Buffer.concat([this.carry, chunk.subarray(from, nl)]);
      this.carry = undefined;
      if (line.length) this.line(line, 0, line.length, this.carryAt);
      from = nl + 1;
    }
    while (from < chunk.length) {
      const nl = chunk.indexOf(NL, from);
      if (nl < 0) {
        this.carry = Buffer.from(chunk.subarray(from));
        this.carryAt = base + from;
        return bodyFrom;
      }
      if (nl > from) this.line(chunk, from, nl, base + from);
      from = nl + 1;
    }
    return bodyFrom;
  }

  /** The file has ended: a complete last line without its newline is a line too. */
  end(): void {
    if (this.carry?.length) this.line(this.carry, 0, this.carry.length, this.carryAt);
    this.carry = undefined;
  }
}
