import { describe, expect, it } from 'vitest';
import { CreateIncidentSchema } from '../../shared/domain/commands';
import { priorityFor } from '../../shared/domain/priority';
import { parseGeneric } from '../../shared/alerts/generic';
import { applyAlert, applyInboxEvent, emptyInbox, type AlertGroup, type AlertInbox } from '../../shared/alerts/inbox';
import type { AlertSeverity, NormalisedAlert } from '../../shared/alerts/model';
import {
  AlertIntakeSettingsSchema,
  AlertSourceSettingsSchema,
  autoCreateDecision,
  DEFAULT_SEVERITY_MAPPING,
  impactUrgencyFor,
  incidentDraftFromGroup,
  rulesFor,
  SeverityMappingSchema,
  type SeverityMapping,
} from '../../shared/alerts/triage';
import { alertsOf, ctx, listFixtures, plus } from '../fixtures/alerts/load';
import { Writer } from './helpers';

const T = '2026-11-27T19:00:00.000Z';

function inboxOf(...files: string[]): AlertInbox {
  let inbox = emptyInbox();
  files.forEach((f, i) => {
    for (const a of alertsOf(f, plus(T, i))) inbox = applyAlert(inbox, a);
  });
  return inbox;
}

function groupOf(...files: string[]): AlertGroup {
  const groups = Object.values(inboxOf(...files).groups);
  expect(groups).toHaveLength(1);
  return groups[0]!;
}

/** One group per fixture file (every format), plus a generic alert. */
function everyGroup(): Array<[string, AlertGroup]> {
  const out: Array<[string, AlertGroup]> = [];
  for (const dir of ['alertmanager', 'pagerduty-events-v2', 'grafana', 'cap']) {
    for (const f of listFixtures(dir).filter((x) => /\.(json|xml)$/.test(x) && !x.includes('malformed'))) {
      for (const g of Object.values(inboxOf(`${dir}/${f}`).groups)) out.push([`${dir}/${f}`, g]);
    }
  }
  const generic = parseGeneric({ title: 'Backup failed', dedupKey: 'b', status: 'firing', severity: 'info', labels: { service: 'backup' } }, ctx(T, 'scripts'));
  if (!generic.ok) throw new Error(generic.error);
  out.push(['generic', Object.values(applyAlert(emptyInbox(), generic.alerts[0]!).groups)[0]!]);
  return out;
}

describe('severity → impact/urgency', () => {
  it.each([
    ['critical', 1, 1, 'P1'],
    ['high', 2, 1, 'P2'],
    ['warning', 2, 2, 'P3'],
    ['info', 3, 3, 'P5'],
  ] as const)('default: %s → impact %i, urgency %i (%s)', (severity, impact, urgency, priority) => {
    expect(impactUrgencyFor(severity)).toEqual({ impact, urgency });
    expect(priorityFor(impact, urgency)).toBe(priority);
  });

  it('mappings are validated data', () => {
    expect(SeverityMappingSchema.parse(DEFAULT_SEVERITY_MAPPING)).toEqual(DEFAULT_SEVERITY_MAPPING);
    expect(SeverityMappingSchema.safeParse({ ...DEFAULT_SEVERITY_MAPPING, info: { impact: 4, urgency: 3 } }).success).toBe(false);
    expect(SeverityMappingSchema.safeParse({ critical: { impact: 1, urgency: 1 } }).success).toBe(false);
  });
});

describe('intake settings', () => {
  it('fills every default', () => {
    const s = AlertIntakeSettingsSchema.parse({ sources: [{ id: 'prom-prod' }] });
    expect(s.dedupWindowMinutes).toBe(15);
    expect(s.defaults).toEqual({ mapping: DEFAULT_SEVERITY_MAPPING, autoCreate: [], severityAliases: {}, serviceLabels: ['service', 'component', 'app', 'job', 'instance'], category: '', tags: [], exercise: false });
    expect(s.sources[0]).toMatchObject({ id: 'prom-prod', name: '', format: 'auto', enabled: true, autoCreate: [] });
  });

  it('rulesFor: the source\'s own rules, else the defaults', () => {
    const s = AlertIntakeSettingsSchema.parse({ defaults: { autoCreate: ['critical'] }, sources: [{ id: 'prom-prod', autoCreate: ['critical', 'high'], format: 'alertmanager' }] });
    expect(rulesFor(s, 'prom-prod').autoCreate).toEqual(['critical', 'high']);
    expect(rulesFor(s, 'elsewhere').autoCreate).toEqual(['critical']);
  });

  it.each([
    ['duplicate source ids', { sources: [{ id: 'a' }, { id: 'a' }] }],
    ['a source id with a slash', { sources: [{ id: 'prom/prod' }] }],
    ['an unknown severity', { defaults: { autoCreate: ['urgent'] } }],
    ['an unknown format', { sources: [{ id: 'x', format: 'nagios' }] }],
    ['a negative window', { dedupWindowMinutes: -1 }],
  ])('refuses %s', (_name, input) => {
    expect(AlertIntakeSettingsSchema.safeParse(input).success).toBe(false);
  });

  it('accepts severity aliases per source', () => {
    expect(AlertSourceSettingsSchema.parse({ id: 'zabbix', severityAliases: { disaster: 'critical', average: 'high' } }).severityAliases).toEqual({ disaster: 'critical', average: 'high' });
  });
});

