/**
 * From alerts to incidents: create an incident from a group (pre-filled, editable), attach and
 * detach, dismiss and restore; the linked incident's timeline gets the alerts' changes, a resolve
 * of every attached alert suggests Monitoring (never forces it); auto-create rules open an
 * incident once per group, also across two PCs.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../shared/contract/stream';
import type { IncidentState } from '../../shared/domain/incident';
import { autoIncidentEventId } from '../../electron/services/alerts/intake';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { tempDir } from '../support/temp-dir';
import { openIntake, sample, TEST_SOURCES, type IntakeHarness } from './alert-helpers';

const AM_FIRING = 'alertmanager/am0.25_generated_01_firing_single.json';
const AM_RESOLVED = 'alertmanager/am0.25_generated_04_resolved.json';
const AM_TWO = 'alertmanager/am0.25_generated_03_firing_two_alerts.json';
const AM_MIXED = 'alertmanager/am0.25_generated_05_mixed_firing_resolved.json';
const CHECKOUT = 'prom/{}:{alertname="HighErrorRate", service="checkout-api"}';
const PAYMENTS = 'prom/{}:{alertname="KubePodCrashLooping", service="payments"}';

const alertLines = (i: IncidentState) =>
  i.timeline.filter((e) => e.type.startsWith('alert.')).map((e) => (e.type === 'alert.received' ? `${e.type}:${(e.data as { status: string }).status}` : e.type));

describe('alert triage', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let h: IntakeHarness;
  const messages: StreamMessage[] = [];
  beforeEach(async () => {
    dir = await tempDir('watchfloor-triage-');
    messages.length = 0;
  });
  afterEach(async () => {
    await h?.close();
    await dir.cleanup();
  });

  it('creates a pre-filled incident from a group, attaches another, and writes the resolve on the timeline', async () => {
    h = await openIntake(dir.path);
    h.ws.subscribe((m) => messages.push(m));
    await h.post('prom', sample(AM_FIRING));
    await h.post('prom', sample(AM_TWO));

    // The draft: title, priority from the severity mapping, services from labels, source monitoring.
    const { draft } = await h.call('alerts.draft', { groupId: CHECKOUT });
    expect(draft).toMatchObject({ title: 'checkout-api 5xx ratio above 5% for 5m', impact: 1, urgency: 1, source: 'monitoring', services: ['checkout-api'], tags: ['alert'] });
    expect(draft.description).toContain('5xx ratio is 12.4% on checkout-api (prod).');

    // The coordinator edits the title before creating.
    const { incident, group } = await h.call('alerts.createIncident', { groupId: CHECKOUT, incident: { ...draft, title: 'Checkout errors' } }, 'Ana Ruiz');
    expect(incident).toMatchObject({ title: 'Checkout errors', priority: 'P1', source: 'monitoring', createdBy: 'Ana Ruiz' });
    expect(group).toMatchObject({ incidentId: incident.id, incidentCreated: true });
    expect(alertLines(incident)).toEqual(['alert.incidentCreated', 'alert.received:firing']);

    // A second group is attached to it; its two firing alerts appear on the timeline.
    const attached = await h.call('alerts.attach', { groupId: PAYMENTS, incidentId: incident.id, reason: 'Same outage' }, 'Ana Ruiz');
    expect(attached.group.incidentId).toBe(incident.id);
    expect(alertLines(attached.incident)).toEqual(['alert.incidentCreated', 'alert.received:firing', 'alert.attached', 'alert.received:firing', 'alert.received:firing']);
    expect(await h.call('alerts.forIncident', { id: incident.id })).toMatchObject({ firing: 3, allResolved: false, suggestMonitoring: false });

    // Linking refuses what makes no sense, by rule.
    await expect(h.call('alerts.createIncident', { groupId: CHECKOUT })).rejects.toMatchObject({ body: { code: 'rule', rule: 'alert.alreadyLinked' } });
    await expect(h.call('alerts.dismiss', { groupId: PAYMENTS, reason: 'noise' })).rejects.toMatchObject({ body: { rule: 'alert.linked' } });
    await expect(h.call('alerts.attach', { groupId: PAYMENTS, incidentId: 'INC-2026-NOPE00-1' })).rejects.toMatchObject({ body: { code: 'not_found' } });

    // Resolves arrive: each one is a timeline entry; when the last attached alert resolves, Monitoring is suggested.
    await h.post('prom', sample(AM_RESOLVED));
    let now = h.ws.require(incident.id);
    expect(alertLines(now).slice(-1)).toEqual(['alert.received:resolved']);
    expect(await h.call('alerts.forIncident', { id: incident.id })).toMatchObject({ firing: 2, suggestMonitoring: false });
    await h.post('prom', sample(AM_MIXED)); // one of the two payments alerts resolves
    expect(alertLines(h.ws.require(incident.id)).slice(-1)).toEqual(['alert.received:resolved']);
    const lastPayments = JSON.parse(sample(AM_MIXED)) as { alerts: Array<{ status: string; endsAt: string }>; status: string };
    lastPayments.status = 'resolved';
    lastPayments.alerts[1] = { ...lastPayments.alerts[1]!, status: 'resolved', endsAt: '2026-11-27T19:10:00Z' };
    await h.post('prom', JSON.stringify(lastPayments));
    now = h.ws.require(incident.id);
    expect(alertLines(now).filter((l) => l === 'alert.received:resolved')).toHaveLength(3);
    expect(await h.call('alerts.forIncident', { id: incident.id })).toMatchObject({ firing: 0, allResolved: true, suggestMonitoring: true });
    // Suggested, never forced: the status is unchanged, and the stream says so once.
    expect(now.status).toBe('new');
    const suggested = messages.flatMap((m) => (m.kind === 'alerts' ? m.monitoringSuggested : []));
    expect(suggested).toEqual([incident.id]);
    // The first (critical) alert was announced for notifications; the warnings were not.
    expect(messages.flatMap((m) => (m.kind === 'alerts' ? m.critical : [])).map((c) => c.groupId)).toEqual([CHECKOUT]);

    // Once Monitoring (or further), no suggestion.
    for (const to of ['investigating', 'mitigated', 'monitoring'] as const) await h.call('incidents.command', { id: incident.id, command: { type: 'transition', to } });
    expect(await h.call('alerts.forIncident', { id: incident.id })).toMatchObject({ allResolved: true, suggestMonitoring: false });
  });

  it('dismisses with a reason, restores, and a re-fire brings a dismissed group back', async () => {
    h = await openIntake(dir.path);
    await h.post('prom', sample(AM_FIRING));
    await expect(h.call('alerts.dismiss', { groupId: CHECKOUT, reason: ' ' })).rejects.toMatchObject({ body: { code: 'invalid_input', field: 'reason' } });
    const { group } = await h.call('alerts.dismiss', { groupId: CHECKOUT, reason: 'Known: load test in prod' }, 'Bo Chen');
    expect(group.dismissed).toMatchObject({ reason: 'Known: load test in prod' });
    expect((await h.call('alerts.inbox', { view: 'triage' })).groups).toEqual([]);
    const restored = await h.call('alerts.restore', { groupId: CHECKOUT });
    expect(restored.group.dismissed).toBeNull();
    await h.call('alerts.dismiss', { groupId: CHECKOUT, reason: 'noise' });
    await h.post('prom', sample(AM_RESOLVED));
    // Firing again after the resolve (a later start): the group needs triage again.
    const refire = JSON.parse(sample(AM_FIRING)) as { alerts: Array<{ startsAt: string }> };
    refire.alerts[0]!.startsAt = '2026-11-27T20:30:00Z';
    expect((await h.post('prom', JSON.stringify(refire))).body.outcomes).toEqual(['refired']);
    expect((await h.call('alerts.inbox', { view: 'triage' })).groups.map((g) => g.id)).toEqual([CHECKOUT]);
    // Nothing of this is an incident.
    expect(h.ws.allIncidents()).toEqual([]);
  });

  it('auto-creates an incident once per group for the chosen severities, with the source mapping', async () => {
    const sources = TEST_SOURCES.map((s) => (s.id === 'prom' ? { ...s, autoCreate: ['critical' as const], category: 'Monitoring', tags: ['prom'], mapping: { critical: { impact: 1 as const, urgency: 2 as const }, high: { impact: 2 as const, urgency: 1 as const }, warning: { impact: 2 as const, urgency: 2 as const }, info: { impact: 3 as const, urgency: 3 as const } } } : s));
    h = await openIntake(dir.path, { sources });
    const first = await h.post('prom', sample(AM_FIRING));
    const [id] = first.body.incidents as string[];
    expect(id).toMatch(/^INC-2026-[A-Z0-9]{6}-1$/);
    const incident = h.ws.require(id!);
    expect(incident).toMatchObject({ title: 'checkout-api 5xx ratio above 5% for 5m', impact: 1, urgency: 2, priority: 'P2', category: 'Monitoring', tags: ['alert', 'prom'], createdBy: 'Alert intake' });
    expect(h.groups()[0]).toMatchObject({ incidentId: id, incidentCreated: true });
    // Warnings wait for a person.
    expect((await h.post('prom', sample(AM_TWO))).body.incidents).toEqual([]);
    // Duplicates, resolves and re-fires of the same group never create a second one.
    expect((await h.post('prom', sample(AM_FIRING))).body.incidents).toEqual([]);
    await h.post('prom', sample(AM_RESOLVED));
    // Even after a person detached it: a group is auto-created at most once (the deterministic id is there).
    await h.call('alerts.detach', { groupId: CHECKOUT, reason: 'wrong incident' });
    expect(h.ws.alertInbox.has(autoIncidentEventId('prom', '{}:{alertname="HighErrorRate", service="checkout-api"}'))).toBe(true);
    const refire = JSON.parse(sample(AM_FIRING)) as { alerts: Array<{ startsAt: string }> };
    refire.alerts[0]!.startsAt = '2026-11-27T20:30:00Z';
    expect((await h.post('prom', JSON.stringify(refire))).body).toMatchObject({ outcomes: ['refired'], incidents: [] });
    expect(h.ws.allIncidents().map((i) => i.id)).toEqual([id]);
    // The detach is on the incident's timeline too.
    expect(alertLines(h.ws.require(id!))).toEqual(['alert.incidentCreated', 'alert.received:firing', 'alert.received:resolved', 'alert.detached']);
  });

  it('two PCs: once the other PC’s creation has arrived, no second incident; racing creations keep one link after the merge', async () => {
    const autoProm = TEST_SOURCES.map((s) => (s.id === 'prom' ? { ...s, autoCreate: ['critical' as const] } : s));
    const pcA = join(dir.path, 'a');
    const pcB = join(dir.path, 'b');
    const pcC = join(dir.path, 'c');

    // PC A receives the alert and creates the incident.
    h = await openIntake(pcA, { sources: autoProm });
    const [incA] = (await h.post('prom', sample(AM_FIRING))).body.incidents as string[];
    await h.post('prom', sample(AM_RESOLVED));
    await h.close();

    // PC B has A's events (as after a shared-folder merge), and gets a later firing of the same group.
    await mkdir(join(pcB, 'journal'), { recursive: true });
    await copyFile(join(pcA, 'journal', 'events.ndjson'), join(pcB, 'journal', 'events.ndjson'));
    h = await openIntake(pcB, { sources: autoProm });
    const refire = JSON.parse(sample(AM_FIRING)) as { alerts: Array<{ startsAt: string }> };
    refire.alerts[0]!.startsAt = '2026-11-27T20:30:00Z';
    expect((await h.post('prom', JSON.stringify(refire))).body.incidents).toEqual([]);
    // ... and the re-fire shows on A's incident timeline, written by B.
    expect(alertLines(h.ws.require(incA!)).slice(-1)).toEqual(['alert.received:firing']);
    await h.close();

    // PC C never saw A's events and creates its own incident for the same group at the same time.
    h = await openIntake(pcC, { sources: autoProm });
    const [incC] = (await h.post('prom', sample(AM_FIRING))).body.incidents as string[];
    expect(incC).not.toBe(incA);
    await h.close();

    // Merged (both journals in one store): one link event per group, the first in event order wins.
    const merged = join(dir.path, 'merged');
    await mkdir(join(merged, 'journal'), { recursive: true });
    const lines = [await readFile(join(pcA, 'journal', 'events.ndjson'), 'utf8'), await readFile(join(pcC, 'journal', 'events.ndjson'), 'utf8')].join('');
    await writeFile(join(merged, 'journal', 'events.ndjson'), lines);
    const ws = await WorkspaceService.open({ dataDir: merged, version: 'test' });
    const linkId = autoIncidentEventId('prom', '{}:{alertname="HighErrorRate", service="checkout-api"}');
    expect(lines.split('\n').filter((l) => l.includes(`"id":"${linkId}"`))).toHaveLength(2);
    // A recorded first (earlier hybrid clock): its link wins on every PC; C's incident is an ordinary duplicate.
    expect(ws.inbox().groups[CHECKOUT]!.incidentId).toBe(incA);
    expect(ws.allIncidents().map((i) => i.id).sort()).toEqual([incA, incC].sort());
    await ws.close();
  });
});
