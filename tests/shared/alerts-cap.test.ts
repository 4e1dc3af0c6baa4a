import { describe, expect, it } from 'vitest';
import { capXmlToObject, parseCapXml } from '../../electron/services/alerts/cap-xml';
import { parseCap } from '../../shared/alerts/cap';
import { detectFormat } from '../../shared/alerts/detect';
import type { ParseResult } from '../../shared/alerts/model';
import { ctx, fixtureText, listFixtures, parseFixture } from '../fixtures/alerts/load';

const HYDRO = 'warnings@hydro.example.org';
const WARNING = `${HYDRO},HYD-2026-0302-0017`;
const UPDATE = `${HYDRO},HYD-2026-0302-0031`;

function ok(r: ParseResult) {
  if (!r.ok) throw new Error(`expected success, got ${r.error}`);
  return r;
}
function err(r: ParseResult) {
  if (r.ok) throw new Error('expected an error');
  return r;
}

/** Every CAP fixture → what it must parse to. */
const CAP_FIXTURES: Array<{
  file: string;
  alerts: Array<[dedupKey: string, status: string, statusOnly: boolean]>;
  groupKey: string;
  groupStatus: 'firing' | 'resolved';
  severity: string;
  rawSeverity: string;
  exercise: boolean;
  flag: string | null;
  title: string;
}> = [
  {
    file: '01_flood_warning_alert.xml',
    alerts: [[WARNING, 'firing', false]],
    groupKey: WARNING,
    groupStatus: 'firing',
    severity: 'high',
    rawSeverity: 'Severe',
    exercise: false,
    flag: null,
    title: 'Flood warning: River Severn at Worcester',
  },
  {
    file: '02_flood_warning_update.xml',
    alerts: [
      [WARNING, 'resolved', true],
      [UPDATE, 'firing', false],
    ],
    groupKey: WARNING,
    groupStatus: 'firing',
    severity: 'critical',
    rawSeverity: 'Extreme',
    exercise: false,
    flag: null,
    title: 'Severe flood warning: River Severn at Worcester & Diglis',
  },
  {
    file: '03_flood_warning_cancel.xml',
    alerts: [
      [WARNING, 'resolved', true],
      [UPDATE, 'resolved', true],
    ],
    groupKey: WARNING,
    groupStatus: 'resolved',
    severity: 'info',
    rawSeverity: 'Minor',
    exercise: false,
    flag: null,
    title: 'Cancelled: Flood warning removed: River Severn at Worcester',
  },
  {
    file: '04_exercise_chemical_release.xml',
    alerts: [['civil-protection@county.example.org,CP-EX-2026-BLUEHERON-001', 'firing', false]],
    groupKey: 'civil-protection@county.example.org,CP-EX-2026-BLUEHERON-001',
    groupStatus: 'firing',
    severity: 'critical',
    rawSeverity: 'Extreme',
    exercise: true,
    flag: null,
    title: 'EXERCISE: Chlorine release at Northgate water treatment works',
  },
  {
    file: '05_system_test.xml',
    alerts: [[`${HYDRO},HYD-TEST-2026-03`, 'firing', false]],
    groupKey: `${HYDRO},HYD-TEST-2026-03`,
    groupStatus: 'firing',
    severity: 'warning',
    rawSeverity: 'Unknown',
    exercise: false,
    flag: 'test',
    title: 'Monthly feed test',
  },
  {
    file: '06_storm_bilingual.xml',
    alerts: [['alerts@met.example.ca,MET-2026-03-05T0400Z-WIND-12', 'firing', false]],
    groupKey: 'alerts@met.example.ca,MET-2026-03-05T0400Z-WIND-12',
    groupStatus: 'firing',
    severity: 'warning',
    rawSeverity: 'Moderate',
    exercise: false,
    flag: null,
    title: 'Wind warning in effect',
  },
];

