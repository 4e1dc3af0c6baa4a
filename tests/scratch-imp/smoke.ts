import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';

const dir = await mkdtemp(join(tmpdir(), 'imp-smoke-'));
const ws = await WorkspaceService.open({ dataDir: dir, version: 't' });
const files = process.argv.slice(2);
for (const f of files) {
  const content = readFileSync(f, 'utf8');
  let t = performance.now();
  const p = (await ws.call('import.preview', { content, fileName: f.split('/').pop() })) as any;
  console.log('preview', (performance.now() - t).toFixed(0), 'ms', p.format, p.sourceKey, p.mappingOrigin, p.rowCount, p.incidentCount, p.issueCount, JSON.stringify(p.values.status.slice(0, 20)), JSON.stringify(p.mapping).slice(0, 1500));
  console.log(p.issues.slice(0, 5));
  t = performance.now();
  const s = (await ws.call('import.run', { importId: 'x', content, fileName: 'f', sourceKey: p.sourceKey, mapping: p.mapping, acceptValidRows: true })) as any;
  console.log("run", (performance.now() - t).toFixed(0), "ms", JSON.stringify({...s, examples: undefined}));
  t = performance.now();
  const s2 = (await ws.call('import.run', { importId: 'y', content, fileName: 'f', sourceKey: p.sourceKey, mapping: p.mapping, acceptValidRows: true })) as any;
  console.log('rerun', (performance.now() - t).toFixed(0), 'ms', JSON.stringify({ i: s2.incidents, e: s2.events }));
}
const all = ws.allIncidents();
const st: Record<string, number> = {};
for (const i of all) st[i.status] = (st[i.status] ?? 0) + 1;
console.log(all.length, st);
console.log(JSON.stringify(all[0], null, 1).slice(0, 4000));
await ws.close();
