import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CsvMapping, RememberedMapping } from '../../shared/contract/import-api';
import { parseEvent } from '../../shared/domain/events';
import type { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspace';
import { BPI_SAMPLE, byExternalId, followsLifecycle, importText, inTimeOrder, journalLines, preview, SERVICENOW, statusMoves, text } from './import-helpers';

describe('CSV import: BPI Challenge 2013 (VINST) sample of 1,000 cases', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let ws: WorkspaceService;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-import-bpi-');
    ({ service: ws } = await openTestWorkspace(dir.path));
  });
  afterEach(async () => {
    await ws.close();
    await dir.cleanup();
  });

  it('recognises the log and suggests the column, status and impact mapping', { timeout: 120_000 }, async () => {
    const p = await preview(ws, await text(BPI_SAMPLE));
    expect(p).toMatchObject({ format: 'csv', sourceKey: 'bpi2013-vinst', rowCount: 8975, incidentCount: 1000, issueCount: 0, knownIncidents: 0 });
    const m = p.mapping as CsvMapping;
    expect(m.columns).toMatchObject({ id: 'SR Number', time: 'Change Date+Time', status: 'Status', subStatus: 'Sub Status', impact: 'SR Latest Impact', team: 'Involved ST', person: 'Resource', product: 'Product' });
    expect(m.status).toMatchObject({
      'Accepted / In Progress': 'investigating',
      'Accepted / Assigned': 'acknowledged',
      'Queued / Awaiting Assignment': 'on_hold',
      'Accepted / Wait': 'on_hold',
      'Accepted / Wait - User': 'on_hold',
      'Accepted / Wait - Vendor': 'on_hold',
      'Completed / Resolved': 'resolved',
      'Completed / In Call': 'resolved',
      'Completed / Closed': 'closed',
    });
    expect(m.impact).toMatchObject({ Low: { impact: 3, urgency: 2 }, Medium: { impact: 2, urgency: 2 }, High: { impact: 1, urgency: 2 } });
    expect(p.values.status.reduce((n, v) => n + v.count, 0)).toBe(8975);
    expect(p.firstAt! < p.lastAt!).toBe(true);
  });

  it('imports every case along the lifecycle, at the log’s own times, durably', { timeout: 120_000 }, async () => {
    const summary = await importText(ws, await text(BPI_SAMPLE), { fileName: 'bpi2013_vinst_incidents_sample1000cases.csv' });
    expect(summary).toMatchObject({ incidents: { total: 1000, created: 1000, updated: 0, unchanged: 0 }, rows: { total: 8975, imported: 8975, skipped: 0 }, skippedCount: 0 });
    expect(summary.events.recorded).toBe(await journalLines(dir.path));
    const all = ws.allIncidents();
    expect(all).toHaveLength(1000);
    expect(all.every(followsLifecycle)).toBe(true);
    expect(all.every(inTimeOrder)).toBe(true);
    // Last source statuses: Completed/Closed 737, Completed/In Call 254, Completed/Resolved 9.
    expect(all.filter((s) => s.status === 'closed')).toHaveLength(737);
    expect(all.filter((s) => s.status === 'resolved')).toHaveLength(263);
    // Impact (constant per case): Medium 518 → P3, Low 457 → P4, High 25 → P2.
    expect(['P2', 'P3', 'P4'].map((p) => all.filter((s) => s.priority === p).length)).toEqual([25, 518, 457]);
    // Adjustments to the lifecycle are counted, not hidden.
    expect(summary.notes.find((n) => n.message.startsWith('Investigating → Acknowledged'))?.count).toBeGreaterThan(0);

    const s = byExternalId(ws, '1-543317665');
    expect(s).toMatchObject({ priority: 'P3', status: 'closed', services: ['PROD542'], createdAt: '2011-07-25T13:45:15.000Z', createdBy: 'nl-Olga' });
    expect(s.title).toContain('1-543317665');
    expect(s.responders.map((r) => [r.person, r.team])).toContainEqual(['nl-Olga', 'D8']);
    const moves = statusMoves(s);
    expect(moves[0]).toMatchObject({ from: 'new', to: 'investigating', at: '2011-07-25T13:45:15.000Z' });
    // Waiting sub-statuses: on hold with the sub-status as the reason, and resumed afterwards.
    expect(moves[1]).toMatchObject({ from: 'investigating', to: 'on_hold', reason: 'Awaiting Assignment', at: '2011-07-25T13:50:11.000Z' });
    expect(moves[2]).toMatchObject({ from: 'on_hold', to: 'investigating', at: '2011-07-25T14:28:03.000Z' });
    expect(moves.find((m) => m.reason === 'Wait - User')).toMatchObject({ to: 'on_hold', at: '2011-07-25T14:52:35.000Z' });
    expect(moves.at(-2)).toMatchObject({ to: 'resolved', at: '2012-05-04T07:36:32.000Z' });
    expect(moves.at(-1)).toMatchObject({ from: 'resolved', to: 'closed', at: '2012-05-11T23:21:27.000Z' });
    expect(s.milestones).toMatchObject({ resolved: '2012-05-04T07:36:32.000Z', closed: '2012-05-11T23:21:27.000Z' });
    expect(s.resolution?.code).toBe('Fixed');

    // Durable: every journal line is a valid event, and a restart gives the same incidents.
    const lines = (await readFile(join(dir.path, 'journal', 'events.ndjson'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.every((l) => parseEvent(JSON.parse(l.slice(9))).ok)).toBe(true);
    await ws.close();
    ({ service: ws } = await openTestWorkspace(dir.path));
    expect(ws.allIncidents()).toHaveLength(1000);
    expect(byExternalId(ws, '1-543317665')).toEqual(s);
  });

  it('applies an edited impact and status mapping', { timeout: 120_000 }, async () => {
    const content = await text(BPI_SAMPLE);
    const p = await preview(ws, content);
    const m = p.mapping as CsvMapping;
    const mapping: CsvMapping = { ...m, impact: { ...m.impact, Low: { impact: 3, urgency: 3 } }, status: { ...m.status, 'Completed / In Call': 'closed' } };
    await importText(ws, content, { mapping, sourceKey: p.sourceKey });
    const all = ws.allIncidents();
    expect(all.filter((s) => s.priority === 'P5')).toHaveLength(457);
    expect(all.filter((s) => s.status === 'closed')).toHaveLength(737 + 254);
  });
});

