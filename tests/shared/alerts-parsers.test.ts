import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAlertmanager, parseGrafana } from '../../shared/alerts/alertmanager';
import { detectFormat, parseAlertBody, parseJsonText } from '../../shared/alerts/detect';
import { parseCap } from '../../shared/alerts/cap';
import { parseGeneric } from '../../shared/alerts/generic';
import { canonicalJson, prometheusFingerprint, sha256Hex } from '../../shared/alerts/hash';
import { NormalisedAlertSchema, type AlertFormat, type ParseResult } from '../../shared/alerts/model';
import { parseTime } from '../../shared/alerts/normalise';
import { generatedDedupKey, parsePagerDuty } from '../../shared/alerts/pagerduty';
import { ctx, fixtureJson, fixtureText, FIXTURES, HAS_SHARED_DATA, listFixtures, parseFixture, RECEIVED, SHARED_ALERTS } from '../fixtures/alerts/load';

const AM_01 = '{}:{alertname="HighErrorRate", service="checkout-api"}';
const AM_02 = '{}/{team="storage"}:{alertname="DiskSpaceLow", service="postgres"}';
const AM_03 = '{}:{alertname="KubePodCrashLooping", service="payments"}';
const PD_ERRORS = '500cdcc59dbd473f4f364481761ff6e4bc6cd515bf0346701c535a56c755a54a';
const PD_CRASH = '5c21151fcb46b78560d2e2bbc3559b77601b23aa8ba586a2f10e3120bd652d50';
const MSTEAMS_KEY = prometheusFingerprint({
  alertname: 'high_memory_load',
  instance: 'instance-with-hyphen_and_underscore',
  job: 'docker_nodes',
  monitor: 'master',
  severity: 'warning',
});

function ok(r: ParseResult) {
  if (!r.ok) throw new Error(`expected success, got ${r.error}`);
  return r;
}

function err(r: ParseResult) {
  if (r.ok) throw new Error('expected an error');
  return r;
}

/** Every sample of ../shared/data/alerts: file → what it must parse to. */
const SAMPLES: Array<{
  file: string;
  format: AlertFormat;
  statuses: string[];
  keys: string[];
  groupKey: string;
  groupStatus: 'firing' | 'resolved';
  truncated: number;
  severity: string;
}> = [
  { file: 'alertmanager/am0.25_generated_01_firing_single.json', format: 'alertmanager', statuses: ['firing'], keys: ['d33f7380b21706bd'], groupKey: AM_01, groupStatus: 'firing', truncated: 0, severity: 'critical' },
  { file: 'alertmanager/am0.25_generated_02_firing_truncated.json', format: 'alertmanager', statuses: ['firing', 'firing'], keys: ['64dc4e36c598665f', '4b6aefdae4bf6312'], groupKey: AM_02, groupStatus: 'firing', truncated: 2, severity: 'warning' },
  { file: 'alertmanager/am0.25_generated_03_firing_two_alerts.json', format: 'alertmanager', statuses: ['firing', 'firing'], keys: ['0b237aefc9452c52', '69dd874623d1ec29'], groupKey: AM_03, groupStatus: 'firing', truncated: 0, severity: 'warning' },
  { file: 'alertmanager/am0.25_generated_04_resolved.json', format: 'alertmanager', statuses: ['resolved'], keys: ['d33f7380b21706bd'], groupKey: AM_01, groupStatus: 'resolved', truncated: 0, severity: 'critical' },
  { file: 'alertmanager/am0.25_generated_05_mixed_firing_resolved.json', format: 'alertmanager', statuses: ['resolved', 'firing'], keys: ['0b237aefc9452c52', '69dd874623d1ec29'], groupKey: AM_03, groupStatus: 'firing', truncated: 0, severity: 'warning' },
  { file: 'alertmanager/devopsext_events_readme_alertmanager.json', format: 'alertmanager', statuses: ['firing'], keys: ['f8767e67485c740c'], groupKey: '{}/{}:{alertname="Process Open FDS"}', groupStatus: 'firing', truncated: 0, severity: 'warning' },
  { file: 'alertmanager/msteams_prom_post_request.json', format: 'alertmanager', statuses: ['firing'], keys: [MSTEAMS_KEY], groupKey: '{}:{alertname="high_memory_load"}', groupStatus: 'firing', truncated: 0, severity: 'warning' },
  { file: 'pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json', format: 'pagerduty', statuses: ['firing'], keys: [PD_ERRORS], groupKey: PD_ERRORS, groupStatus: 'firing', truncated: 0, severity: 'critical' },
  { file: 'pagerduty-events-v2/am0.25_generated_pd_v2_02_trigger_two_alerts.json', format: 'pagerduty', statuses: ['firing'], keys: [PD_CRASH], groupKey: PD_CRASH, groupStatus: 'firing', truncated: 0, severity: 'warning' },
  { file: 'pagerduty-events-v2/am0.25_generated_pd_v2_04_resolve.json', format: 'pagerduty', statuses: ['resolved'], keys: [PD_ERRORS], groupKey: PD_ERRORS, groupStatus: 'resolved', truncated: 0, severity: 'critical' },
  { file: 'pagerduty-events-v2/am0.25_generated_pd_v2_05_retrigger_partial.json', format: 'pagerduty', statuses: ['firing'], keys: [PD_CRASH], groupKey: PD_CRASH, groupStatus: 'firing', truncated: 0, severity: 'warning' },
];

