import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameJson } from '../../shared/domain/same-json';

describe('sameJson', () => {
  it('agrees with comparing the JSON text of key-sorted copies', () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(sameJson(a, b)).toBe(JSON.stringify(sorted(a)) === JSON.stringify(sorted(b)));
        expect(sameJson(a, JSON.parse(JSON.stringify(a)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart what JSON text alone would blur', () => {
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson({ 0: 1, 1: 2 }, [1, 2])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson([], [])).toBe(true);
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameJson({ a: [1, { b: null }] }, { a: [1, { b: 0 }] })).toBe(false);
  });
});