describe('auto-create', () => {
  const crit = () => groupOf('alertmanager/am0.25_generated_01_firing_single.json');
  const cases: Array<[name: string, group: () => AlertGroup, autoCreate: AlertSeverity[], create: boolean, reason?: RegExp]> = [
    ['critical, critical auto-creates', crit, ['critical'], true],
    ['critical, nothing auto-creates', crit, [], false, /wait for a person/],
    ['warning, only critical auto-creates', () => groupOf('alertmanager/am0.25_generated_03_firing_two_alerts.json'), ['critical'], false, /warning alerts of this source wait/],
    ['resolved', () => groupOf('alertmanager/am0.25_generated_04_resolved.json'), ['critical'], false, /nothing is firing/],
    ['CAP test message', () => groupOf('cap/05_system_test.xml'), ['warning'], false, /CAP test message never becomes an incident/],
    ['dismissed', () => ({ ...crit(), dismissed: { reason: 'x', at: null } }), ['critical'], false, /dismissed/],
    ['attached', () => ({ ...crit(), incidentId: 'INC-2026-K7Q2-14' }), ['critical'], false, /already has incident INC-2026-K7Q2-14/],
    ['CAP exercise, Extreme', () => groupOf('cap/04_exercise_chemical_release.xml'), ['critical'], true],
  ];

  it.each(cases)('%s → %s', (_name, group, autoCreate, create, reason) => {
    const d = autoCreateDecision(group(), { autoCreate });
    expect(d.create).toBe(create);
    if (!d.create) expect(d.reason).toMatch(reason!);
  });

  it('after alert.incidentCreated the same group no longer auto-creates', () => {
    let inbox = inboxOf('alertmanager/am0.25_generated_01_firing_single.json');
    const g = Object.values(inbox.groups)[0]!;
    expect(autoCreateDecision(g, { autoCreate: ['critical'] }).create).toBe(true);
    inbox = applyInboxEvent(inbox, { type: 'alert.incidentCreated', data: { source: g.source, groupKey: g.groupKey, incidentId: 'INC-2026-K7Q2-14', auto: true, severity: 'critical' } });
    expect(autoCreateDecision(inbox.groups[g.id]!, { autoCreate: ['critical'] }).create).toBe(false);
  });
});