describe('sample payloads (../shared/data/alerts)', () => {
  it('lists every sample file exactly once', () => {
    const files = [...listFixtures('alertmanager').map((f) => `alertmanager/${f}`), ...listFixtures('pagerduty-events-v2').map((f) => `pagerduty-events-v2/${f}`)];
    expect(SAMPLES.map((s) => s.file).sort()).toEqual(files.sort());
  });

  it.skipIf(!HAS_SHARED_DATA).each(SAMPLES.map((s) => s.file))('fixture copy of %s is byte-identical to shared data', (file) => {
    expect(readFileSync(join(FIXTURES, file), 'utf8')).toBe(readFileSync(join(SHARED_ALERTS, file), 'utf8'));
  });

  it.skipIf(!HAS_SHARED_DATA)('shared data holds no alert sample the table misses', () => {
    const shared = ['alertmanager', 'pagerduty-events-v2'].flatMap((d) => readdirSync(join(SHARED_ALERTS, d)).map((f) => `${d}/${f}`));
    expect(shared.sort()).toEqual(SAMPLES.map((s) => s.file).sort());
  });

  it.each(SAMPLES)('$file → $statuses', ({ file, format, statuses, keys, groupKey, groupStatus, truncated, severity }) => {
    const text = fixtureText(file);
    expect(detectFormat('application/json', text)).toBe(format);
    const r = ok(parseAlertBody(format, text, ctx()));
    expect(r.alerts.map((a) => a.status)).toEqual(statuses);
    expect(r.alerts.map((a) => a.dedupKey)).toEqual(keys);
    expect(new Set(r.alerts.map((a) => a.groupKey))).toEqual(new Set([groupKey]));
    expect(r.group).toMatchObject({ format, groupKey, status: groupStatus, truncatedAlerts: truncated });
    expect(r.alerts.every((a) => a.truncatedAlerts === truncated && a.severity === severity && a.format === format)).toBe(true);
    for (const a of r.alerts) {
      expect(NormalisedAlertSchema.parse(JSON.parse(JSON.stringify(a)))).toEqual(a);
      expect(a.source).toBe('prom-prod');
      expect(a.receivedAt).toBe(RECEIVED);
      expect(a.endsAt === null).toBe(a.status === 'firing');
    }
  });

  it('keeps labels, annotations and generatorURL of a real Alertmanager alert', () => {
    const [a] = parseFixture('alertmanager/am0.25_generated_01_firing_single.json').alerts;
    expect(a).toMatchObject({
      title: 'checkout-api 5xx ratio above 5% for 5m',
      description: '5xx ratio is 12.4% on checkout-api (prod).',
      rawSeverity: 'critical',
      startsAt: '2026-11-27T18:53:06.634Z',
      endsAt: null,
      labels: { alertname: 'HighErrorRate', env: 'prod', job: 'checkout-api', namespace: 'shop', service: 'checkout-api', severity: 'critical' },
      annotations: { runbook_url: 'https://runbooks.example.internal/checkout-api/high-error-rate' },
      raw: { receiver: 'incident-desk', fingerprint: 'd33f7380b21706bd', groupStatus: 'firing', externalURL: 'http://alertmanager.example.internal:9093' },
    });
    expect(a!.links.map((l) => l.label)).toEqual(['Source', 'Runbook']);
    expect(a!.links[0]!.url).toMatch(/^http:\/\/prometheus\.example\.internal:9090\/graph\?g0\.expr=sum%28rate/);
  });

  it('reads the resolved sample with its end time (microseconds cut to milliseconds)', () => {
    const [a] = parseFixture('alertmanager/am0.25_generated_04_resolved.json').alerts;
    expect(a).toMatchObject({ status: 'resolved', startsAt: '2026-11-27T18:53:06.634Z', endsAt: '2026-11-27T19:00:12.736Z' });
  });

  it('05: a "firing" group holding one resolved and one firing alert takes each alert\'s own status', () => {
    const r = parseFixture('alertmanager/am0.25_generated_05_mixed_firing_resolved.json');
    expect(r.group.status).toBe('firing');
    expect(r.alerts.map((a) => [a.dedupKey, a.status, a.endsAt])).toEqual([
      ['0b237aefc9452c52', 'resolved', '2026-11-27T19:00:12.736Z'],
      ['69dd874623d1ec29', 'firing', null],
    ]);
  });

  it('02: reports the two alerts Alertmanager left out', () => {
    const r = parseFixture('alertmanager/am0.25_generated_02_firing_truncated.json');
    expect(r.group.truncatedAlerts).toBe(2);
    expect(r.warnings).toContain('truncatedAlerts: the sender left out 2 alert(s) of this group');
  });

  it('msteams capture without fingerprint or status: stable derived keys, the group status', () => {
    const body = fixtureJson('alertmanager/msteams_prom_post_request.json');
    const r1 = ok(parseAlertmanager(body, ctx()));
    // Same labels in another order, received later: same key.
    const alert = (body.alerts as Array<Record<string, unknown>>)[0]!;
    const shuffled = { ...body, alerts: [{ ...alert, labels: Object.fromEntries(Object.entries(alert.labels as object).reverse()) }] };
    const r2 = ok(parseAlertmanager(shuffled, ctx('2026-11-27T20:00:00.000Z')));
    expect(r1.alerts[0]!.dedupKey).toBe(MSTEAMS_KEY);
    expect(r2.alerts[0]!.dedupKey).toBe(MSTEAMS_KEY);
    expect(r1.alerts[0]!.status).toBe('firing');
    expect(r1.alerts[0]!.startsAt).toBe('2018-03-07T11:33:21.873Z'); // nanoseconds, -05:00
    expect(r1.alerts[0]!.links).toEqual([]);
    expect(r1.warnings).toEqual([`alerts.0.fingerprint: missing; derived ${MSTEAMS_KEY} from the labels`]);
  });

  it('derived fingerprints equal the ones a real Alertmanager sends', () => {
    for (const f of SAMPLES.filter((s) => s.file.includes('am0.25_generated_0'))) {
      const body = fixtureJson(f.file) as { alerts: Array<{ labels: Record<string, string>; fingerprint: string }> };
      for (const a of body.alerts) expect(prometheusFingerprint(a.labels)).toBe(a.fingerprint);
    }
  });

  it('PagerDuty trigger/resolve pairs share dedup keys, and the key is SHA-256 of the Alertmanager group key', () => {
    const key = (f: string) => parseFixture(`pagerduty-events-v2/${f}`).alerts[0]!.dedupKey;
    expect(key('am0.25_generated_pd_v2_01_trigger.json')).toBe(key('am0.25_generated_pd_v2_04_resolve.json'));
    expect(key('am0.25_generated_pd_v2_02_trigger_two_alerts.json')).toBe(key('am0.25_generated_pd_v2_05_retrigger_partial.json'));
    expect(sha256Hex(AM_01)).toBe(PD_ERRORS);
    expect(sha256Hex(AM_03)).toBe(PD_CRASH);
  });

  it('05_retrigger_partial: a trigger for the same dedup key, now one firing and one resolved', () => {
    const r = parseFixture('pagerduty-events-v2/am0.25_generated_pd_v2_05_retrigger_partial.json');
    const [a] = r.alerts;
    expect(a).toMatchObject({ status: 'firing', acknowledged: false, statusOnly: false, title: '[FIRING:1] KubePodCrashLooping payments (payments-worker prod payments warning)' });
    expect(a!.annotations).toMatchObject({ num_firing: '1', num_resolved: '1' });
    expect(a!.labels).toEqual({ class: 'KubePodCrashLooping', component: 'payments', group: 'prod', severity: 'warning', source: 'payments' });
    expect(a!.description).toContain('pod = payments-worker-7d9f6c5b8-lm4zt');
    expect(r.response).toEqual({ httpStatus: 202, body: { status: 'success', message: 'Event processed', dedup_key: PD_CRASH } });
  });

  it('never stores the PagerDuty routing key', () => {
    const body = { ...fixtureJson('pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json'), routing_key: 'R0123456789abcdefghijklmnopqrstu' };
    const r = ok(parsePagerDuty(body, ctx()));
    expect(JSON.stringify(r.alerts)).not.toContain('R0123456789abcdefghijklmnopqrstu');
    expect(r.alerts[0]!.raw.routingKeyEnd).toBe('rstu');
  });
});

