import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/contract/api';
import type { StatuspageMapping } from '../../shared/contract/import-api';
import type { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspace';
import { byExternalId, followsLifecycle, importText, inTimeOrder, journalLines, preview, STATUSPAGE, statusMoves, text } from './import-helpers';

describe('Statuspage import', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let ws: WorkspaceService;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-import-sp-');
    ({ service: ws } = await openTestWorkspace(dir.path));
  });
  afterEach(async () => {
    await ws.close();
    await dir.cleanup();
  });

  it('previews the 1,282-incident history: format, source, counts, impacts, no problems', { timeout: 60_000 }, async () => {
    const p = await preview(ws, await text(STATUSPAGE('github_incidents_all_1282.json')));
    expect(p).toMatchObject({ format: 'statuspage', sourceKey: 'statuspage:kctbh9vrtdwd', sourceLabel: 'GitHub status page', rowCount: 1282, incidentCount: 1282, issueCount: 0, mappingOrigin: 'suggested' });
    expect(Object.fromEntries(p.values.impact.map((v) => [v.value, v.count]))).toEqual({ minor: 1048, major: 199, none: 33, critical: 2 });
    expect(p.values.status.map((v) => v.value).sort()).toEqual(expect.arrayContaining(['investigating', 'identified', 'monitoring', 'resolved']));
    expect(p.firstAt?.slice(0, 10)).toBe('2010-02-07');
    expect(p.lastAt?.slice(0, 10)).toBe('2023-10-06');
    expect(p.sample[0]).toHaveLength(p.columns.length);
  });

  it('imports all 1,282 incidents at their real times: priorities by impact, updates as entries with their status, components as services', { timeout: 120_000 }, async () => {
    const summary = await importText(ws, await text(STATUSPAGE('github_incidents_all_1282.json')));
    expect(summary).toMatchObject({ format: 'statuspage', incidents: { total: 1282, created: 1282, updated: 0, unchanged: 0 }, rows: { total: 1282, imported: 1282, skipped: 0 }, skippedCount: 0 });
    const all = ws.allIncidents();
    expect(all).toHaveLength(1282);
    const count = (p: string) => all.filter((s) => s.priority === p).length;
    expect([count('P1'), count('P2'), count('P3'), count('P4')]).toEqual([2, 199, 1048, 33]);
    // Every incident on the page is resolved; imports keep them resolved (no invented close).
    expect(all.every((s) => s.status === 'resolved')).toBe(true);
    expect(all.every(followsLifecycle)).toBe(true);
    expect(all.every(inTimeOrder)).toBe(true);
    expect(all.filter((s) => s.services.length > 0).length).toBeGreaterThan(1000);
    // Real times, not shifted: the ids carry the year the incident opened.
    expect(all.some((s) => s.id.startsWith('INC-2010-'))).toBe(true);
    expect(summary.events.recorded).toBe(await journalLines(dir.path));

    const s = byExternalId(ws, 'rgy28jwprr1c');
    expect(s).toMatchObject({ title: 'Notifications degredation', priority: 'P1', status: 'resolved', services: ['Notifications'], createdAt: '2019-09-23T16:12:01.654Z' });
    expect(s.id).toMatch(/^INC-2019-[A-Z0-9]{6}-\d+$/);
    expect(s.entries.map((e) => [e.kind, e.text.split(':')[0], e.recordedAt])).toEqual([
      ['status_update', 'Investigating', '2019-09-23T16:12:01.706Z'],
      ['status_update', 'Identified', '2019-09-23T16:22:14.769Z'],
      ['status_update', 'Monitoring', '2019-09-23T16:28:27.036Z'],
      ['status_update', 'Resolved', '2019-09-23T16:37:46.707Z'],
    ]);
    expect(s.milestones).toMatchObject({ impactStarted: '2019-09-23T16:12:01.644Z', mitigated: '2019-09-23T16:28:27.036Z', resolved: '2019-09-23T16:37:46.707Z' });
    expect(statusMoves(s).map((m) => `${m.from}→${m.to}`)).toEqual(['new→investigating', 'investigating→mitigated', 'mitigated→monitoring', 'monitoring→resolved']);
    expect(s.createdBy).toBe('GitHub status page');
  });

  it('uses the impact → priority mapping it is given', { timeout: 120_000 }, async () => {
    const content = await text(STATUSPAGE('github_incidents_all_1282.json'));
    const p = await preview(ws, content);
    const mapping = { ...(p.mapping as StatuspageMapping), impact: { ...(p.mapping as StatuspageMapping).impact, minor: { impact: 3, urgency: 3 }, none: { impact: 3, urgency: 2 } } } as StatuspageMapping;
    await importText(ws, content, { mapping, sourceKey: p.sourceKey });
    const all = ws.allIncidents();
    expect(all.filter((s) => s.priority === 'P5')).toHaveLength(1048);
    expect(all.filter((s) => s.priority === 'P4')).toHaveLength(33);
  });

  it.each([
    ['f0mhbz9xn497', 'P2', 30],
    ['rgy28jwprr1c', 'P1', 4],
    ['1cdsggtd2q5k', 'P4', undefined],
    ['00km0kwpz23b', undefined, undefined],
    ['2k3z9fkr9z5g', undefined, undefined],
    ['gqx5l06jjxhp', undefined, undefined],
  ])('imports the single-incident file %s', async (id, priority, entries) => {
    const summary = await importText(ws, await text(STATUSPAGE(`github_incident_${id}.json`)));
    expect(summary.incidents).toEqual({ total: 1, created: 1, updated: 0, unchanged: 0 });
    const s = byExternalId(ws, id);
    expect(s.status).toBe('resolved');
    expect(followsLifecycle(s)).toBe(true);
    if (priority) expect(s.priority).toBe(priority);
    if (entries) expect(s.entries).toHaveLength(entries);
    if (id === 'f0mhbz9xn497') expect(s.services.length).toBeGreaterThanOrEqual(8);
  });

  it('adds nothing when a file is imported again, or a subset of an imported history', { timeout: 180_000 }, async () => {
    const all = await text(STATUSPAGE('github_incidents_all_1282.json'));
    const first = await importText(ws, all);
    const lines = await journalLines(dir.path);
    const again = await importText(ws, all);
    expect(again.incidents).toEqual({ total: 1282, created: 0, updated: 0, unchanged: 1282 });
    expect(again.events).toEqual({ recorded: 0, alreadyPresent: first.events.recorded });
    const latest = await importText(ws, await text(STATUSPAGE('github_incidents_latest50.json')));
    const single = await importText(ws, await text(STATUSPAGE('github_incident_rgy28jwprr1c.json')));
    expect(latest.incidents.created + single.incidents.created).toBe(0);
    expect(latest.events.recorded + single.events.recorded).toBe(0);
    expect(await journalLines(dir.path)).toBe(lines);
    expect(ws.allIncidents()).toHaveLength(1282);
  });

  it('refuses broken JSON naming its line and column, and writes nothing', async () => {
    const broken = '{\n  "page": {"name": "X"},\n  "incidents": [\n    {"id": "a1", "name": "n",, "status": "resolved"}\n  ]\n}\n';
    const p = await preview(ws, broken);
    expect(p.issueCount).toBe(1);
    expect(p.issues[0]).toMatchObject({ line: 4, field: '(JSON)' });
    const err = await importText(ws, broken, { mapping: p.mapping, sourceKey: p.sourceKey }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).body).toMatchObject({ code: 'invalid_input', field: 'content' });
    expect((err as ApiError).message).toMatch(/^Line 4, "\(JSON\)": Not valid JSON at line 4, column \d+/);
    expect(await journalLines(dir.path)).toBe(0);
  });

  it('names the incident field at fault; imports only the valid incidents when asked', async () => {
    const doc = JSON.parse(await text(STATUSPAGE('github_incidents_latest50.json'))) as { incidents: Array<Record<string, unknown>> };
    doc.incidents[3]!.impact = 'catastrophic';
    doc.incidents[7]!.created_at = 'yesterday';
    const content = JSON.stringify(doc, null, 2);
    const p = await preview(ws, content);
    expect(p.issueCount).toBe(2);
    expect(p.invalidRows).toBe(2);
    expect(p.issues.map((i) => i.field)).toEqual(['incidents[3].impact', 'incidents[7].created_at']);
    expect(p.issues[0]!.line).toBe(content.split('\n').findIndex((l) => l.includes(`"id": "${doc.incidents[3]!.id as string}"`)) + 1);

    await expect(importText(ws, content, { mapping: p.mapping, sourceKey: p.sourceKey })).rejects.toThrow(/"incidents\[3\]\.impact".*\(and 1 more problem\)\. Nothing was imported/);
    expect(await journalLines(dir.path)).toBe(0);

    const summary = await importText(ws, content, { mapping: p.mapping, sourceKey: p.sourceKey, acceptValidRows: true });
    expect(summary.incidents.created).toBe(48);
    expect(summary.rows).toEqual({ total: 50, imported: 48, skipped: 2 });
    expect(summary.skipped.map((s) => s.field)).toEqual(['incidents[3].impact', 'incidents[7].created_at']);
    expect(ws.allIncidents()).toHaveLength(48);
  });
});