describe('incident draft from a group', () => {
  it.each(everyGroup())('%s: a valid CreateIncident input from monitoring', (_file, group) => {
    const draft = incidentDraftFromGroup(group);
    const parsed = CreateIncidentSchema.safeParse(draft);
    expect(parsed.success ? 'valid' : parsed.error.issues).toBe('valid');
    expect(draft).toMatchObject({ source: 'monitoring', major: false, exercise: group.exercise, ...impactUrgencyFor(group.severity) });
    expect(draft.title.length).toBeLessThanOrEqual(200);
    expect(draft.tags).toEqual(['alert']);
  });

  it('Alertmanager 01: title, services from labels, a description with alerts, labels and links', () => {
    const draft = incidentDraftFromGroup(groupOf('alertmanager/am0.25_generated_01_firing_single.json'));
    expect(draft).toMatchObject({ title: 'checkout-api 5xx ratio above 5% for 5m', services: ['checkout-api'], impact: 1, urgency: 1, reporter: 'Alertmanager (prom-prod)', category: '' });
    expect(draft.description).toMatch(/^5xx ratio is 12.4% on checkout-api \(prod\)\./);
    expect(draft.description).toContain('Alerts (1 firing):\n- [firing] checkout-api 5xx ratio above 5% for 5m (critical), since 2026-11-27 18:53 UTC');
    expect(draft.description).toContain('Labels: alertname=HighErrorRate, env=prod, job=checkout-api, namespace=shop, service=checkout-api, severity=critical');
    expect(draft.description).toContain('- Runbook: https://runbooks.example.internal/checkout-api/high-error-rate');
    expect(draft.description).toContain('From Alertmanager source "prom-prod", group {}:{alertname="HighErrorRate", service="checkout-api"}');
  });

  it('Alertmanager 02: counts the alerts Alertmanager left out', () => {
    const draft = incidentDraftFromGroup(groupOf('alertmanager/am0.25_generated_02_firing_truncated.json'));
    expect(draft).toMatchObject({ title: 'Filesystem has less than 10% space left. (4 alerts)', services: ['postgres'], impact: 2, urgency: 2 });
    expect(draft.description).toContain('Alerts (2 firing, 2 more not sent by Alertmanager):');
  });

  it('03 then 05: lists firing and resolved alerts', () => {
    const draft = incidentDraftFromGroup(groupOf('alertmanager/am0.25_generated_03_firing_two_alerts.json', 'alertmanager/am0.25_generated_05_mixed_firing_resolved.json'));
    expect(draft.title).toBe('Pod is crash looping.');
    expect(draft.description).toContain('Alerts (1 firing, 1 resolved):');
    expect(draft.description).toContain('- [resolved] Pod is crash looping. (warning), resolved 2026-11-27 19:00 UTC');
  });

  it.each([
    ['alertmanager/msteams_prom_post_request.json', ['docker_nodes']],
    ['alertmanager/devopsext_events_readme_alertmanager.json', ['prometheus']],
    ['pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json', ['checkout-api']],
    ['grafana/grafana_webhook_two_alerts.json', ['session-store']],
    ['cap/01_flood_warning_alert.xml', []],
  ])('services of %s: %j', (file, services) => {
    expect(incidentDraftFromGroup(groupOf(file)).services).toEqual(services);
  });

  it('shows the raw severity when it differs from the normalised one', () => {
    const draft = incidentDraftFromGroup(groupOf('alertmanager/devopsext_events_readme_alertmanager.json'));
    expect(draft.description).toContain('(warning / some)');
  });

  it('CAP exercise → exercise incident; a training source makes every incident an exercise', () => {
    expect(incidentDraftFromGroup(groupOf('cap/04_exercise_chemical_release.xml'))).toMatchObject({ exercise: true, impact: 1, urgency: 1 });
    expect(incidentDraftFromGroup(groupOf('alertmanager/am0.25_generated_01_firing_single.json'), DEFAULT_SEVERITY_MAPPING, { exercise: true }).exercise).toBe(true);
  });

  it('honours the source mapping, service labels, category and tags', () => {
    const mapping: SeverityMapping = { ...DEFAULT_SEVERITY_MAPPING, warning: { impact: 1, urgency: 2 } };
    const draft = incidentDraftFromGroup(groupOf('alertmanager/am0.25_generated_03_firing_two_alerts.json'), mapping, {
      serviceLabels: ['pod'],
      category: 'Platform',
      tags: ['k8s', 'alert', ' payments '],
    });
    expect(draft).toMatchObject({ impact: 1, urgency: 2, services: ['payments-worker-7d9f6c5b8-2xkqp', 'payments-worker-7d9f6c5b8-lm4zt'], category: 'Platform', tags: ['alert', 'k8s', 'payments'] });
    expect(CreateIncidentSchema.safeParse(draft).success).toBe(true);
  });

  it('stays valid with oversized content', () => {
    let inbox = emptyInbox();
    const [base] = alertsOf('alertmanager/am0.25_generated_01_firing_single.json', T);
    for (let i = 0; i < 80; i++) {
      const a: NormalisedAlert = {
        ...base!,
        dedupKey: `k${i}`,
        title: `${'Very long title '.repeat(60)}${i}`.slice(0, 1024),
        description: 'd'.repeat(10_000),
        labels: { service: `${i}-${'svc-'.repeat(50)}`, big: 'x'.repeat(4000) },
      };
      inbox = applyAlert(inbox, a);
    }
    const draft = incidentDraftFromGroup(Object.values(inbox.groups)[0]!);
    expect(CreateIncidentSchema.safeParse(draft).success).toBe(true);
    expect(draft.title).toHaveLength(200);
    expect(draft.title.endsWith('…')).toBe(true);
    expect(draft.description!.length).toBeLessThanOrEqual(20_000);
    expect(draft.services).toHaveLength(50);
    expect(draft.services!.every((s) => s.length <= 120)).toBe(true);
  });

  it('creates a real incident through the domain (priority from the mapping)', () => {
    const w = new Writer('writer-a');
    const id = w.create(incidentDraftFromGroup(groupOf('pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json')));
    expect(w.get(id)).toMatchObject({ source: 'monitoring', priority: 'P1', impact: 1, urgency: 1, services: ['checkout-api'], title: '[FIRING:1] HighErrorRate checkout-api (prod checkout-api shop critical)' });
    const high = incidentDraftFromGroup(groupOf('pagerduty-events-v2/am0.25_generated_pd_v2_02_trigger_two_alerts.json'), { ...DEFAULT_SEVERITY_MAPPING, warning: DEFAULT_SEVERITY_MAPPING.high });
    expect(w.get(w.create(high)).priority).toBe('P2');
  });
});