describe('CSV import: ServiceNow incident export', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let ws: WorkspaceService;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-import-sn-');
    ({ service: ws } = await openTestWorkspace(dir.path));
  });
  afterEach(async () => {
    await ws.close();
    await dir.cleanup();
  });

  it('maps one row per incident: opened, current state, resolved and closed times, close code, impact × urgency', async () => {
    const content = await text(SERVICENOW);
    const p = await preview(ws, content);
    expect(p).toMatchObject({ format: 'csv', sourceKey: 'servicenow-incident', sourceLabel: 'ServiceNow incident export', rowCount: 67, incidentCount: 67, issueCount: 0 });
    const m = p.mapping as CsvMapping;
    expect(m.columns).toMatchObject({ id: 'number', time: 'opened_at', status: 'incident_state', subStatus: 'hold_reason', impact: 'impact', urgency: 'urgency', title: 'short_description', resolvedAt: 'resolved_at', closedAt: 'closed_at', resolutionCode: 'close_code' });
    expect(p.values.status.map((v) => v.label)).toEqual(expect.arrayContaining(['Closed', 'In Progress', 'New', 'On Hold / Awaiting Caller']));

    const summary = await importText(ws, content);
    expect(summary.incidents.created).toBe(67);
    const all = ws.allIncidents();
    const count = (st: string) => all.filter((s) => s.status === st).length;
    expect([count('closed'), count('investigating'), count('new'), count('on_hold')]).toEqual([27, 20, 13, 7]);
    expect(all.every(followsLifecycle)).toBe(true);
    expect(all.every(inTimeOrder)).toBe(true);

    const email = byExternalId(ws, 'INC0000060');
    expect(email).toMatchObject({ title: 'Unable to connect to email', category: 'inquiry', impact: 2, urgency: 2, priority: 'P3', status: 'closed', createdAt: '2016-12-12T15:19:57.000Z' });
    expect(email.resolution).toMatchObject({ code: 'Fixed' }); // Solved (Permanently)
    expect(email.milestones).toMatchObject({ resolved: '2016-12-13T21:43:14.000Z', closed: '2016-12-14T02:46:44.000Z' });
    expect(byExternalId(ws, 'INC0000009').resolution?.code).toBe('Resolved by caller');
    expect(byExternalId(ws, 'INC0000014').resolution?.code).toBe('Workaround'); // Solved (Work Around)
    // impact 1 × urgency 1 → P1 with the default matrix.
    expect(byExternalId(ws, 'INC0000009')).toMatchObject({ impact: 1, urgency: 1, priority: 'P1' });
    const held = all.filter((s) => s.status === 'on_hold').flatMap((s) => statusMoves(s).filter((mv) => mv.to === 'on_hold').map((mv) => mv.reason));
    expect(held).toContain('Awaiting Caller');
    expect(held).toContain('Awaiting Vendor');
  });

  it('remembers the mapping per source in importer-mappings.json and offers it next time', async () => {
    const content = await text(SERVICENOW);
    const p = await preview(ws, content);
    const mapping = { ...(p.mapping as CsvMapping), defaultResolutionCode: 'Workaround' };
    await importText(ws, content, { mapping, sourceKey: p.sourceKey, fileName: 'incidents.csv' });
    const file = JSON.parse(await readFile(join(dir.path, 'importer-mappings.json'), 'utf8')) as { version: number; sources: Record<string, { mapping: CsvMapping }> };
    expect(file.version).toBe(1);
    expect(file.sources['servicenow-incident']!.mapping.defaultResolutionCode).toBe('Workaround');
    const { mappings } = (await ws.call('import.mappings', {})) as { mappings: RememberedMapping[] };
    expect(mappings).toEqual([expect.objectContaining({ sourceKey: 'servicenow-incident', fileName: 'incidents.csv', mapping: expect.objectContaining({ defaultResolutionCode: 'Workaround' }) })]);

    // A restart reads it back; the preview says where its mapping came from.
    await ws.close();
    ({ service: ws } = await openTestWorkspace(dir.path));
    const again = await preview(ws, content);
    expect(again.mappingOrigin).toBe('remembered');
    expect((again.mapping as CsvMapping).defaultResolutionCode).toBe('Workaround');
    expect(again.knownIncidents).toBe(67);
    const given = await preview(ws, content, { mapping: { ...mapping, defaultResolutionCode: 'Fixed' } });
    expect(given.mappingOrigin).toBe('given');
  });
});
