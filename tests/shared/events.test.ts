import { describe, expect, it } from 'vitest';
import { compareEvents, CURRENT_EVENT_VERSION, EVENT_TYPES, isKnownEvent, parseEvent, type EventEnvelope } from '../../shared/domain/events';
import { iso, T0 } from './helpers';

/** A valid statusChanged envelope as it would sit in the journal. */
function raw(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'evt-00000001',
    stream: 'INC-2026-K7Q2-1',
    type: 'incident.statusChanged',
    hlc: '001772441600000:0000',
    writerId: 'writer-a',
    seq: 1,
    recordedAt: iso(T0),
    actor: 'Dana',
    v: CURRENT_EVENT_VERSION,
    data: { from: 'new', to: 'acknowledged' },
    ...overrides,
  };
}

function without(key: string): Record<string, unknown> {
  const r = raw();
  delete r[key];
  return r;
}

describe('parseEvent', () => {
  it('accepts a valid event, fills payload defaults and reports it known', () => {
    const p = parseEvent(raw());
    expect(p).toEqual({ ok: true, known: true, event: { ...raw(), data: { from: 'new', to: 'acknowledged', reason: '' } } });
  });

  it.each([
    ['id', without('id')],
    ['id', raw({ id: 'short' })],
    ['stream', raw({ stream: '' })],
    ['type', without('type')],
    ['hlc', raw({ hlc: 42 })],
    ['writerId', raw({ writerId: '' })],
    ['seq', raw({ seq: -1 })],
    ['seq', raw({ seq: 1.5 })],
    ['recordedAt', raw({ recordedAt: 'yesterday' })],
    ['recordedAt', raw({ recordedAt: '2026-03-02T09:00:00' })], // no offset: ambiguous across PCs
    ['actor', raw({ actor: '' })],
    ['v', raw({ v: 0 })],
    ['v', without('v')],
  ])('rejects a bad envelope and names the field: %s', (field, input) => {
    const p = parseEvent(input);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toMatch(new RegExp(`(^|; )${field}: `));
  });

  it.each([null, undefined, 'incident.created', 42, []])('rejects %j as an envelope', (input) => {
    expect(parseEvent(input).ok).toBe(false);
  });

  it.each([
    ['incident.statusChanged', { from: 'new', to: 'sleeping' }, 'to'],
    ['incident.statusChanged', { to: 'acknowledged' }, 'from'],
    ['incident.created', { title: '', impact: 1, urgency: 1, priority: 'P1' }, 'title'],
    ['incident.created', { title: 'x', impact: 4, urgency: 1, priority: 'P1' }, 'impact'],
    ['incident.priorityChanged', { impact: 1, urgency: 1, override: null, priority: 'P1', reason: '' }, 'reason'],
    ['incident.milestoneSet', { milestone: 'detected', at: 'soon' }, 'at'],
    ['task.checklistToggled', { taskId: 't1', itemId: 'i1', done: 'yes' }, 'done'],
    ['relation.added', { kind: 'sibling', target: 'INC-2026-K7Q2-2' }, 'kind'],
    ['entry.added', { entryId: 'e1', kind: 'note', text: 'x', occurredAt: null, corrects: null, extra: 1 }, null],
  ])('rejects a bad %s payload, naming type and field %s', (type, data, field) => {
    const p = parseEvent(raw({ type, data }));
    if (field === null) {
      expect(p.ok).toBe(true); // unknown payload keys are stripped, not an error
      if (p.ok) expect(p.event.data).not.toHaveProperty('extra');
      return;
    }
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toMatch(new RegExp(`^${type.replace('.', '\\.')}: (.*; )?${field}: `));
  });

  it('accepts an unknown type as unknown and keeps its payload untouched', () => {
    const data = { anything: ['goes', 1] };
    const p = parseEvent(raw({ type: 'incident.sentimentScored', data }));
    expect(p).toEqual({ ok: true, known: false, event: raw({ type: 'incident.sentimentScored', data }) });
  });

  it('accepts a newer version of a known type as unknown, without validating the new payload', () => {
    const p = parseEvent(raw({ v: CURRENT_EVENT_VERSION + 1, data: { to: { status: 'closed', by: 'robot' } } }));
    expect(p.ok && p.known).toBe(false);
    expect(p.ok).toBe(true);
  });

  it('does not mistake Object prototype names for event types', () => {
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(isKnownEvent({ type, v: 1 })).toBe(false);
      const p = parseEvent(raw({ type }));
      expect(p.ok && !p.known).toBe(true);
    }
  });

  it('knows every event type of this version', () => {
    for (const type of EVENT_TYPES) expect(isKnownEvent({ type, v: CURRENT_EVENT_VERSION })).toBe(true);
    expect(EVENT_TYPES).toHaveLength(32); // 16 incident, 4 SLA/escalation, 6 alert intake, 6 organisation (2 policies, directory, templates, matrix, lifecycle)
  });
});

describe('compareEvents', () => {
  const e = (hlc: string, writerId: string, seq: number): Pick<EventEnvelope, 'hlc' | 'writerId' | 'seq'> => ({ hlc, writerId, seq });

  it('orders by HLC, then writer id, then sequence', () => {
    const events = [
      e('001772441600000:0001', 'writer-a', 9),
      e('001772441600000:0000', 'writer-b', 1),
      e('001772441600000:0000', 'writer-a', 3),
      e('001772441600000:0000', 'writer-a', 2),
      e('001772441599999:zzzz', 'writer-z', 1),
    ];
    expect([...events].sort(compareEvents)).toEqual([events[4], events[3], events[2], events[1], events[0]]);
  });

  it('is zero only for the same (hlc, writer, seq)', () => {
    expect(compareEvents(e('1:0', 'w', 1), e('1:0', 'w', 1))).toBe(0);
    expect(compareEvents(e('1:0', 'w', 1), e('1:0', 'w', 2))).toBeLessThan(0);
    expect(compareEvents(e('1:0', 'w', 2), e('1:0', 'w', 1))).toBeGreaterThan(0);
  });
});
