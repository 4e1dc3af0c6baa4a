import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, type MethodOutput } from '../../shared/contract/api';
import { tempDir } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspace';

type Incident = MethodOutput<'incidents.get'>;

async function journalBytes(dataDir: string): Promise<string> {
  return readFile(join(dataDir, 'journal', 'events.ndjson'), 'utf8').catch(() => '');
}

describe('WorkspaceService', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  it('creates an incident durably and finds it again after a restart', async () => {
    const { service } = await openTestWorkspace(dir.path);
    const created = (await service.call('incidents.create', { title: 'Payment gateway timeouts', impact: 1, urgency: 2, services: ['Payments'] })) as Incident;
    expect(created.id).toMatch(/^INC-2026-[A-Z0-9]{6}-1$/);
    expect(created.priority).toBe('P2');
    await service.close();

    const { service: reopened } = await openTestWorkspace(dir.path);
    const again = (await reopened.call('incidents.get', { id: created.id })) as Incident;
    expect(again).toEqual(created);
    const second = (await reopened.call('incidents.create', { title: 'Second', impact: 3, urgency: 3 })) as Incident;
    expect(second.id).toMatch(/-2$/);
    await reopened.close();
  });

  it('holds the same state live as after a restart for every kind of command (own events are not parsed twice)', async () => {
    const { service, advance } = await openTestWorkspace(dir.path);
    const { id } = (await service.call('incidents.create', { title: 'Core switch failure', impact: 2, urgency: 2 })) as Incident;
    const { id: other } = (await service.call('incidents.create', { title: 'Duplicate report', impact: 3, urgency: 3 })) as Incident;
    const commands = [
      { type: 'updateFields', fields: { category: 'Network', services: ['Core network'] } },
      { type: 'setPriority', impact: 1, urgency: 1, reason: 'Whole site affected' },
      { type: 'transition', to: 'acknowledged' },
      { type: 'assignRole', role: 'commander', person: 'Ana Ruiz' },
      { type: 'joinResponder', person: 'Bo Chen' },
      { type: 'addTask', title: 'Call the vendor', checklist: ['Open a ticket'] },
      { type: 'addEntry', kind: 'note', text: 'Vendor called back' },
      { type: 'addEntry', kind: 'decision', text: 'Fail over', occurredAt: '2026-03-01T09:58:00.000Z' },
      { type: 'addRelation', kind: 'related', target: other },
      { type: 'setMilestone', milestone: 'detected', at: '2026-03-01T09:50:00.000Z', reason: 'From the monitoring alert' },
      { type: 'transition', to: 'investigating' },
      { type: 'leaveResponder', person: 'Bo Chen' },
      { type: 'releaseRole', role: 'commander' },
    ];
    for (const command of commands) {
      advance(30_000);
      await service.call('incidents.command', { id, command });
    }
    const state = (await service.call('incidents.get', { id })) as Incident;
    const entry = state.entries[0]!;
    await service.call('incidents.command', { id, command: { type: 'correctEntry', entryId: entry.entryId, text: 'Vendor called back at 10:05' } });
    const task = state.tasks[0]!;
    await service.call('incidents.command', { id, command: { type: 'toggleChecklist', taskId: task.taskId, itemId: task.checklist[0]!.itemId, done: true } });
    await service.call('incidents.command', { id, command: { type: 'updateTask', taskId: task.taskId, status: 'done' } });
    const live = await service.call('incidents.list', { scope: 'all' });
    await service.close();

    const { service: reopened } = await openTestWorkspace(dir.path);
    expect(await reopened.call('incidents.list', { scope: 'all' })).toEqual(live);
    await reopened.close();
  });

  it('walks the lifecycle through commands and refuses illegal ones by rule name', async () => {
    const { service, advance } = await openTestWorkspace(dir.path);
    const { id } = (await service.call('incidents.create', { title: 'Core switch failure', impact: 1, urgency: 1 })) as Incident;
    advance(60_000);
    await service.call('incidents.command', { id, command: { type: 'transition', to: 'acknowledged' } });
    const refused = service.call('incidents.command', { id, command: { type: 'transition', to: 'closed' } });
    await expect(refused).rejects.toMatchObject({ body: { code: 'rule', rule: 'lifecycle.illegalTransition' } });
    await expect(refused).rejects.toThrow(/allowed: Investigating, On hold, Cancelled/);
    const state = (await service.call('incidents.get', { id })) as Incident;
    expect(state.status).toBe('acknowledged');
    expect(state.milestones.acknowledged).toBe('2026-03-01T10:01:00.000Z');
  });

  it('rejects invalid input with the field named and writes nothing', async () => {
    const { service } = await openTestWorkspace(dir.path);
    const before = await journalBytes(dir.path);
    for (const [input, field] of [
      [{ impact: 1, urgency: 1 }, 'title'],
      [{ title: 'x', impact: 'high', urgency: 1 }, 'impact'],
      [{ title: 'x', impact: 1, urgency: 1, surprise: true }, ''],
    ] as const) {
      const err = await service.call('incidents.create', input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).body.code).toBe('invalid_input');
      if (field) expect((err as ApiError).body.field).toBe(field);
    }
    await expect(service.call('incidents.delete', {})).rejects.toMatchObject({ body: { code: 'unknown_method' } });
    await expect(service.call('incidents.get', { id: 'INC-2026-NONE-1' })).rejects.toMatchObject({ body: { code: 'not_found' } });
    expect(await journalBytes(dir.path)).toBe(before);
  });

  it('lets a read-only caller look but not change anything', async () => {
    const { service } = await openTestWorkspace(dir.path);
    await expect(service.call('incidents.create', { title: 'x', impact: 1, urgency: 1 }, { readOnly: true })).rejects.toMatchObject({ body: { code: 'forbidden' } });
    await expect(service.call('incidents.list', {}, { readOnly: true })).resolves.toEqual({ incidents: [] });
  });

  it('pushes changed incidents to subscribers only after they are durable', async () => {
    const { service } = await openTestWorkspace(dir.path);
    const seen: string[] = [];
    service.subscribe((m) => {
      if (m.kind === 'incidents') seen.push(...m.incidents.map((i) => i.id));
    });
    const { id } = (await service.call('incidents.create', { title: 'x', impact: 2, urgency: 2 })) as Incident;
    expect(seen).toEqual([id]);
    expect(await journalBytes(dir.path)).toContain(id);
  });

  it('records the caller as author, or the machine operator by default', async () => {
    const { service } = await openTestWorkspace(dir.path);
    const { id } = (await service.call('incidents.create', { title: 'x', impact: 2, urgency: 2 }, { actor: 'Ana Ruiz' })) as Incident;
    await service.call('settings.update', { operatorName: 'Desk 3' });
    const after = (await service.call('incidents.command', { id, command: { type: 'addEntry', kind: 'note', text: 'Called the vendor' } })) as Incident;
    expect(after.timeline.map((e) => e.actor)).toEqual(['Ana Ruiz', 'Desk 3']);
  });
});

describe('overlapping creates', () => {
  it('mint distinct ids and lose no incident', async () => {
    const dir = await tempDir();
    try {
      const { service } = await openTestWorkspace(dir.path);
      const created = (await Promise.all(
        Array.from({ length: 8 }, (_, i) => service.call('incidents.create', { title: `Parallel ${i}`, impact: 2, urgency: 2 })),
      )) as Incident[];
      expect(new Set(created.map((c) => c.id)).size).toBe(8);
      const { incidents } = (await service.call('incidents.list', {})) as { incidents: Incident[] };
      expect(incidents.map((i) => i.title).sort()).toEqual(created.map((c) => c.title).sort());
      await service.close();
    } finally {
      await dir.cleanup();
    }
  });
});