describe('CAP 1.2 fixtures (XML through the Node service)', () => {
  it('covers every valid fixture', () => {
    expect(CAP_FIXTURES.map((f) => f.file)).toEqual(listFixtures('cap').filter((f) => f !== '07_malformed.xml'));
  });

  it.each(CAP_FIXTURES)('$file', ({ file, alerts, groupKey, groupStatus, severity, rawSeverity, exercise, flag, title }) => {
    const text = fixtureText(`cap/${file}`);
    expect(detectFormat('application/cap+xml', text)).toBe('cap');
    const r = parseFixture(`cap/${file}`);
    expect(r.alerts.map((a) => [a.dedupKey, a.status, a.statusOnly])).toEqual(alerts);
    expect(r.group).toMatchObject({ format: 'cap', groupKey, status: groupStatus });
    for (const a of r.alerts) {
      expect(a).toMatchObject({ format: 'cap', groupKey, severity, rawSeverity, exercise, flag });
    }
    expect(r.alerts.at(-1)!.title).toBe(title);
    expect(r.warnings).toEqual([]);
  });

  it('01: reads info, area, eventCode, parameter, times and the web link', () => {
    const [a] = parseFixture('cap/01_flood_warning_alert.xml').alerts;
    expect(a!.labels).toEqual({
      area: 'River Severn at Worcester: Hylton Road, Diglis and the racecourse',
      category: 'Met',
      certainty: 'Likely',
      event: 'Flood Warning',
      'eventCode.HYD-WARNING-LEVEL': 'FW',
      msgType: 'Alert',
      responseType: 'Prepare,Monitor',
      scope: 'Public',
      sender: HYDRO,
      senderName: 'National Hydrological Service, Midlands area',
      severity: 'Severe',
      status: 'Actual',
      urgency: 'Expected',
    });
    expect(a!.annotations).toMatchObject({ 'parameter.gauge': 'Worcester Barbourne 5.02 m and rising', contact: 'Floodline 0345 000 0000', expires: '2026-03-03T08:45:00.000Z' });
    expect(a).toMatchObject({ startsAt: '2026-03-02T14:00:00.000Z', endsAt: '2026-03-03T08:45:00.000Z' });
    expect(a!.description).toMatch(/^River levels at Worcester Barbourne gauge are rising/);
    expect(a!.description).toContain('Instruction: Move vehicles and valuables away');
    expect(a!.description).toContain('Area: River Severn at Worcester');
    expect(a!.links).toEqual([{ label: 'More information', url: 'https://hydro.example.org/warnings/HYD-2026-0302-0017' }]);
    expect(a!.raw).toMatchObject({ identifier: 'HYD-2026-0302-0017', sender: HYDRO, sent: '2026-03-02T08:45:00-00:00', status: 'Actual', msgType: 'Alert', language: 'en-GB', infos: 1 });
  });

  it('04: the exercise starts when sent, converted from +01:00', () => {
    const [a] = parseFixture('cap/04_exercise_chemical_release.xml').alerts;
    expect(a).toMatchObject({ startsAt: '2026-03-04T09:00:00.000Z', endsAt: null, exercise: true });
    expect(a!.annotations.note).toMatch(/^EXERCISE BLUE HERON/);
  });

  it('06: prefers the English info and takes the most severe', () => {
    const r = parseFixture('cap/06_storm_bilingual.xml');
    expect(r.alerts[0]!.labels.event).toBe('wind');
    expect(r.alerts[0]!.raw).toMatchObject({ language: 'en-CA', infos: 2 });
  });

  it('07: malformed XML fails naming the XML position', () => {
    const r = err(parseCapXml(fixtureText('cap/07_malformed.xml'), ctx()));
    expect(r.field).toBe('xml');
    expect(r.error).toMatch(/^xml: line 10, column 3: .*'info'/);
  });

  it.each([
    ['empty', '', /the document is empty/],
    ['a DOCTYPE (entity expansion)', '<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY a "aaaa">]><alert><identifier>&a;</identifier></alert>', /DOCTYPE declarations are not allowed/],
    ['text', 'flood!', /line 1/],
  ])('refuses %s', (_name, xml, message) => {
    const r = err(parseCapXml(xml, ctx()));
    expect(r.field).toBe('xml');
    expect(r.error).toMatch(message);
  });

  it('refuses well-formed XML that is not CAP, naming the alert element', () => {
    const r = err(parseCapXml('<rss version="2.0"><channel><title>x</title></channel></rss>', ctx()));
    expect(r).toMatchObject({ field: 'alert', error: 'alert: is missing: not a CAP document (expected an <alert> root element)' });
  });

  it('warns about another CAP namespace but reads the message', () => {
    const xml = fixtureText('cap/01_flood_warning_alert.xml').replace('cap:1.2', 'cap:1.1');
    const r = ok(parseCapXml(xml, ctx()));
    expect(r.warnings).toEqual(['xml: namespace urn:oasis:names:tc:emergency:cap:1.1 is not CAP 1.2; read as CAP 1.2']);
    expect(r.alerts).toHaveLength(1);
  });

  it('makes repeated elements arrays even when they occur once', () => {
    const read = capXmlToObject(fixtureText('cap/05_system_test.xml'));
    if (!read.ok) throw new Error(read.error);
    const alert = (read.doc as { alert: { info: unknown; identifier: unknown } }).alert;
    expect(Array.isArray(alert.info)).toBe(true);
    expect(alert.identifier).toBe('HYD-TEST-2026-03');
  });
});

