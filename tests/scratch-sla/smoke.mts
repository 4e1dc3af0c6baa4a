import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../../electron/services/workspace/open-workspace';
import { ControllableClock } from '../../electron/services/scheduler/controllable-clock';
const dir = await mkdtemp(join(tmpdir(), 'wf-smoke-'));
const clock = new ControllableClock();
const ws = await openWorkspace({ dataDir: dir, version: 't', demo: false, clock });
const msgs: string[] = [];
ws.subscribe((m) => { if (m.kind === 'notifications') msgs.push(JSON.stringify(m.added.map(n => n.title))); });
const inc: any = await ws.call('incidents.create', { title: 'Core switch', impact: 1, urgency: 1 });
console.log(inc.id);
for (const ms of [4 * 60_000, 60_000, 10 * 60_000, 20 * 60_000]) {
  const r = await ws.call('testing.advanceClock', { ms });
  console.log('advance', ms, r);
}
const s: any = await ws.call('sla.clocks', { id: inc.id });
console.log(s.incidents[0].nearestText, s.incidents[0].escalation);
console.log(ws.require(inc.id).timeline.map(e => `${e.type} ${e.id}`).join('\n'));
console.log(msgs.join('\n'));
console.log(JSON.stringify(await ws.call('notifications.list', {}), null, 0).slice(0, 600));
await ws.close();
