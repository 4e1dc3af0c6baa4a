import { describe, expect, it } from 'vitest';
import { buildTimeline, filterTimeline, timelinePeople, type TimelineItem } from '../../renderer/src/features/console/timeline-model';
import { describeEvent, UNKNOWN_EVENT_TEXT } from '../../renderer/src/features/console/timeline-sentence';
import { created, event, fold, unknownEvent } from './console-fixtures';

const time = (iso: string) => iso.slice(11, 16);
const ctx = { time, tasks: [] };
const ID = 'INC-2026-AAAA-1';

describe('event sentences', () => {
  it('says who hands a role to whom', () => {
    const e = event(ID, 'role.assigned', { role: 'coordinator', person: 'Bob', previous: 'Jane' }, { actor: 'Jane' });
    expect(describeEvent(e, ctx).text).toBe('Jane hands Incident coordinator role to Bob');
  });
  it('distinguishes taking a role from assigning it, and keeps custom role names', () => {
    expect(describeEvent(event(ID, 'role.assigned', { role: 'scribe', person: 'Jane', previous: null }, { actor: 'Jane' }), ctx).text).toBe('Jane takes Scribe role');
    expect(describeEvent(event(ID, 'role.assigned', { role: 'Fire liaison', person: 'Bob', previous: null }, { actor: 'Jane' }), ctx).text).toBe(
      'Jane assigns Fire liaison role to Bob',
    );
    expect(describeEvent(event(ID, 'role.released', { role: 'coordinator', person: 'Bob' }, { actor: 'Jane' }), ctx).text).toBe(
      'Jane releases Bob from Incident coordinator role',
    );
  });
  it('shows status changes with labels, reason and resolution', () => {
    expect(describeEvent(event(ID, 'incident.statusChanged', { from: 'new', to: 'acknowledged' }), ctx)).toEqual({ text: 'Status New → Acknowledged' });
    const resolved = describeEvent(
      event(ID, 'incident.statusChanged', { from: 'monitoring', to: 'resolved', resolution: { summary: 'Replaced PSU', code: 'Fixed' } }),
      ctx,
    );
    expect(resolved.text).toBe('Status Monitoring → Resolved');
    expect(resolved.detail).toBe('Resolution (Fixed): Replaced PSU');
    const held = describeEvent(event(ID, 'incident.statusChanged', { from: 'investigating', to: 'on_hold', reason: 'Vendor' }), ctx);
    expect(held.detail).toBe('Reason: Vendor');
    const dup = describeEvent(event(ID, 'incident.statusChanged', { from: 'new', to: 'cancelled', reason: 'same', link: 'INC-2026-AAAA-2' }), ctx);
    expect(dup.detail).toContain('Duplicate of INC-2026-AAAA-2');
  });
  it('shows priority changes from → to with the reason', () => {
    const e = event(ID, 'incident.priorityChanged', { impact: 1, urgency: 1, override: null, priority: 'P1', reason: 'Spreading' });
    expect(describeEvent(e, { ...ctx, previousPriority: 'P3' })).toEqual({ text: 'Priority P3 → P1 (impact 1 × urgency 1)', detail: 'Reason: Spreading' });
    const o = event(ID, 'incident.priorityChanged', { impact: 2, urgency: 2, override: 'P2', priority: 'P2', reason: 'VIP' });
    expect(describeEvent(o, { ...ctx, previousPriority: 'P3' }).text).toBe('Priority P3 → P2 (override; matrix impact 2 × urgency 2)');
  });
  it('names tasks and checklist items by their text', () => {
    const tasks = [{ taskId: 't1', title: 'Call vendor', checklist: [{ itemId: 'c1', text: 'Dial', done: false }] }];
    expect(describeEvent(event(ID, 'task.updated', { taskId: 't1', status: 'done' }), { ...ctx, tasks }).text).toBe('Task “Call vendor”: done');
    expect(describeEvent(event(ID, 'task.updated', { taskId: 't1', owner: 'Bob' }), { ...ctx, tasks }).text).toBe('Task “Call vendor”: reassigned to Bob');
    expect(describeEvent(event(ID, 'task.checklistToggled', { taskId: 't1', itemId: 'c1', done: true }), { ...ctx, tasks }).text).toBe(
      'Ticked “Dial” on task “Call vendor”',
    );
    const added = describeEvent(event(ID, 'task.added', { taskId: 't2', title: 'Notify', owner: 'Ann', due: '2026-03-01T12:30:00.000Z', checklist: [{ itemId: 'x', text: 'a' }] }), ctx);
    expect(added).toEqual({ text: 'Task added: “Notify” for Ann, due 12:30', detail: '1 checklist item' });
  });
  it('covers responders, relations, milestones, review and field changes', () => {
    expect(describeEvent(event(ID, 'responder.joined', { person: 'Bob', team: 'Network' }), ctx).text).toBe('Bob joins as responder (Network)');
    expect(describeEvent(event(ID, 'responder.left', { person: 'Bob' }), ctx).text).toBe('Bob leaves the response');
    expect(describeEvent(event(ID, 'relation.added', { kind: 'caused_by', target: 'INC-2026-AAAA-9' }), ctx).text).toBe('Linked: caused by INC-2026-AAAA-9');
    expect(describeEvent(event(ID, 'relation.removed', { kind: 'parent', target: 'INC-2026-AAAA-9' }), ctx).text).toBe('Link removed: parent of INC-2026-AAAA-9');
    expect(describeEvent(event(ID, 'incident.milestoneSet', { milestone: 'impactStarted', at: '2026-03-01T08:50:00.000Z', reason: 'Log' }), ctx)).toEqual({
      text: 'Impact started set to 08:50',
      detail: 'Reason: Log',
    });
    expect(describeEvent(event(ID, 'incident.milestoneSet', { milestone: 'mitigated', at: null, reason: 'Wrong' }), ctx).text).toBe('Mitigated cleared');
    expect(describeEvent(event(ID, 'incident.reviewRecorded', { outcome: 'waived', reason: 'Drill' }), ctx).text).toBe('Post-incident review waived');
    expect(describeEvent(event(ID, 'incident.fieldsChanged', { fields: { title: 'New', services: ['A', 'B'], major: true } }), ctx).text).toBe(
      'Changed title to “New”; affected services to A, B; major incident on',
    );
  });
  it('shows unknown event types and newer versions as unknown', () => {
    expect(describeEvent(unknownEvent(ID, 'incident.teleported'), ctx).text).toBe(UNKNOWN_EVENT_TEXT);
    const newer = event(ID, 'responder.left', { person: 'Bob' }, { v: 2 });
    expect(describeEvent(newer, ctx).text).toBe('unknown event (newer version)');
  });
});

