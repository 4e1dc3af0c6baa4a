import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodOutput } from '../../shared/contract/api';
import type { StreamMessage } from '../../shared/contract/stream';
import { DEFAULT_UPDATE_TEMPLATES } from '../../shared/comms/templates';
import type { IncidentState } from '../../shared/domain/incident';
import { DEFAULT_LIFECYCLE, type LifecycleRules } from '../../shared/domain/lifecycle';
import { DEFAULT_PRIORITY_MATRIX } from '../../shared/domain/priority';
import { EMPTY_DIRECTORY } from '../../shared/org/directory';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { refusal } from '../support/refusal';
import { tempDir } from '../support/temp-dir';

/** The org documents' get / publish methods (directory, templates, matrix, lifecycle) against a real workspace (journal on disk). */

const T0 = Date.parse('2026-11-27T14:02:00Z');
const dana = { id: 'p-dana', name: 'Dana Whitfield', role: 'Duty manager', phone: '+44 20 7946 0100', email: 'dana@example.org', onCall: true };
const sam = { id: 'p-sam', name: 'Sam Okoye' };
const network = { id: 't-net', name: 'Network Operations', description: 'Core network', members: ['p-dana'] };
const telco = { id: 'o-telco', name: 'Northline Telecom', kind: 'vendor', contact: 'NOC +44 20 7946 0900' };

