import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../shared/contract/api';
import { CreateIncidentSchema } from '../../shared/domain/commands';
import { checkCreate, EMPTY_CREATE } from '../../renderer/src/features/console/create-form';
import { apiErrorOf, fieldErrorsOf, formFieldOf } from '../../renderer/src/features/console/form-errors';
import { elapsedStart, rowDescription, rowName } from '../../renderer/src/features/console/incident-label';
import { changedSinceSeen, loadSeen, pruneSeen, saveSeen, SEEN_STORAGE_KEY } from '../../renderer/src/features/console/seen-versions';
import { checklistFromText, isOverdue, sortTasks } from '../../renderer/src/features/console/tasks';
import { inputToIso, isoToInput, isSameDay } from '../../renderer/src/features/console/time-input';
import { incident } from './console-fixtures';

describe('time inputs', () => {
  it('round-trips datetime-local values in UTC', () => {
    expect(isoToInput('2026-03-01T08:05:42.000Z', true)).toBe('2026-03-01T08:05');
    expect(inputToIso('2026-03-01T08:05', true)).toBe('2026-03-01T08:05:00.000Z');
  });
  it('round-trips in local time', () => {
    const iso = inputToIso('2026-07-15T23:30', false)!;
    expect(isoToInput(iso, false)).toBe('2026-07-15T23:30');
  });
  it('rejects empty, malformed and impossible dates', () => {
    expect(inputToIso('', true)).toBeUndefined();
    expect(inputToIso('yesterday', true)).toBeUndefined();
    expect(inputToIso('2026-04-31T10:00', true)).toBeUndefined();
    expect(isoToInput(null, true)).toBe('');
  });
  it('tells same-day in UTC', () => {
    expect(isSameDay(new Date('2026-03-01T00:10Z'), new Date('2026-03-01T23:50Z'), true)).toBe(true);
    expect(isSameDay(new Date('2026-03-01T23:50Z'), new Date('2026-03-02T00:10Z'), true)).toBe(false);
  });
});

describe('form errors', () => {
  it('maps zod issues to readable messages per field, list items to the list', () => {
    const r = CreateIncidentSchema.safeParse({ title: '  ', impact: 1, urgency: 2, services: ['ok', ''] });
    expect(fieldErrorsOf(r.error)).toEqual({ title: 'Required', services: 'Required' });
    expect(fieldErrorsOf(z.object({ a: z.string().min(1, 'A reason is required') }).safeParse({ a: '' }).error)).toEqual({ a: 'A reason is required' });
  });
  it('takes the API error body, and strips the command prefix from fields', () => {
    expect(apiErrorOf(new ApiError({ code: 'rule', message: 'No', field: 'reason' }))).toEqual({ code: 'rule', message: 'No', field: 'reason' });
    expect(apiErrorOf(new Error('boom'))).toEqual({ code: 'internal', message: 'boom' });
    expect(formFieldOf('command.reason')).toBe('reason');
  });
});

describe('create form', () => {
  it('needs a title and includes chip text still being typed', () => {
    expect(checkCreate(EMPTY_CREATE).errors.title).toBe('Required');
    const ok = checkCreate({ ...EMPTY_CREATE, title: 'Down', services: ['CAD'] }, { services: 'Radio, CAD', tags: 'x' });
    expect(ok.errors).toEqual({});
    expect(ok.input).toMatchObject({ title: 'Down', services: ['CAD', 'Radio'], tags: ['x'], impact: 2, urgency: 2 });
  });
  it('reports limits from the backend schema', () => {
    expect(checkCreate({ ...EMPTY_CREATE, title: 'x'.repeat(201) }).errors.title).toBe('At most 200 characters');
  });
});

describe('seen versions', () => {
  it('flags incidents never seen or changed since', () => {
    expect(changedSinceSeen('000000000000002:0000', undefined)).toBe(true);
    expect(changedSinceSeen('000000000000002:0000', '000000000000001:0000')).toBe(true);
    expect(changedSinceSeen('000000000000002:0000', '000000000000002:0000')).toBe(false);
  });
  it('loads safely from storage, saves and prunes', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(loadSeen(storage)).toEqual({});
    store.set(SEEN_STORAGE_KEY, '{not json');
    expect(loadSeen(storage)).toEqual({});
    saveSeen(storage, { a: 'v1', b: 'v2' });
    expect(loadSeen(storage)).toEqual({ a: 'v1', b: 'v2' });
    store.set(SEEN_STORAGE_KEY, JSON.stringify({ a: 'v1', bad: 3 }));
    expect(loadSeen(storage)).toEqual({ a: 'v1' });
    expect(pruneSeen({ a: '1', gone: '2' }, ['a'])).toEqual({ a: '1' });
    expect(loadSeen(undefined)).toEqual({});
  });
});

describe('tasks', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('is overdue only when still to do and past due', () => {
    expect(isOverdue({ due: '2026-03-01T11:59:00Z', status: 'open' }, now)).toBe(true);
    expect(isOverdue({ due: '2026-03-01T11:59:00Z', status: 'in_progress' }, now)).toBe(true);
    expect(isOverdue({ due: '2026-03-01T11:59:00Z', status: 'done' }, now)).toBe(false);
    expect(isOverdue({ due: '2026-03-01T12:01:00Z', status: 'open' }, now)).toBe(false);
    expect(isOverdue({ due: null, status: 'open' }, now)).toBe(false);
  });
  it('sorts open tasks by due (undated last) before finished ones', () => {
    const t = (id: string, status: 'open' | 'done', due: string | null, createdAt = '2026-03-01T10:00:00Z') => ({ id, status, due, createdAt });
    const sorted = sortTasks([t('done', 'done', '2026-03-01T09:00Z'), t('nodue', 'open', null), t('late', 'open', '2026-03-01T13:00Z'), t('soon', 'open', '2026-03-01T12:30Z')]);
    expect(sorted.map((x) => x.id)).toEqual(['soon', 'late', 'nodue', 'done']);
  });
  it('reads a checklist one item per line', () => {
    expect(checklistFromText(' a \n\n b\r\nc ')).toEqual(['a', 'b', 'c']);
  });
});

describe('row labels', () => {
  it('names a row starting with the incident id', () => {
    const i = incident('INC-2026-AAAA-7', { priority: 'P1', title: 'Core switch down' });
    expect(rowName(i)).toBe('INC-2026-AAAA-7 P1 Core switch down');
    expect(rowDescription({ ...i, status: 'investigating', major: true, roles: { coordinator: 'Jane' } }, true)).toBe(
      'Investigating, major incident, coordinator Jane, changed since you last looked',
    );
  });
  it('times from impact started when known, else creation', () => {
    const i = incident('X', { createdAt: '2026-03-01T10:00:00Z', milestones: {} });
    expect(elapsedStart(i)).toEqual({ at: '2026-03-01T10:00:00Z', label: 'since created' });
    expect(elapsedStart({ ...i, milestones: { impactStarted: '2026-03-01T09:00:00Z' } }).label).toBe('since impact started');
  });
});