describe('timeline items', () => {
  const state = () => {
    const c = created(ID, { impact: 3, urgency: 3 }, { at: '2026-03-01T10:00:00.000Z' });
    const note = event(ID, 'entry.added', { entryId: 'e1', kind: 'note', text: 'Ticket 44812' }, { actor: 'Bob', at: '2026-03-01T10:05:00.000Z' });
    const pri = event(ID, 'incident.priorityChanged', { impact: 1, urgency: 1, override: null, priority: 'P1', reason: 'Worse' }, { at: '2026-03-01T10:06:00.000Z' });
    const fix = event(ID, 'entry.added', { entryId: 'e2', kind: 'note', text: 'Ticket 44821', corrects: 'e1' }, { actor: 'Bob', at: '2026-03-01T10:07:00.000Z' });
    const back = event(
      ID,
      'entry.added',
      { entryId: 'e3', kind: 'action', text: 'Rebooted', occurredAt: '2026-03-01T10:01:00.000Z' },
      { actor: 'Priya', at: '2026-03-01T10:08:00.000Z' },
    );
    const odd = unknownEvent(ID, 'incident.teleported', '2026-03-01T10:09:00.000Z');
    return fold([c, note, pri, fix, back, odd]);
  };

  it('folds a correction into the entry it corrects (original first) and sorts backdated entries by when they happened', () => {
    const items = buildTimeline(state(), time);
    expect(items.map((i) => (i.type === 'entry' ? `entry:${i.versions.map((v) => v.text).join(' > ')}` : i.text))).toEqual([
      'Incident opened as P5 (impact 3 × urgency 3)',
      'entry:Rebooted',
      'entry:Ticket 44812 > Ticket 44821',
      'Priority P5 → P1 (impact 1 × urgency 1)',
      UNKNOWN_EVENT_TEXT,
    ]);
    const backdated = items[1] as Extract<TimelineItem, { type: 'entry' }>;
    expect(backdated).toMatchObject({ backdated: true, at: '2026-03-01T10:01:00.000Z', recordedAt: '2026-03-01T10:08:00.000Z', kind: 'action' });
    expect((items[4] as Extract<TimelineItem, { type: 'change' }>).unknown).toBe(true);
  });

  it('follows a chain of corrections', () => {
    const s = state();
    const again = event(ID, 'entry.added', { entryId: 'e4', kind: 'note', text: 'Ticket 44822', corrects: 'e2' }, { actor: 'Ann', at: '2026-03-01T10:10:00.000Z' });
    const items = buildTimeline(fold([...s.timeline, again]), time);
    const entry = items.find((i) => i.type === 'entry' && i.kind === 'note') as Extract<TimelineItem, { type: 'entry' }>;
    expect(entry.versions.map((v) => `${v.author}:${v.text}`)).toEqual(['Bob:Ticket 44812', 'Bob:Ticket 44821', 'Ann:Ticket 44822']);
  });

  it('filters by kind and person, and lists people', () => {
    const items = buildTimeline(state(), time);
    expect(filterTimeline(items, { kind: 'changes', person: '' }).every((i) => i.type === 'change')).toBe(true);
    expect(filterTimeline(items, { kind: 'action', person: '' })).toHaveLength(1);
    expect(filterTimeline(items, { kind: 'all', person: 'Bob' })).toHaveLength(1);
    expect(filterTimeline(items, { kind: 'decision', person: '' })).toHaveLength(0);
    expect(timelinePeople(items)).toEqual(['Bob', 'Jane', 'Priya', 'Zed']);
  });
});
