import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../shared/contract/stream';
import type { IncidentState } from '../../shared/domain/incident';
import { startSla, type SlaRuntime } from '../../electron/services/scheduler/sla-runtime';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { waitFor } from './fixtures/shared-store-helpers';

/**
 * With the default change delay the scheduler and the notification centre look at a burst of
 * changes to an incident once (each look reads the whole timeline), and still react to it.
 */
describe('SLA runtime under a burst of changes', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let service: WorkspaceService;
  let runtime: SlaRuntime;
  let messages: StreamMessage[];
  beforeEach(async () => {
    dir = await tempDir('wf-coalesce-');
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test' });
    messages = [];
    service.subscribe((m) => messages.push(m));
    runtime = await startSla(service);
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  it('looks once at an incident that changed 40 times in a burst, and pushes the new P1 notification', async () => {
    const inc = (await service.call('incidents.create', { title: 'Core switch failure', impact: 1, urgency: 1 })) as IncidentState;
    await Promise.all(Array.from({ length: 40 }, (_, i) => service.call('incidents.command', { id: inc.id, command: { type: 'addEntry', kind: 'note', text: `update ${i}` } })));
    const scheduler = runtime.scheduler!;
    const looksBefore = scheduler.stats.looks;
    await waitFor('the scheduler looked at the changes', () => scheduler.stats.looks > looksBefore, 2000, 10);
    await new Promise((r) => setTimeout(r, 250));
    expect(scheduler.stats.looks - looksBefore).toBe(1);
    const pushed = messages.flatMap((m) => (m.kind === 'notifications' ? m.added : []));
    expect(pushed.map((n) => [n.kind, n.incidentId])).toEqual([['incident.p1', inc.id]]);
  });
});
