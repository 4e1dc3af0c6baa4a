import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from '../support/http-host';
import { openTestWorkspace } from '../support/workspace';
const dir = await mkdtemp(join(tmpdir(), 'imp-http-'));
const { service: ws } = await openTestWorkspace(dir);
const host = await startHost({ service: ws, version: 't' });
const content = readFileSync('/work/shared/data/eventlogs/bpi2013_vinst_incidents_sample1000cases.csv', 'utf8');
const p = await (await host.post('import.preview', { content, fileName: 's' })).json() as any;
console.log('preview ok');
try {
  const res = await host.post('import.run', { importId: 'r', content, fileName: 's', sourceKey: p.sourceKey, mapping: p.mapping });
  console.log(res.status, (await res.text()).slice(0, 200));
} catch (e) { console.log('ERR', e, (e as any).cause); }
await host.close(); await ws.close();
