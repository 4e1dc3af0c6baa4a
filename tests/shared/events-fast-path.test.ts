import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EventEnvelopeSchema, EventPayloads, isKnownEvent, parseEvent } from '../../shared/domain/events';

/** parseEvent as the schemas alone define it: what the hand-checked fast path must match exactly. */
function bySchemaAlone(raw: unknown): ReturnType<typeof parseEvent> {
  const issues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const env = EventEnvelopeSchema.safeParse(raw);
  if (!env.success) return { ok: false, error: issues(env.error) };
  if (!isKnownEvent(env.data)) return { ok: true, event: env.data, known: false };
  const data = (EventPayloads as Record<string, z.ZodType>)[env.data.type]!.safeParse(env.data.data);
  if (!data.success) return { ok: false, error: `${env.data.type}: ${issues(data.error)}` };
  return { ok: true, event: { ...env.data, data: data.data }, known: true };
}

const boundaryText = (min: number, max: number) => fc.constantFrom(min - 1, min, max, max + 1).filter((n) => n >= 0).map((n) => 'x'.repeat(n));
const validText = (min: number, max: number) => fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.constantFrom('x'.repeat(min), 'x'.repeat(max)));
const wrongType = fc.constantFrom(null, 7, true, [], {}, undefined);

/** Per envelope field: values the schema accepts, and values on or past its rules. */
const fields = {
  id: [validText(8, 64), fc.oneof(boundaryText(8, 64), wrongType)],
  stream: [validText(1, 40), fc.oneof(boundaryText(1, 40), wrongType)],
  type: [fc.constantFrom('entry.added', 'incident.statusChanged', 'future.thing', 'toString'), fc.oneof(boundaryText(1, 60), wrongType)],
  hlc: [
    fc.constantFrom('001772441600000:0000', '001772441600000:00zz', '999999999999999:zzzz'),
    fc.oneof(fc.constantFrom('01772441600000:0000', '001772441600000:00ZZ', '001772441600000-0000', '001772441600000:0000\n', '0017724416000000:0000'), fc.string(), wrongType),
  ],
  writerId: [validText(1, 64), fc.oneof(boundaryText(1, 64), wrongType)],
  seq: [fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), fc.oneof(fc.constantFrom(-1, 0.5, Number.MAX_SAFE_INTEGER + 2, Infinity, NaN, '1'), wrongType)],
  recordedAt: [
    fc.oneof(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('2028-02-29T10:00:00+01:00', '2026-11-28T01:00:00.1Z')),
    fc.oneof(fc.constantFrom('2026-02-29T10:00:00Z', '2026-11-28T01:00:00', '2026-11-28 01:00:00Z', '2026-13-01T00:00:00Z', '2026-11-28T24:00:00Z', ''), fc.string(), wrongType),
  ],
  actor: [validText(1, 120), fc.oneof(boundaryText(1, 120), wrongType)],
  v: [fc.constantFrom(1, 2, 7), fc.oneof(fc.constantFrom(0, -1, 1.5, '1', Infinity), wrongType)],
  data: [fc.constant(undefined), fc.anything()], // the valid payload follows the type (validPayload)
} as const;
type Key = keyof typeof fields;
const KEYS = Object.keys(fields) as Key[];

/** A payload valid for the type, or for none (unknown types keep theirs as it is). */
const validPayload = (type: unknown) =>
  type === 'entry.added'
    ? fc.constantFrom({ entryId: 'e1', kind: 'note', text: 'Called the vendor', occurredAt: null, corrects: null }, { entryId: 'e1', kind: 'note', text: 'Called the vendor' })
    : type === 'incident.statusChanged'
      ? fc.constantFrom({ from: 'new', to: 'acknowledged' }, { from: 'new', to: 'acknowledged', reason: 'Paged' })
      : fc.anything();

/** A valid envelope with up to two fields made invalid or removed, and maybe an unexpected key. */
const envelopeLike = fc
  .tuple(
    fc
      .record(Object.fromEntries(KEYS.map((k) => [k, fields[k][0]])) as { [K in Key]: fc.Arbitrary<unknown> })
      .chain((valid) => validPayload(valid.type).map((data) => ({ ...valid, data }))),
    fc.oneof(fc.constantFrom(...KEYS).map((k) => [k]), fc.subarray(KEYS, { maxLength: 2 })),
    fc.record(Object.fromEntries(KEYS.map((k) => [k, fields[k][1]])) as { [K in Key]: fc.Arbitrary<unknown> }),
    fc.boolean(),
    fc.option(fc.tuple(fc.constantFrom('extra', 'toString', 'id2'), fc.anything()), { nil: undefined }),
  )
  .map(([valid, broken, invalid, remove, extra]) => {
    const r: Record<string, unknown> = { ...valid };
    for (const k of broken) if (remove) delete r[k];
    else r[k] = invalid[k];
    if (extra) r[extra[0]] = extra[1];
    return r;
  });

describe('parseEvent fast path', () => {
  it('gives exactly what the schemas give, for any envelope-like input', () => {
    fc.assert(
      fc.property(fc.oneof({ arbitrary: envelopeLike, weight: 9 }, { arbitrary: fc.anything(), weight: 1 }), (raw) => {
        expect(parseEvent(raw)).toEqual(bySchemaAlone(raw));
      }),
      { numRuns: 5000 },
    );
  });

  it('hands back the object given only when the schemas make an equal one of it, and never changes it', () => {
    let reused = 0;
    fc.assert(
      fc.property(envelopeLike, (raw) => {
        const before = JSON.stringify(raw);
        const p = parseEvent(raw);
        expect(JSON.stringify(raw)).toBe(before);
        if (p.ok && p.event === raw) {
          reused++;
          expect(bySchemaAlone(raw)).toEqual({ ok: true, event: raw, known: p.known });
        }
      }),
      { numRuns: 2000 },
    );
    expect(reused).toBeGreaterThan(0);
  });

  it('copies an event whose payload the schema completes (a default filled in)', () => {
    const raw = { id: 'evt-00000001', stream: 'INC-1', type: 'entry.added', hlc: '001772441600000:0000', writerId: 'w', seq: 1, recordedAt: '2026-11-28T01:00:00.000Z', actor: 'Ana', v: 1, data: { entryId: 'e1', kind: 'note', text: 'x' } };
    const p = parseEvent(raw);
    expect(p.ok && p.event).not.toBe(raw);
    expect(p.ok && p.event.data).toEqual({ entryId: 'e1', kind: 'note', text: 'x', occurredAt: null, corrects: null });
    expect(raw.data).toEqual({ entryId: 'e1', kind: 'note', text: 'x' });
  });
});
