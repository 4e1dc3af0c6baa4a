import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../../electron/services/workspace/open-workspace';
for (const sched of [false, true, false, true]) {
  const dir = await mkdtemp(join(tmpdir(), 'wf-demo-'));
  const t0 = performance.now();
  const ws = await openWorkspace({ dataDir: dir, version: 't', demo: true, slaScheduler: sched });
  console.log('scheduler', sched, Math.round(performance.now() - t0), 'ms', ws.allIncidents().length, 'incidents');
  await ws.close();
}
