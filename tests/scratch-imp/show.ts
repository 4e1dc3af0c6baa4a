import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
const dir = await mkdtemp(join(tmpdir(), 'imp-show-'));
const ws = await WorkspaceService.open({ dataDir: dir, version: 't' });
const f = process.argv[2]!; const ext = process.argv[3]!;
const content = readFileSync(f, 'utf8');
const p = (await ws.call('import.preview', { content, fileName: 'f' })) as any;
await ws.call('import.run', { importId: 'x', content, fileName: 'f', sourceKey: p.sourceKey, mapping: p.mapping, acceptValidRows: true });
const inc = ws.allIncidents().find((i) => i.tags.some((t) => t.endsWith(":" + ext)))!;
console.log(inc.id, inc.title, inc.priority, inc.status, inc.services, JSON.stringify(inc.milestones), inc.resolution, inc.review);
for (const e of inc.timeline) { const d: any = e.data; console.log(e.recordedAt, e.actor.padEnd(22), e.type, d.from ? `${d.from}→${d.to} (${d.reason})` : d.person ? `${d.person} [${d.team}]` : d.text ?? d.priority ?? d.outcome ?? d.milestone ?? '', d.resolution ? JSON.stringify(d.resolution) : ''); }
await ws.close();