const AM_BODY = () => fixtureJson('alertmanager/am0.25_generated_03_firing_two_alerts.json');
const alertsOfBody = (b: Record<string, unknown>) => b.alerts as Array<Record<string, unknown>>;

describe('Alertmanager webhook edge cases', () => {
  const cases: Array<[name: string, change: (b: Record<string, unknown>) => unknown, field: string, message: RegExp]> = [
    ['body is an array', () => [], 'body', /must be a JSON object/],
    ['body is null', () => null, 'body', /must be a JSON object/],
    ['alerts missing', (b) => ({ ...b, alerts: undefined }), 'alerts', /alerts: is missing/],
    ['alerts not an array', (b) => ({ ...b, alerts: 'none' }), 'alerts', /alerts: must be an array \(got string\)/],
    ['alerts empty', (b) => ({ ...b, alerts: [] }), 'alerts', /alerts: must not be empty/],
    ['groupKey missing', (b) => ({ ...b, groupKey: undefined }), 'groupKey', /groupKey: is missing/],
    ['groupKey blank', (b) => ({ ...b, groupKey: '  ' }), 'groupKey', /groupKey: must not be blank/],
    ['labels missing', (b) => ({ ...b, alerts: [{ ...alertsOfBody(b)[0], labels: undefined }] }), 'alerts.0.labels', /is missing/],
    ['labels an array', (b) => ({ ...b, alerts: [alertsOfBody(b)[0], { ...alertsOfBody(b)[1], labels: ['a'] }] }), 'alerts.1.labels', /must be an object \(got array\)/],
    ['unknown alert status', (b) => ({ ...b, alerts: [{ ...alertsOfBody(b)[0], status: 'pending' }] }), 'alerts.0.status', /must be one of "firing", "resolved" \(got "pending"\)/],
    ['no status at all', (b) => ({ ...b, status: undefined, alerts: [{ ...alertsOfBody(b)[0], status: undefined }] }), 'alerts.0.status', /no group status either/],
    ['startsAt missing', (b) => ({ ...b, alerts: [{ ...alertsOfBody(b)[0], startsAt: undefined }] }), 'alerts.0.startsAt', /is missing/],
    ['startsAt not a time', (b) => ({ ...b, alerts: [alertsOfBody(b)[0], { ...alertsOfBody(b)[1], startsAt: 'yesterday' }] }), 'alerts.1.startsAt', /RFC 3339/],
    ['endsAt not a time', (b) => ({ ...b, alerts: [{ ...alertsOfBody(b)[0], endsAt: '2026-13-01T00:00:00Z' }] }), 'alerts.0.endsAt', /RFC 3339/],
    ['truncatedAlerts negative', (b) => ({ ...b, truncatedAlerts: -1 }), 'truncatedAlerts', /.+/],
    ['Grafana body sent to the Alertmanager endpoint', (b) => ({ ...b, version: '1' }), 'version', /must be "4" \(got "1"\).*grafana format/],
  ];

  it.each(cases)('%s → error naming %s', (_name, change, field, message) => {
    const r = err(parseAlertmanager(change(AM_BODY()), ctx()));
    expect(r.field).toBe(field);
    expect(r.error.startsWith(`${field}: `)).toBe(true);
    expect(r.error).toMatch(message);
  });

  it('ignores unknown fields at every level', () => {
    const b = AM_BODY();
    const extra = { ...b, future: { nested: true }, alerts: alertsOfBody(b).map((a) => ({ ...a, silencedBy: ['x'], weird: 1 })) };
    expect(ok(parseAlertmanager(extra, ctx())).alerts).toEqual(ok(parseAlertmanager(b, ctx())).alerts);
  });

  it('reads a body without version, with a warning', () => {
    const r = ok(parseAlertmanager({ ...AM_BODY(), version: undefined }, ctx()));
    expect(r.alerts).toHaveLength(2);
    expect(r.warnings[0]).toMatch(/^version: missing/);
  });

  it('a resolved alert with the zero endsAt ends when received; a firing one with a real endsAt keeps it', () => {
    const b = AM_BODY();
    const [first, second] = alertsOfBody(b);
    const r = ok(parseAlertmanager({ ...b, alerts: [{ ...first, status: 'resolved' }, { ...second, endsAt: '2026-11-27T20:00:00Z' }] }, ctx()));
    expect(r.alerts.map((a) => [a.status, a.endsAt])).toEqual([
      ['resolved', RECEIVED],
      ['firing', '2026-11-27T20:00:00.000Z'],
    ]);
  });

  it('coerces scalar label values, drops nulls and nested values, and sorts labels', () => {
    const b = AM_BODY();
    const r = ok(parseAlertmanager({ ...b, alerts: [{ ...alertsOfBody(b)[0], fingerprint: undefined, labels: { zone: 1, alertname: 'X', ok: true, gone: null, deep: { a: 1 } } }] }, ctx()));
    expect(Object.entries(r.alerts[0]!.labels)).toEqual([
      ['alertname', 'X'],
      ['ok', 'true'],
      ['zone', '1'],
    ]);
    expect(r.alerts[0]!.dedupKey).toBe(prometheusFingerprint({ alertname: 'X', ok: 'true', zone: '1' }));
  });

  it('a "__proto__" label pollutes nothing', () => {
    const b = AM_BODY();
    const first = JSON.parse(`{"alertname":"X","__proto__":{"polluted":"yes"},"constructor":"c"}`) as Record<string, unknown>;
    const r = ok(parseAlertmanager({ ...b, alerts: [{ ...alertsOfBody(b)[0], labels: first }] }, ctx()));
    expect(Object.keys(r.alerts[0]!.labels)).toEqual(['alertname', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps only http(s) links', () => {
    const b = AM_BODY();
    const r = ok(parseAlertmanager({ ...b, alerts: [{ ...alertsOfBody(b)[0], generatorURL: 'javascript:alert(1)', annotations: { runbook_url: 'file:///etc/passwd', summary: 's' } }] }, ctx()));
    expect(r.alerts[0]!.links).toEqual([]);
  });

  it.each([
    ['critical', 'critical'],
    ['CRITICAL', 'critical'],
    ['page', 'critical'],
    ['error', 'high'],
    ['major', 'high'],
    ['warning', 'warning'],
    ['minor', 'warning'],
    ['info', 'info'],
    ['none', 'info'],
    ['some', 'warning'],
    [undefined, 'warning'],
  ])('severity label %s → %s (raw kept)', (raw, expected) => {
    const b = AM_BODY();
    const labels = { alertname: 'A', ...(raw === undefined ? {} : { severity: raw }) };
    const a = ok(parseAlertmanager({ ...b, alerts: [{ ...alertsOfBody(b)[0], labels }] }, ctx())).alerts[0]!;
    expect(a.severity).toBe(expected);
    expect(a.rawSeverity).toBe(raw ?? '');
  });

  it("applies the source's severity aliases first", () => {
    const body = fixtureJson('alertmanager/devopsext_events_readme_alertmanager.json');
    expect(ok(parseAlertmanager(body, ctx(RECEIVED, 'k8s', { severityAliases: { Some: 'high' } }))).alerts[0]!.severity).toBe('high');
  });

  it('marks alerts labelled exercise="true" as exercise', () => {
    const b = AM_BODY();
    const r = ok(parseAlertmanager({ ...b, alerts: [{ ...alertsOfBody(b)[0], labels: { alertname: 'Drill', exercise: 'true' } }] }, ctx()));
    expect(r.alerts[0]!.exercise).toBe(true);
  });

  it('replaces a group key over 1024 characters by a stable hash', () => {
    const long = `{}:{alertname="${'x'.repeat(2000)}"}`;
    const a1 = ok(parseAlertmanager({ ...AM_BODY(), groupKey: long }, ctx())).alerts[0]!;
    const a2 = ok(parseAlertmanager({ ...AM_BODY(), groupKey: long }, ctx())).alerts[0]!;
    expect(a1.groupKey).toBe(`sha256:${sha256Hex(long)}`);
    expect(a2.groupKey).toBe(a1.groupKey);
  });
});

describe('Grafana alerting webhook', () => {
  const body = () => fixtureJson('grafana/grafana_webhook_two_alerts.json');

  it('reads a version "1" body with per-alert values and Grafana links', () => {
    const text = fixtureText('grafana/grafana_webhook_two_alerts.json');
    expect(detectFormat('application/json', text)).toBe('grafana');
    const r = ok(parseGrafana(body(), ctx()));
    expect(r.alerts.map((a) => [a.dedupKey, a.status, a.severity, a.startsAt, a.endsAt])).toEqual([
      ['c6eadffa33fcdf37', 'firing', 'critical', '2026-03-02T08:51:03.157Z', null],
      ['bc97ff14869b13e3', 'resolved', 'critical', '2026-03-02T08:41:03.157Z', '2026-03-02T08:56:03.157Z'],
    ]);
    const [firing, resolved] = r.alerts;
    expect(firing!.links.map((l) => l.label)).toEqual(['Alert rule', 'Runbook', 'Dashboard', 'Panel', 'Silence']);
    expect(resolved!.links.map((l) => l.label)).toEqual(['Alert rule', 'Silence']); // empty dashboard/panel URLs skipped
    expect(firing!.raw).toMatchObject({ orgId: 1, state: 'alerting', values: JSON.stringify({ B: 94.23943737541908, C: 1 }) });
    expect(firing!.raw.valueString).toMatch(/^\[ var='B'/);
    expect(r.group).toMatchObject({ format: 'grafana', receiver: 'watchfloor', status: 'firing', title: 'High memory usage', externalUrl: 'https://grafana.example.internal/' });
  });

  it('refuses an Alertmanager body and legacy Grafana notifications, naming the field', () => {
    expect(err(parseGrafana({ ...body(), version: '4' }, ctx()))).toMatchObject({ field: 'version' });
    const legacy = { title: '[Alerting] CPU', ruleId: 3, ruleName: 'CPU', state: 'alerting', evalMatches: [{ metric: 'cpu', value: 91 }], message: 'CPU high' };
    const r = err(parseGrafana(legacy, ctx()));
    expect(r.field).toBe('alerts');
    expect(r.error).toMatch(/legacy Grafana/);
  });
});

describe('PagerDuty Events API v2', () => {
  const trigger = () => fixtureJson('pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json');
  const payload = () => trigger().payload as Record<string, unknown>;

  const invalid: Array<[name: string, body: () => unknown, field: string, errors: string[]]> = [
    ['not an object', () => 'trigger', 'body', ['Event object must be a JSON object (got string)']],
    ['routing_key missing', () => ({ ...trigger(), routing_key: undefined }), 'routing_key', ["'routing_key' is missing or blank"]],
    ['routing_key short', () => ({ ...trigger(), routing_key: 'abc' }), 'routing_key', ["Length of 'routing_key' is incorrect (should be 32 characters)"]],
    ['event_action missing', () => ({ ...trigger(), event_action: undefined }), 'event_action', ["'event_action' is missing or blank"]],
    ['event_action unknown', () => ({ ...trigger(), event_action: 'escalate' }), 'event_action', ['\'event_action\' is invalid (must be one of: trigger, acknowledge, resolve; got "escalate")']],
    ['trigger without payload', () => ({ ...trigger(), payload: undefined }), 'payload', ["'payload' is missing"]],
    ['payload not an object', () => ({ ...trigger(), payload: [1] }), 'payload', ["'payload' must be an object (got array)"]],
    [
      'summary and severity missing (all errors listed)',
      () => ({ ...trigger(), payload: { ...payload(), summary: ' ', severity: undefined } }),
      'payload.summary',
      ["'payload.summary' is missing or blank", "'payload.severity' is missing or blank"],
    ],
    ['source missing', () => ({ ...trigger(), payload: { ...payload(), source: '' } }), 'payload.source', ["'payload.source' is missing or blank"]],
    ['severity unknown', () => ({ ...trigger(), payload: { ...payload(), severity: 'high' } }), 'payload.severity', ['\'payload.severity\' is invalid (must be one of: critical, error, warning, info; got "high")']],
    ['timestamp not a time', () => ({ ...trigger(), payload: { ...payload(), timestamp: 'now' } }), 'payload.timestamp', ['\'payload.timestamp\' is not an ISO 8601 time (got "now")']],
    ['resolve without dedup_key', () => ({ ...trigger(), event_action: 'resolve', dedup_key: undefined }), 'dedup_key', ["'dedup_key' is missing or blank (required for resolve)"]],
    ['acknowledge without dedup_key', () => ({ ...trigger(), event_action: 'acknowledge', dedup_key: '' }), 'dedup_key', ["'dedup_key' is missing or blank (required for acknowledge)"]],
    ['dedup_key too long', () => ({ ...trigger(), dedup_key: 'k'.repeat(256) }), 'dedup_key', ["'dedup_key' is too long (max 255 characters)"]],
    ['dedup_key a number', () => ({ ...trigger(), dedup_key: 42 }), 'dedup_key', ["'dedup_key' must be a string (got number)"]],
  ];

  it.each(invalid)('%s → 400 "invalid event" naming %s', (_name, body, field, errors) => {
    const r = err(parsePagerDuty(body(), ctx()));
    expect(r.field).toBe(field);
    expect(r.error).toBe(errors.join('; '));
    expect(r.response).toEqual({ httpStatus: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } });
  });

  it('acknowledge and resolve without payload only change the state', () => {
    const base = { routing_key: '0'.repeat(32), dedup_key: PD_ERRORS };
    const ack = ok(parsePagerDuty({ ...base, event_action: 'acknowledge' }, ctx())).alerts[0]!;
    expect(ack).toMatchObject({ status: 'firing', acknowledged: true, statusOnly: true, title: `Acknowledged: ${PD_ERRORS}`, endsAt: null });
    const res = ok(parsePagerDuty({ ...base, event_action: 'resolve' }, ctx()));
    expect(res.alerts[0]).toMatchObject({ status: 'resolved', statusOnly: true, endsAt: RECEIVED });
    expect(res.response).toEqual({ httpStatus: 202, body: { status: 'success', message: 'Event processed', dedup_key: PD_ERRORS } });
  });

  it('generates a deterministic dedup key for a trigger without one and returns it', () => {
    const body = { ...trigger(), dedup_key: undefined };
    const r1 = ok(parsePagerDuty(body, ctx()));
    const reordered = { ...body, payload: Object.fromEntries(Object.entries(payload()).reverse()) };
    const r2 = ok(parsePagerDuty(reordered, ctx('2026-11-28T00:00:00.000Z')));
    const key = r1.alerts[0]!.dedupKey;
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(key).toBe(generatedDedupKey('0'.repeat(32), payload()));
    expect(r2.alerts[0]!.dedupKey).toBe(key); // same routing key + payload, any time, any key order
    expect(r1.response?.body).toMatchObject({ dedup_key: key });
    expect(r1.alerts[0]!.raw.dedupKeyGenerated).toBe(true);
    expect(r1.warnings[0]).toMatch(/^dedup_key: missing on trigger; generated/);
    const other = ok(parsePagerDuty({ ...body, payload: { ...payload(), summary: 'Another problem' } }, ctx()));
    const otherKey = ok(parsePagerDuty({ ...body, routing_key: '1'.repeat(32) }, ctx()));
    expect(other.alerts[0]!.dedupKey).not.toBe(key);
    expect(otherKey.alerts[0]!.dedupKey).not.toBe(key);
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });

  it.each([
    ['critical', 'critical'],
    ['error', 'high'],
    ['warning', 'warning'],
    ['info', 'info'],
  ])('severity %s → %s', (raw, expected) => {
    const a = ok(parsePagerDuty({ ...trigger(), payload: { ...payload(), severity: raw } }, ctx())).alerts[0]!;
    expect([a.severity, a.rawSeverity]).toEqual([expected, raw]);
  });

  it('reads timestamp, component, custom_details, links and images; ignores unknown fields', () => {
    const body = {
      routing_key: 'R0123456789abcdefghijklmnopqrstu',
      event_action: 'trigger',
      dedup_key: 'db-primary-replication',
      something_new: true,
      payload: {
        summary: 'Replication lag 45s on db-1',
        source: 'db-1.example.internal',
        severity: 'error',
        timestamp: '2015-07-17T08:42:58.315+0000',
        component: 'postgres',
        group: 'prod-datapipe',
        class: 'replication lag',
        custom_details: { 'lag seconds': 45, hosts: ['db-1', 'db-2'], note: 'multi\nline', empty: '' },
      },
      links: [{ href: 'https://grafana.example.internal/d/db', text: 'DB dashboard' }, { href: 'javascript:void(0)', text: 'bad' }],
      images: [{ src: 'https://img.example.internal/lag.png', alt: 'Lag graph' }],
      client: 'Zabbix',
      client_url: 'https://zabbix.example.internal/tr_events.php?triggerid=1',
    };
    const a = ok(parsePagerDuty(body, ctx())).alerts[0]!;
    expect(a).toMatchObject({ dedupKey: 'db-primary-replication', severity: 'high', startsAt: '2015-07-17T08:42:58.315Z', title: 'Replication lag 45s on db-1' });
    expect(a.labels).toEqual({ class: 'replication lag', component: 'postgres', group: 'prod-datapipe', severity: 'error', source: 'db-1.example.internal' });
    expect(a.description).toBe('lag seconds: 45\nhosts: ["db-1","db-2"]\nnote:\nmulti\nline');
    expect(a.links).toEqual([
      { label: 'Zabbix', url: 'https://zabbix.example.internal/tr_events.php?triggerid=1' },
      { label: 'DB dashboard', url: 'https://grafana.example.internal/d/db' },
      { label: 'Lag graph', url: 'https://img.example.internal/lag.png' },
    ]);
  });

  it('cuts a summary over 1024 characters instead of refusing it', () => {
    const r = ok(parsePagerDuty({ ...trigger(), payload: { ...payload(), summary: 's'.repeat(2000) } }, ctx()));
    expect(r.alerts[0]!.title).toHaveLength(1024);
    expect(r.warnings).toContain('payload.summary: longer than 1024 characters; cut');
  });
});

describe('generic JSON', () => {
  const valid = { title: 'Backup job failed on nas-2', dedupKey: 'backup-nas-2', status: 'firing', severity: 'high' };

  it('reads a minimal alert and answers 202 with its keys', () => {
    const r = ok(parseGeneric(valid, ctx()));
    expect(r.alerts[0]).toMatchObject({ format: 'generic', dedupKey: 'backup-nas-2', groupKey: 'backup-nas-2', status: 'firing', severity: 'high', rawSeverity: 'high', description: '', startsAt: RECEIVED, endsAt: null, links: [], exercise: false });
    expect(r.response).toEqual({ httpStatus: 202, body: { status: 'accepted', dedupKey: 'backup-nas-2', groupKey: 'backup-nas-2' } });
  });

  it('reads every optional field and ignores unknown ones', () => {
    const r = ok(
      parseGeneric(
        {
          ...valid,
          severity: ' CRITICAL ',
          status: 'resolved',
          description: 'rsync exited 23',
          sourceUrl: 'https://jenkins.example.internal/job/backup/812/',
          groupKey: 'backups',
          labels: { service: 'backup', attempt: 3 },
          startsAt: '2026-03-02T08:00:00+01:00',
          exercise: true,
          whatever: { a: 1 },
        },
        ctx(),
      ),
    );
    expect(r.alerts[0]).toMatchObject({
      groupKey: 'backups',
      status: 'resolved',
      severity: 'critical',
      rawSeverity: ' CRITICAL ',
      description: 'rsync exited 23',
      labels: { attempt: '3', service: 'backup' },
      startsAt: '2026-03-02T07:00:00.000Z',
      endsAt: RECEIVED,
      links: [{ label: 'Source', url: 'https://jenkins.example.internal/job/backup/812/' }],
      exercise: true,
    });
  });

  const bad: Array<[name: string, body: unknown, field: string, message: RegExp]> = [
    ['an array', [valid], 'body', /must be a JSON object \(got array\)/],
    ['title missing', { ...valid, title: undefined }, 'title', /title: is missing/],
    ['title blank', { ...valid, title: '  ' }, 'title', /title: must not be blank/],
    ['dedupKey missing', { ...valid, dedupKey: undefined }, 'dedupKey', /is missing/],
    ['dedupKey too long', { ...valid, dedupKey: 'k'.repeat(256) }, 'dedupKey', /too long \(max 255/],
    ['status unknown', { ...valid, status: 'open' }, 'status', /must be one of "firing", "resolved"/],
    ['severity unknown', { ...valid, severity: 'urgent' }, 'severity', /must be one of "critical", "high", "warning", "info"/],
    ['severity a number', { ...valid, severity: 1 }, 'severity', /must be one of/],
    ['sourceUrl not http', { ...valid, sourceUrl: 'javascript:alert(1)' }, 'sourceUrl', /http\(s\) URL/],
    ['startsAt not a time', { ...valid, startsAt: '02/03/2026' }, 'startsAt', /RFC 3339/],
    ['labels not an object', { ...valid, labels: 'service=x' }, 'labels', /must be an object/],
    ['exercise not a boolean', { ...valid, exercise: 'yes' }, 'exercise', /must be a boolean/],
  ];

  it.each(bad)('%s → 400 naming %s', (_name, body, field, message) => {
    const r = err(parseGeneric(body, ctx()));
    expect(r.field).toBe(field);
    expect(r.error).toMatch(message);
    expect(r.response).toEqual({ httpStatus: 400, body: { error: { code: 'invalid_input', message: r.error, field } } });
  });
});

describe('detectFormat and parseAlertBody', () => {
  const capXml = fixtureText('cap/01_flood_warning_alert.xml');
  const cases: Array<[name: string, contentType: string | null, body: unknown, format: AlertFormat | null]> = [
    ['CAP XML', 'application/xml', capXml, 'cap'],
    ['CAP XML without a content type', null, capXml, 'cap'],
    ['CAP with a cap: prefix', 'text/xml', fixtureText('cap/02_flood_warning_update.xml'), 'cap'],
    ['CAP pre-parsed', null, { alert: { identifier: 'x', msgType: 'Alert' } }, 'cap'],
    ['other XML', 'application/xml', '<rss version="2.0"><channel/></rss>', null],
    ['JSON with BOM', 'application/json', `\uFEFF${fixtureText('alertmanager/am0.25_generated_01_firing_single.json')}`, 'alertmanager'],
    ['Alertmanager object', null, AM_BODY(), 'alertmanager'],
    ['Alertmanager without version', null, { groupKey: 'g', alerts: [] }, 'alertmanager'],
    ['Grafana by orgId', null, { orgId: 1, alerts: [] }, 'grafana'],
    ['PagerDuty ack', null, { routing_key: 'x', event_action: 'acknowledge' }, 'pagerduty'],
    ['generic', 'application/json', JSON.stringify({ title: 't', dedupKey: 'k', status: 'firing', severity: 'info' }), 'generic'],
    ['unrelated JSON', 'application/json', '{"hello":"world"}', null],
    ['broken JSON', 'application/json', '{"alerts": [', null],
    ['a number', null, 42, null],
  ];

  it.each(cases)('%s → %s', (_name, contentType, body, format) => {
    expect(detectFormat(contentType, body)).toBe(format);
  });

  it('parses JSON text, and names the body when the JSON is malformed', () => {
    expect(ok(parseAlertBody('alertmanager', fixtureText('alertmanager/am0.25_generated_01_firing_single.json'), ctx())).alerts).toHaveLength(1);
    const r = err(parseAlertBody('alertmanager', '{"alerts": [', ctx()));
    expect(r.field).toBe('body');
    expect(r.error).toMatch(/^body: not valid JSON \(/);
    expect(err(parseAlertBody('pagerduty', '{oops', ctx())).response).toMatchObject({ httpStatus: 400, body: { status: 'invalid event', errors: [expect.stringMatching(/^body: not valid JSON/)] } });
    expect(err(parseAlertBody('generic', '{oops', ctx())).response).toMatchObject({ httpStatus: 400, body: { error: { code: 'invalid_input', field: 'body' } } });
    expect(err(parseAlertBody('cap', capXml, ctx())).field).toBe('body');
    expect(parseJsonText('[1]')).toEqual({ ok: true, value: [1] });
  });
});

describe('time and hashes', () => {
  it.each([
    ['2026-11-27T18:53:06.634Z', '2026-11-27T18:53:06.634Z'],
    ['2026-11-27T19:00:12.736382Z', '2026-11-27T19:00:12.736Z'],
    ['2018-03-07T06:33:21.873077559-05:00', '2018-03-07T11:33:21.873Z'],
    ['2015-07-17T08:42:58.315+0000', '2015-07-17T08:42:58.315Z'],
    ['2026-03-02T08:45:00-00:00', '2026-03-02T08:45:00.000Z'],
    ['2026-03-02 08:45:00Z', '2026-03-02T08:45:00.000Z'],
    ['0001-01-01T00:00:00Z', 'zero'],
    ['2026-02-30T00:00:00Z', null],
    ['2026-02-30T00:00:00+01:00', null],
    ['2024-02-29T12:00:00+01:00', '2024-02-29T11:00:00.000Z'],
    ['2026-03-02T24:00:00Z', null],
    ['2026-03-02', null],
    ['yesterday', null],
    [1700000000, null],
  ])('parseTime(%s) → %s', (input, expected) => {
    expect(parseTime(input)).toBe(expected);
  });

  it('SHA-256 matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
});

describe('no body makes a parser throw', () => {
  const parsers = { alertmanager: parseAlertmanager, grafana: parseGrafana, pagerduty: parsePagerDuty, generic: parseGeneric, cap: parseCap };
  const valid = (r: ParseResult) => {
    if (r.ok) for (const a of r.alerts) expect(NormalisedAlertSchema.safeParse(a).success).toBe(true);
    else expect(r.error.length).toBeGreaterThan(0);
  };

  it.each(Object.keys(parsers))('%s: any JSON value → a result, never an exception', (name) => {
    const parse = parsers[name as keyof typeof parsers];
    fc.assert(fc.property(fc.jsonValue(), (v) => valid(parse(v, ctx()))), { numRuns: 300 });
  });

  const seeds: Array<[keyof typeof parsers, () => Record<string, unknown>, (b: Record<string, unknown>) => Record<string, unknown>]> = [
    ['alertmanager', () => fixtureJson('alertmanager/am0.25_generated_02_firing_truncated.json'), (b) => (b.alerts as Array<Record<string, unknown>>)[0]!],
    ['grafana', () => fixtureJson('grafana/grafana_webhook_two_alerts.json'), (b) => (b.alerts as Array<Record<string, unknown>>)[0]!],
    ['pagerduty', () => fixtureJson('pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json'), (b) => b.payload as Record<string, unknown>],
    ['generic', () => ({ title: 't', dedupKey: 'k', status: 'firing', severity: 'info', labels: { service: 's' } }), (b) => b.labels as Record<string, unknown>],
    [
      'cap',
      () => ({ alert: { identifier: 'I', sender: 's@example.org', sent: '2026-03-02T09:00:00-00:00', status: 'Actual', msgType: 'Alert', info: [{ event: 'e', urgency: 'Expected', severity: 'Minor', certainty: 'Likely', area: [{ areaDesc: 'a' }] }] } }),
      (b) => ((b.alert as Record<string, unknown>).info as Array<Record<string, unknown>>)[0]!,
    ],
  ];

  it.each(seeds)('%s: a real body with any field replaced → a result', (name, seed, inner) => {
    const parse = parsers[name];
    const outerKeys = Object.keys(seed());
    const innerKeys = [...Object.keys(inner(seed())), 'extra', '__proto__'];
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(...outerKeys), fc.constantFrom(...innerKeys), fc.jsonValue(), (deep, outer, key, value) => {
        const body = seed();
        if (deep) Object.defineProperty(inner(body), key, { value, enumerable: true, writable: true, configurable: true });
        else body[outer] = value;
        valid(parse(body, ctx()));
      }),
      { numRuns: 300 },
    );
  });

  it('cuts oversized CAP values instead of failing', () => {
    const long = 'x'.repeat(5000);
    const r = ok(
      parseCap(
        { alert: { identifier: 'I', sender: 's', sent: '2026-03-02T09:00:00-00:00', status: 'Actual', msgType: 'Alert', info: { event: long, urgency: 'Expected', severity: 'Minor', certainty: 'Likely', description: long, eventCode: { valueName: 'n'.repeat(300), value: 'v' }, parameter: Array.from({ length: 250 }, (_, i) => ({ valueName: `p${i}`, value: 'v' })) } } },
        ctx(),
      ),
    );
    expect(r.alerts[0]!.labels.event).toHaveLength(4000);
    expect(Object.keys(r.alerts[0]!.annotations).length).toBeLessThanOrEqual(200);
  });
});
