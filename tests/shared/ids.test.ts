import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIncidentId, nextIncidentId, writerCode } from '../../shared/domain/ids';
import { IncidentIdSchema } from '../../shared/domain/vocabulary';

/** One PC offline: mints `count` ids, each from everything it knows so far (its journal). */
function mintOffline(writerId: string, alreadyKnown: readonly string[], count: number, year = 2026): string[] {
  const known = new Set(alreadyKnown);
  const minted: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = nextIncidentId(known, year, writerCode(writerId));
    known.add(id);
    minted.push(id);
  }
  return minted;
}

/** Ids both writers knew before they lost the network (some from each, some from a third PC). */
function sharedHistory(a: string, b: string): string[] {
  return [...mintOffline(a, [], 3), ...mintOffline(b, [], 5), ...mintOffline('third-pc', [], 2), 'INC-2025-ABCD-77'];
}

describe('writerCode', () => {
  it('is six characters of an unambiguous alphabet, stable per writer id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (writerId) => {
        const code = writerCode(writerId);
        expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
        expect(writerCode(writerId)).toBe(code);
      }),
    );
  });

  it('gives different codes to these writer ids', () => {
    expect(writerCode('writer-a')).not.toBe(writerCode('writer-b'));
  });
});

describe('nextIncidentId', () => {
  it('starts at 1 and follows the writer’s own highest sequence, ignoring other writers and years', () => {
    const code = writerCode('writer-a');
    expect(nextIncidentId([], 2026, code)).toBe(`INC-2026-${code}-1`);
    const known = [formatIncidentId(2026, code, 7), formatIncidentId(2026, code, 3), formatIncidentId(2026, 'ZZZZ', 99), formatIncidentId(2025, code, 40)];
    expect(nextIncidentId(known, 2026, code)).toBe(`INC-2026-${code}-8`);
    expect(nextIncidentId(known, 2025, code)).toBe(`INC-2025-${code}-41`);
    expect(nextIncidentId(known, 2027, code)).toBe(`INC-2027-${code}-1`);
  });

  it('compares sequences as numbers, not strings', () => {
    const code = writerCode('writer-a');
    expect(nextIncidentId([`INC-2026-${code}-9`, `INC-2026-${code}-10`], 2026, code)).toBe(`INC-2026-${code}-11`);
  });

  it('mints valid incident ids', () => {
    for (const id of mintOffline('writer-a', [], 50)) expect(IncidentIdSchema.safeParse(id).success, id).toBe(true);
  });

  it('two offline writers each minting 1000 ids never mint the same one', () => {
    const [a, b] = ['7f1c2f0e-6a55-4a8e-9a8a-0d6f1b0c9e11', 'c3b9e0d4-2f6e-4b7e-8a0c-51d2f3e4a5b6'];
    const history = sharedHistory(a, b);
    const fromA = mintOffline(a, history, 1000);
    const fromB = mintOffline(b, history, 1000);
    expect(new Set(fromA).size).toBe(1000);
    expect(new Set(fromB).size).toBe(1000);
    expect(fromA.filter((id) => fromB.includes(id))).toEqual([]);
    expect(fromA.some((id) => history.includes(id))).toBe(false);
    expect(fromB.some((id) => history.includes(id))).toBe(false);
    expect(fromA[0]).toBe(`INC-2026-${writerCode(a)}-4`);
    expect(fromB[999]).toBe(`INC-2026-${writerCode(b)}-1005`);
  });

  it('property: two random writer ids minting offline from a shared history never clash', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), (a, b, na, nb) => {
        fc.pre(a !== b);
        const history = sharedHistory(a, b);
        const fromA = mintOffline(a, history, na);
        const fromB = new Set(mintOffline(b, history, nb));
        expect(fromA.filter((id) => fromB.has(id))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  /**
   * With 4 characters (32^4 codes) these two random UUIDs shared a code, found by a search over
   * ~1,200 UUIDs; with 6 characters (2^30 codes) they no longer do.
   */
  it('two writer ids that collided with 4-character codes get different codes now', () => {
    const a = '4e1ba072-9b01-4ed5-91b4-59a5af6e67eb';
    const b = '2ed256e6-4ac6-4cdb-953a-a3349878795b';
    expect(writerCode(a)).not.toBe(writerCode(b));
    expect(mintOffline(a, [], 1)).not.toEqual(mintOffline(b, [], 1));
  });
});
