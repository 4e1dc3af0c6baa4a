import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RangeSet, WriterChain } from '../../electron/services/shared-store/chain';
import { chainRecords, decodeRecordLine, encodeRecord, parseRecordFile, sha256Hex, ZERO_HASH } from '../../electron/services/shared-store/format';

/** A writer's chain of n events, cut into segments at the given points. */
function segments(n: number, cuts: number[]) {
  const records = chainRecords(Array.from({ length: n }, (_, i) => JSON.stringify({ id: `e${i + 1}`, writerId: 'w', seq: i + 1, hlc: 'x' })), ZERO_HASH);
  const bounds = [...new Set(cuts.map((c) => 1 + (c % n)))].sort((a, b) => a - b).filter((c) => c > 1);
  const out: Array<{ first: number; last: number; prev: string; hash: string }> = [];
  let first = 1;
  for (const b of [...bounds, n + 1]) {
    out.push({ first, last: b - 1, prev: records[first - 1]!.prev, hash: records[b - 2]!.hash });
    first = b;
  }
  return { records, segs: out };
}

describe('shared store hash chain bookkeeping', () => {
  it('segments read in any order join into one unbroken chain', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.array(fc.nat(), { maxLength: 30 }), fc.infiniteStream(fc.nat()), (n, cuts, order) => {
        const { segs } = segments(n, cuts);
        const shuffled = segs.map((s, i) => ({ s, k: order.take(1).next().value as number, i })).sort((a, b) => a.k - b.k || a.i - b.i);
        const chain = new WriterChain();
        for (const { s } of shuffled) expect(chain.add(s.first, s.last, s.prev, s.hash).issues).toEqual([]);
        expect(chain.gaps()).toEqual([]);
        expect(chain.prefix).toMatchObject({ first: 1, last: n });
        // Reading a segment again changes nothing.
        for (const s of segs) expect(chain.add(s.first, s.last, s.prev, s.hash)).toEqual({ covered: true, issues: [] });
      }),
    );
  });

  it('a missing segment is a gap; a changed link is reported at its seq', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 100 }), fc.array(fc.nat(), { minLength: 2, maxLength: 10 }), fc.nat(), (n, cuts, pick) => {
        const { segs } = segments(n, cuts);
        if (segs.length < 3) return;
        const gone = 1 + (pick % (segs.length - 2)); // an inner one
        const chain = new WriterChain();
        segs.forEach((s, i) => i !== gone && chain.add(s.first, s.last, s.prev, s.hash));
        expect(chain.gaps()).toEqual([{ from: segs[gone]!.first, to: segs[gone]!.last }]);

        const tampered = new WriterChain();
        const issues = segs.flatMap((s, i) => tampered.add(s.first, s.last, i === gone ? sha256Hex('forged') : s.prev, s.hash).issues);
        expect(issues).toEqual([{ kind: 'link', seq: segs[gone]!.first }]);
      }),
    );
  });

  it('RangeSet merges ranges in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 20 })), { maxLength: 40 }), (pairs) => {
        const set = new RangeSet();
        const truth = new Set<number>();
        for (const [a, len] of pairs) {
          set.add(a, a + len);
          for (let s = a; s <= a + len; s++) truth.add(s);
        }
        for (let s = 1; s <= 330; s++) expect(set.has(s)).toBe(truth.has(s));
        let p = 0;
        while (truth.has(p + 1)) p++;
        expect(set.prefixEnd).toBe(p);
      }),
    );
  });

  it('record lines round-trip, and a damaged line never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 200 }), (text, junk) => {
        const [rec] = chainRecords([JSON.stringify({ id: 'abcdefgh', writerId: 'w', seq: 1, hlc: 'h', text })], ZERO_HASH);
        const line = encodeRecord(rec!).slice(0, -1);
        const back = decodeRecordLine(line, true);
        expect(back.ok && back.record.value.text).toBe(text);
        const parsed = parseRecordFile(`${junk}\n${line}\n${line.slice(0, Math.max(0, line.length - 1 - (text.length % 7)))}`, true);
        expect(parsed.records.length).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