/** A pre-parsed CAP alert (what the XML step produces), for edge cases. */
function doc(alert: Record<string, unknown> = {}, info: Record<string, unknown> | null = {}) {
  return {
    alert: {
      identifier: 'ID-1',
      sender: 'ops@example.org',
      sent: '2026-03-02T09:00:00-00:00',
      status: 'Actual',
      msgType: 'Alert',
      scope: 'Public',
      ...(info === null ? {} : { info: [{ category: ['Infra'], event: 'Power outage', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', headline: 'Power outage in sector 4', area: [{ areaDesc: 'Sector 4' }], ...info }] }),
      ...alert,
    },
  };
}

describe('CAP edge cases (pre-parsed documents)', () => {
  const bad: Array<[name: string, body: unknown, field: string, message: RegExp]> = [
    ['no alert element', { feed: {} }, 'alert', /not a CAP document/],
    ['not an object', 'alert', 'alert', /not a CAP document/],
    ['identifier missing', doc({ identifier: undefined }), 'alert.identifier', /is missing/],
    ['sender blank', doc({ sender: '  ' }), 'alert.sender', /is missing/],
    ['sent missing', doc({ sent: '' }), 'alert.sent', /is missing/],
    ['sent not a date-time', doc({ sent: '2 March 2026' }), 'alert.sent', /CAP date-time/],
    ['status unknown', doc({ status: 'Real' }), 'alert.status', /must be one of Actual, Exercise, System, Test, Draft \(got "Real"\)/],
    ['msgType unknown', doc({ msgType: 'Alarm' }), 'alert.msgType', /must be one of Alert, Update, Cancel, Ack, Error/],
    ['info without event', doc({}, { event: undefined }), 'alert.info.0.event', /is missing/],
    ['info without severity', doc({}, { severity: undefined }), 'alert.info.0.severity', /is missing/],
    ['info with a non-CAP severity', doc({}, { severity: 'High' }), 'alert.info.0.severity', /must be one of Extreme, Severe, Moderate, Minor, Unknown \(got "High"\)/],
    ['info with an unknown urgency', doc({}, { urgency: 'Now' }), 'alert.info.0.urgency', /must be one of/],
    ['info without certainty', doc({}, { certainty: undefined }), 'alert.info.0.certainty', /is missing/],
    ['onset not a date-time', doc({}, { onset: 'tonight' }), 'alert.info.0.onset', /CAP date-time/],
    ['area without areaDesc', doc({}, { area: [{ polygon: ['1,1 2,2 3,3 1,1'] }] }), 'alert.info.0.area.0.areaDesc', /is missing/],
    ['second info broken', { alert: { ...doc().alert, info: [doc().alert.info![0], { event: 'x' }] } }, 'alert.info.1.urgency', /is missing/],
    ['Cancel without references', doc({ msgType: 'Cancel' }), 'alert.references', /a Cancel must name the messages it cancels/],
    ['references not triples', doc({ msgType: 'Cancel', references: 'ops@example.org,ID-0' }), 'alert.references', /not a sender,identifier,sent triple/],
  ];

  it.each(bad)('%s → error naming %s', (_name, body, field, message) => {
    const r = err(parseCap(body, ctx()));
    expect(r.field).toBe(field);
    expect(r.error.startsWith(`${field}: `)).toBe(true);
    expect(r.error).toMatch(message);
  });

  it.each([
    ['Actual', false, null],
    ['Exercise', true, null],
    ['Test', false, 'test'],
    ['Draft', false, 'draft'],
    ['System', false, 'system'],
    ['actual', false, null],
  ])('status %s → exercise %s, flag %s', (status, exercise, flag) => {
    const a = ok(parseCap(doc({ status }), ctx())).alerts[0]!;
    expect([a.exercise, a.flag]).toEqual([exercise, flag]);
  });

  it.each([
    ['Extreme', 'critical'],
    ['Severe', 'high'],
    ['Moderate', 'warning'],
    ['Minor', 'info'],
    ['Unknown', 'warning'],
  ])('severity %s → %s', (raw, expected) => {
    expect(ok(parseCap(doc({}, { severity: raw }), ctx())).alerts[0]).toMatchObject({ severity: expected, rawSeverity: raw });
  });

  it('Update: supersedes every reference, groups under the earliest one, ignores a self-reference', () => {
    const r = ok(
      parseCap(
        doc({
          identifier: 'ID-3',
          msgType: 'Update',
          references: 'ops@example.org,ID-2,2026-03-02T08:30:00-00:00 ops@example.org,ID-1,2026-03-02T08:00:00-00:00 ops@example.org,ID-3,2026-03-02T09:00:00-00:00',
        }),
        ctx(),
      ),
    );
    expect(r.alerts.map((a) => [a.dedupKey, a.status, a.statusOnly, a.groupKey])).toEqual([
      ['ops@example.org,ID-2', 'resolved', true, 'ops@example.org,ID-1'],
      ['ops@example.org,ID-1', 'resolved', true, 'ops@example.org,ID-1'],
      ['ops@example.org,ID-3', 'firing', false, 'ops@example.org,ID-1'],
    ]);
    expect(r.alerts[0]!.endsAt).toBe('2026-03-02T09:00:00.000Z');
  });

  it('Update with responseType AllClear resolves the message itself too', () => {
    const r = ok(parseCap(doc({ msgType: 'Update', references: 'ops@example.org,ID-0,2026-03-02T08:00:00-00:00' }, { responseType: ['AllClear'] }), ctx()));
    expect(r.alerts.map((a) => a.status)).toEqual(['resolved', 'resolved']);
    expect(r.group.status).toBe('resolved');
  });

  it('Update without references reads as a new alert, with a warning', () => {
    const r = ok(parseCap(doc({ msgType: 'Update' }), ctx()));
    expect(r.alerts.map((a) => [a.dedupKey, a.status])).toEqual([['ops@example.org,ID-1', 'firing']]);
    expect(r.warnings).toEqual(['alert.references: an Update without references; read as a new alert']);
  });

  it('Ack and Error messages carry no alert', () => {
    for (const msgType of ['Ack', 'Error']) {
      const r = ok(parseCap(doc({ msgType, references: 'ops@example.org,ID-0,2026-03-02T08:00:00-00:00' }, null), ctx()));
      expect(r.alerts).toEqual([]);
      expect(r.warnings).toEqual([`alert.msgType: ${msgType} messages carry no alert`]);
    }
  });

  it('an Alert without info still lists, titled by its note', () => {
    const r = ok(parseCap(doc({ status: 'System', note: 'Feed heartbeat' }, null), ctx()));
    expect(r.alerts[0]).toMatchObject({ title: 'Feed heartbeat', severity: 'warning', rawSeverity: '', flag: 'system' });
  });

  it('reads a single info object, numbers as text, the alert without its wrapper, and ignores unknown elements', () => {
    const base = doc().alert;
    const r = ok(parseCap({ ...base, identifier: 20260302, info: { ...base.info![0], future: 'x' }, extension: { a: 1 } }, ctx()));
    expect(r.alerts[0]).toMatchObject({ dedupKey: 'ops@example.org,20260302', title: 'Power outage in sector 4', severity: 'high' });
  });

  it("applies the source's severity aliases", () => {
    const a = ok(parseCap(doc({}, { severity: 'Moderate' }), ctx(undefined, 'cap-feed', { severityAliases: { moderate: 'high' } }))).alerts[0]!;
    expect(a.severity).toBe('high');
  });

  it('drops non-http web links and keeps resource links', () => {
    const a = ok(parseCap(doc({}, { web: 'ftp://example.org/x', resource: [{ resourceDesc: 'Map', uri: 'https://maps.example.org/s4.png' }, { resourceDesc: 'Attachment' }] }), ctx())).alerts[0]!;
    expect(a.links).toEqual([{ label: 'Map', url: 'https://maps.example.org/s4.png' }]);
  });
});