describe('org document handlers', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let now = T0;
  let service: WorkspaceService;
  let messages: StreamMessage[];
  const journal = () => readFile(join(dir.path, 'journal', 'events.ndjson'), 'utf8').catch(() => '');
  const open = async () => {
    service = await WorkspaceService.open({ dataDir: dir.path, version: 'test', clock: { now: () => now } });
    messages = [];
    service.subscribe((m) => messages.push(m));
  };
  const getDirectory = async () => (await service.call('directory.get', {})) as MethodOutput<'directory.get'>;
  const getLifecycle = async () => (await service.call('lifecycle.get', {})) as MethodOutput<'lifecycle.get'>;

  beforeEach(async () => {
    dir = await tempDir('wf-org-docs-');
    now = T0;
    await open();
  });
  afterEach(async () => {
    await service.close();
    await dir.cleanup();
  });

  it('answers the shipped defaults before anything is published: an empty directory, the default templates', async () => {
    expect(await getDirectory()).toEqual({ version: 1, current: EMPTY_DIRECTORY, versions: [{ version: 1, document: EMPTY_DIRECTORY, publishedBy: null, publishedAt: null, concurrent: false }] });
    expect(((await service.call('templates.get', {})) as MethodOutput<'templates.get'>).current).toEqual(DEFAULT_UPDATE_TEMPLATES);
  });

  it('directory.publish records who and when on the org stream, tells clients, and survives a restart', async () => {
    now = T0 + 60_000;
    const published = (await service.call('directory.publish', { directory: { people: [dana, sam], teams: [network], organisations: [telco] } }, { actor: 'Dana' })) as MethodOutput<'directory.publish'>;
    expect(published.version).toBe(2);
    expect(published.current.people[1]).toEqual({ ...sam, role: '', phone: '', email: '', onCall: false }); // defaults filled in
    expect(published.versions[1]).toMatchObject({ version: 2, publishedBy: 'Dana', publishedAt: new Date(now).toISOString(), concurrent: false });
    expect(messages).toContainEqual({ kind: 'org', documents: ['directory'] });
    expect(messages).not.toContainEqual({ kind: 'policies' }); // the SLA scheduler need not look again
    const lines = (await journal()).trim().split('\n').filter((l) => l.includes('org.directory.published'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"stream":"org"');

    await service.call('templates.publish', { templates: { ...DEFAULT_UPDATE_TEMPLATES, customers: { ...DEFAULT_UPDATE_TEMPLATES.customers, text: 'We are working on {title}.' } } }, { actor: 'Sam' });
    await service.close();
    await open();
    expect((await getDirectory()).versions.map((v) => [v.version, v.publishedBy, v.document.people.length])).toEqual([
      [1, null, 0],
      [2, 'Dana', 2],
    ]);
    const templates = (await service.call('templates.get', {})) as MethodOutput<'templates.get'>;
    expect([templates.version, templates.current.customers.text]).toEqual([2, 'We are working on {title}.']);
    expect(service.allIncidents()).toEqual([]); // org events never become incidents
  });

  it('a publish from an older version merges: only its own changes replace the newer version', async () => {
    await service.call('directory.publish', { directory: { people: [dana] } }, { actor: 'Dana' }); // v2
    await service.call('directory.publish', { directory: { people: [dana, sam] } }, { actor: 'Sam' }); // v3, from v2
    // Lee edited v2 on a screen opened before Sam published: adds an organisation.
    const merged = (await service.call('directory.publish', { directory: { people: [dana], organisations: [telco] }, baseVersion: 2 }, { actor: 'Lee' })) as MethodOutput<'directory.publish'>;
    expect(merged.version).toBe(4);
    expect(merged.versions[3]!.concurrent).toBe(true);
    expect(merged.current.people.map((p) => p.name)).toEqual(['Dana Whitfield', 'Sam Okoye']);
    expect(merged.current.organisations.map((o) => o.name)).toEqual(['Northline Telecom']);
  });

  it('matrix.publish: incidents created and re-prioritised afterwards get the new priority and record the version; earlier ones keep theirs', async () => {
    const before = (await service.call('incidents.create', { title: 'Payroll export failing', impact: 2, urgency: 1 })) as IncidentState;
    expect(before.priority).toBe('P2');
    const matrix = [
      ['P1', 'P1', 'P2'],
      ['P1', 'P2', 'P3'],
      ['P3', 'P4', 'P5'],
    ];
    const published = (await service.call('matrix.publish', { matrix }, { actor: 'Dana' })) as MethodOutput<'matrix.publish'>;
    expect([published.version, published.current]).toEqual([2, matrix]);
    expect(messages).toContainEqual({ kind: 'org', documents: ['matrix'] });
    expect(((await service.call('workspace.info', {})) as MethodOutput<'workspace.info'>).matrix).toEqual(matrix);

    const after = (await service.call('incidents.create', { title: 'Badge readers offline', impact: 2, urgency: 1 })) as IncidentState;
    expect(after.priority).toBe('P1');
    expect(after.timeline[0]!.data).toMatchObject({ priority: 'P1', matrixVersion: 2 });
    const reprioritised = (await service.call('incidents.command', { id: before.id, command: { type: 'setPriority', impact: 2, urgency: 2, override: null, reason: 'Spreading' } })) as IncidentState;
    expect(reprioritised.priority).toBe('P2');
    expect(reprioritised.timeline.at(-1)!.data).toMatchObject({ priority: 'P2', matrixVersion: 2 });

    // A restart folds the same: priorities are read from the events, never recomputed.
    await service.close();
    await open();
    expect(service.require(before.id).priority).toBe('P2');
    expect(service.require(after.id).priority).toBe('P1');
    expect(((await service.call('matrix.get', {})) as MethodOutput<'matrix.get'>).version).toBe(2);
  });

  it('lifecycle.publish: status changes from then on follow the new rules; workspace.info answers them; a restart keeps them', async () => {
    const incident = (await service.call('incidents.create', { title: 'Core switch failure', impact: 1, urgency: 1 })) as IncidentState;
    await service.call('incidents.command', { id: incident.id, command: { type: 'transition', to: 'investigating' } });
    const rules: LifecycleRules = {
      ...DEFAULT_LIFECYCLE,
      // Mark mitigated now needs a reason; a new code "Replaced hardware".
      transitions: DEFAULT_LIFECYCLE.transitions.map((t) => (t.from === 'investigating' && t.to === 'mitigated' ? { ...t, requires: ['reason'] } : t)),
      resolutionCodes: [...DEFAULT_LIFECYCLE.resolutionCodes, 'Replaced hardware'],
    };
    const published = (await service.call('lifecycle.publish', { lifecycle: rules }, { actor: 'Dana' })) as MethodOutput<'lifecycle.publish'>;
    expect([published.version, published.current]).toEqual([2, rules]);
    expect(published.versions[1]).toMatchObject({ publishedBy: 'Dana', concurrent: false });
    expect(messages).toContainEqual({ kind: 'org', documents: ['lifecycle'] });
    expect(((await service.call('workspace.info', {})) as MethodOutput<'workspace.info'>).lifecycle).toEqual(rules);

    const mitigate = { type: 'transition', to: 'mitigated' };
    expect(await refusal(service.call('incidents.command', { id: incident.id, command: mitigate }))).toMatchObject({ code: 'rule', rule: 'lifecycle.reasonRequired', field: 'reason' });
    await service.call('incidents.command', { id: incident.id, command: { ...mitigate, reason: 'Standby switch in service' } });
    const resolved = (await service.call('incidents.command', {
      id: incident.id,
      command: { type: 'transition', to: 'resolved', resolution: { summary: 'Failed unit swapped', code: 'Replaced hardware' } },
    })) as IncidentState;
    expect([resolved.status, resolved.resolution?.code]).toEqual(['resolved', 'Replaced hardware']);

    await service.close();
    await open();
    expect((await getLifecycle()).current).toEqual(rules);
    expect(service.require(incident.id).resolution?.code).toBe('Replaced hardware');
  });

  const lifecycle = (patch: Partial<LifecycleRules>) => ({ lifecycle: { ...DEFAULT_LIFECYCLE, ...patch } });
  const relabel = (label: string) => lifecycle({ transitions: DEFAULT_LIFECYCLE.transitions.map((t, i) => (i === 0 ? { ...t, label } : t)) });
  const invalid: Array<{ name: string; method: 'directory.publish' | 'templates.publish' | 'matrix.publish' | 'lifecycle.publish'; input: unknown; field: string }> = [
    { name: 'a matrix where more urgency lowers the priority', method: 'matrix.publish', input: { matrix: [['P3', 'P2', 'P3'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P5']] }, field: 'matrix.0.0' },
    { name: 'a matrix with an unknown priority', method: 'matrix.publish', input: { matrix: [['P0', 'P2', 'P3'], ['P2', 'P3', 'P4'], ['P3', 'P4', 'P5']] }, field: 'matrix.0.0' },
    { name: 'a matrix of the wrong size', method: 'matrix.publish', input: { matrix: [['P1', 'P2', 'P3'], ['P2', 'P3', 'P4']] }, field: 'matrix' },
    { name: 'a person without a name', method: 'directory.publish', input: { directory: { people: [{ ...dana, name: ' ' }] } }, field: 'directory.people.0.name' },
    { name: 'a malformed email', method: 'directory.publish', input: { directory: { people: [{ ...dana, email: 'dana at example' }] } }, field: 'directory.people.0.email' },
    { name: 'two people with one id', method: 'directory.publish', input: { directory: { people: [dana, { ...sam, id: 'p-dana' }] } }, field: 'directory.people.1.id' },
    { name: 'a team member not in the directory', method: 'directory.publish', input: { directory: { people: [dana], teams: [{ ...network, members: ['p-dana', 'p-ghost'] }] } }, field: 'directory.teams.0.members.1' },
    { name: 'an unknown organisation kind', method: 'directory.publish', input: { directory: { organisations: [{ ...telco, kind: 'supplier' }] } }, field: 'directory.organisations.0.kind' },
    { name: 'a misspelt field', method: 'directory.publish', input: { directory: { people: [{ ...dana, oncall: true }] } }, field: 'directory.people.0' },
    { name: 'a base version that does not exist yet', method: 'directory.publish', input: { directory: { people: [dana] }, baseVersion: 9 }, field: 'baseVersion' },
    { name: 'a template with an unknown {field}', method: 'templates.publish', input: { templates: { ...DEFAULT_UPDATE_TEMPLATES, customers: { ...DEFAULT_UPDATE_TEMPLATES.customers, text: 'About {titel}' } } }, field: 'templates.customers.text' },
    { name: 'lifecycle rules without resolution codes', method: 'lifecycle.publish', input: lifecycle({ resolutionCodes: [] }), field: 'lifecycle.resolutionCodes' },
    { name: 'a transition with an empty label', method: 'lifecycle.publish', input: relabel(' '), field: 'lifecycle.transitions.0.label' },
    { name: 'lifecycle rules with no way to Resolved', method: 'lifecycle.publish', input: lifecycle({ transitions: DEFAULT_LIFECYCLE.transitions.filter((t) => t.to !== 'resolved') }), field: 'lifecycle.transitions' },
    { name: 'a transition listed twice', method: 'lifecycle.publish', input: lifecycle({ transitions: [...DEFAULT_LIFECYCLE.transitions, DEFAULT_LIFECYCLE.transitions[0]!] }), field: `lifecycle.transitions.${DEFAULT_LIFECYCLE.transitions.length}` },
    { name: 'an unknown requirement', method: 'lifecycle.publish', input: lifecycle({ transitions: [{ ...DEFAULT_LIFECYCLE.transitions[0]!, requires: ['signature' as 'reason'] }] }), field: 'lifecycle.transitions.0.requires.0' },
    { name: 'a missing audience', method: 'templates.publish', input: { templates: { internal: DEFAULT_UPDATE_TEMPLATES.internal, executive: DEFAULT_UPDATE_TEMPLATES.executive } }, field: 'templates.customers' },
  ];

  it.each(invalid)('refuses $name with invalid_input naming the field, and writes nothing', async ({ method, input, field }) => {
    const before = await journal();
    const body = await refusal(service.call(method, input, { actor: 'Dana' }));
    expect(body.code).toBe('invalid_input');
    expect(body.field).toBe(field);
    expect(await journal()).toBe(before);
    expect(messages.filter((m) => m.kind === 'org')).toEqual([]);
    expect((await getDirectory()).version).toBe(1);
    expect((await getLifecycle()).version).toBe(1);
    expect(((await service.call('workspace.info', {})) as MethodOutput<'workspace.info'>).lifecycle).toEqual(DEFAULT_LIFECYCLE);
  });

  const wallInputs = { 'directory.publish': { directory: { people: [dana] } }, 'templates.publish': { templates: DEFAULT_UPDATE_TEMPLATES }, 'matrix.publish': { matrix: DEFAULT_PRIORITY_MATRIX }, 'lifecycle.publish': { lifecycle: DEFAULT_LIFECYCLE } };
  it.each(Object.keys(wallInputs) as Array<keyof typeof wallInputs>)('refuses %s from a read-only (wall token) caller, and writes nothing', async (method) => {
    const input = wallInputs[method];
    expect(await refusal(service.call(method, input, { readOnly: true }))).toMatchObject({ code: 'forbidden' });
    expect(await journal()).toBe('');
    expect(await service.call('directory.get', {}, { readOnly: true })).toMatchObject({ version: 1 }); // reading is allowed
  });
});
