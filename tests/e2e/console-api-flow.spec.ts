import { expect, test } from '@playwright/test';
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { IncidentState } from '../../shared/domain/incident';
import { call, command, createIncident, getIncident, ok, type ApiErrorAnswer } from './support/api';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * The console's incident flow over the HTTP API, as docs/API.md documents it: the documented curl
 * commands run verbatim (only the base URL and the example incident id are substituted), the same
 * walk-through as the console test, and every refusal a 4xx JSON error naming the rule.
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DOC = readFileSync(join(repo, 'docs', 'API.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version;
const DOC_BASE = 'http://127.0.0.1:4510';
const DOC_ID = 'INC-2026-K7Q2MX-14';
const execFileAsync = promisify(execFile);

/** The ```sh blocks of docs/API.md under each `### ` / `## ` heading. */
function docBlocks(): Map<string, string> {
  const blocks = new Map<string, string>();
  let heading = '';
  const lines = DOC.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^#{2,3} /.test(line)) heading = line.replace(/^#+ /, '').replace(/`/g, '');
    if (line.trim() === '```sh') {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
      blocks.set(heading, body.join('\n'));
    }
  }
  return blocks;
}

function block(heading: string): string {
  const b = docBlocks().get(heading);
  if (!b) throw new Error(`docs/API.md has no sh example under "${heading}"; headings: ${[...docBlocks().keys()].join(' | ')}`);
  return b;
}

const localise = (text: string, base: string, id = DOC_ID) => text.split(DOC_BASE).join(base).split(DOC_ID).join(id);

/**
 * Runs shell text with bash; a failing command fails the test. Asynchronous on purpose: blocking
 * the worker (spawnSync) for longer than the host's 5 s keep-alive lets fetch reuse a socket the
 * host has already closed ("other side closed").
 */
async function sh(script: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync('bash', ['-c', script], { encoding: 'utf8', timeout: 30_000 });
    return stdout;
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    throw new Error(`bash exited with ${e.code}: ${e.stderr}\n--- script ---\n${script}`);
  }
}

/** A documented answer with one incident id swapped for another. */
const localiseJson = (value: unknown, from: string, to: string): unknown => JSON.parse(JSON.stringify(value).split(from).join(to));

/** The documented output comment (`# {...}`) right after a command, if any. */
/** `<json> HTTP <status>`: what the documented cmd() prints (curl -w appends the status). */
function withStatus(text: string): { body: unknown; status: number } {
  const m = /^([\s\S]*) HTTP (\d{3})\s*$/.exec(text.trim());
  if (!m) throw new Error(`expected "<json> HTTP <status>", got: ${text}`);
  return { body: JSON.parse(m[1]!), status: Number(m[2]) };
}

function documentedOutput(lines: string[], at: number): { body: unknown; status: number } | undefined {
  const next = lines[at + 1]?.trim();
  return next?.startsWith('# {') ? withStatus(next.slice(2)) : undefined;
}

test.describe('docs/API.md examples, run verbatim with curl', () => {
  let host: RunningHost;
  test.beforeEach(async () => {
    host = await startBrowserHost();
  });
  test.afterEach(async () => {
    await host.stop();
  });

  test('the incidents.command walk-through works command by command and answers what the doc says', async () => {
    // The incident the example works on: created with the documented incidents.create command.
    const createCmd = localise(block('incidents.create'), host.url);
    const created = JSON.parse(await sh(createCmd)) as IncidentState;
    expect(created).toMatchObject({ title: 'Payment gateway timeouts', impact: 1, urgency: 2, priority: 'P2', status: 'new', services: ['Payments'], source: 'monitoring' });

    const text = localise(block('incidents.command'), host.url, created.id);
    const lines = text.split('\n');
    const setup = lines.filter((l) => l.startsWith('ID=') || l.startsWith('cmd() {'));
    expect(setup, 'the example defines ID and cmd()').toHaveLength(2);
    const calls = lines.map((l, at) => ({ line: l, at })).filter(({ line }) => line.startsWith("cmd '"));
    expect(calls).toHaveLength(11);

    // Each documented call, exactly as written, one after the other on the same incident.
    const answers: unknown[] = [];
    for (const { line, at } of calls) {
      const out = withStatus(await sh([...setup, line].join('\n')));
      answers.push(out.body);
      const documented = documentedOutput(lines, at);
      if (documented !== undefined) expect(out, `documented answer of: ${line}`).toEqual(documented);
      else expect(out.status, `status of: ${line}`).toBe(200);
    }

    // What each step answered (the incident's new state, or the documented error).
    const states = answers.slice(0, 10) as IncidentState[];
    for (const [i, s] of states.entries()) expect(s, `answer ${i + 1} is the incident's state: ${calls[i]!.line}`).toMatchObject({ id: created.id });
    expect(states.map((s) => s.status)).toEqual([
      'acknowledged',
      'acknowledged',
      'acknowledged',
      'acknowledged',
      'acknowledged',
      'investigating',
      'investigating',
      'resolved',
      'resolved',
      'closed',
    ]);
    expect(states[1]!.roles).toEqual({ coordinator: 'Ana Ruiz' });
    expect(states[2]!.responders).toMatchObject([{ person: 'Bo Chen', team: 'Network', leftAt: null }]);
    expect(states[3]!.tasks).toMatchObject([{ title: 'Fail over to standby switch', owner: 'Bo Chen', checklist: [{ text: 'Notify DC', done: false }, { text: 'Swap uplinks', done: false }] }]);
    expect(states[4]!.entries).toMatchObject([{ kind: 'decision', text: 'Fail over now rather than wait for the vendor' }]);
    expect(states[6]).toMatchObject({ impact: 1, urgency: 1, priority: 'P1' });
    expect(states[7]!.resolution).toEqual({ summary: 'Standby switch in service', code: 'Workaround' });
    expect(states[8]!.review).toEqual({ outcome: 'waived', reason: 'Covered by the vendor RCA' });
    expect(answers[10]).toEqual({
      error: {
        code: 'rule',
        message: `${created.id} cannot go from Closed to Monitoring; allowed: none`,
        field: 'to',
        rule: 'lifecycle.illegalTransition',
      },
    });

    // The documented status of that refusal (curl -s hides it): 409, and nothing was written.
    const before = await getIncident(host.url, created.id);
    const refused = await call<ApiErrorAnswer>(host.url, 'incidents.command', { id: created.id, command: { type: 'transition', to: 'monitoring' } });
    expect(refused.status).toBe(409);
    expect(await getIncident(host.url, created.id)).toEqual(before);

    // The whole block also runs as one script, as a reader would paste it (on a fresh incident).
    const fresh = JSON.parse(await sh(createCmd)) as IncidentState;
    const pasted = await sh(localise(block('incidents.command'), host.url, fresh.id));
    expect(pasted).toContain('"status":"closed"');
    expect(pasted.trim().split('\n')).toHaveLength(11); // one answer a line, thanks to cmd()'s status suffix
    const last = withStatus(pasted.slice(pasted.lastIndexOf('{"error"')));
    const documented = documentedOutput(lines, calls.at(-1)!.at)!;
    expect(last).toEqual({ body: localiseJson(documented.body, created.id, fresh.id), status: documented.status });
    expect((await getIncident(host.url, fresh.id)).status).toBe('closed');
  });

  test('the other documented requests work as written', async () => {
    // Health, with its documented answer (the version is the package's).
    const healthBlock = block('Health').split('\n');
    const health = JSON.parse(await sh(localise(healthBlock[0]!, host.url)));
    expect(health).toEqual({ ...(JSON.parse(healthBlock[1]!.slice(2)) as object), version: VERSION });

    const info = JSON.parse(await sh(localise(block('workspace.info'), host.url)));
    expect(info).toMatchObject({ version: VERSION, settings: { theme: 'dark' }, lifecycle: { reviewPriorities: ['P1', 'P2'] } });
    expect(info.lifecycle.resolutionCodes).toContain('Workaround');

    const settings = JSON.parse(await sh(localise(block('settings.update'), host.url)));
    expect(settings).toMatchObject({ operatorName: 'Ana Ruiz', utcEverywhere: true });

    const created = JSON.parse(await sh(localise(block('incidents.create'), host.url))) as IncidentState;
    // Without x-watchfloor-actor, the author is the machine's operator name set just above.
    expect(created.createdBy).toBe('Ana Ruiz');
    const list = JSON.parse(await sh(localise(block('incidents.list'), host.url)));
    expect(list.incidents.map((i: IncidentState) => i.id)).toEqual([created.id]);
    const got = JSON.parse(await sh(localise(block('incidents.get'), host.url, created.id)));
    expect(got).toEqual(created);

    // Live changes: the documented curl -N stream carries the change as a data: line.
    const streamCmd = localise(block('Live changes: GET /api/events'), host.url);
    const curl = spawn('bash', ['-c', `exec ${streamCmd}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const seen = (pattern: RegExp) =>
        new Promise<void>((resolvePromise, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ${pattern} in the stream:\n${output}`)), 10_000);
          const check = () => {
            if (pattern.test(output)) {
              clearTimeout(timer);
              curl.stdout.off('data', onData);
              resolvePromise();
            }
          };
          const onData = (chunk: Buffer) => {
            output += chunk.toString();
            check();
          };
          curl.stdout.on('data', onData);
          check();
        });
      await seen(/: connected/);
      await command(host.url, created.id, { type: 'transition', to: 'acknowledged' });
      await seen(/^data: .*"kind":"incidents"/m);
      const frame = JSON.parse(/^data: (.*)$/m.exec(output)![1]!) as { kind: string; incidents: IncidentState[] };
      expect(frame.kind).toBe('incidents');
      expect(frame.incidents.map((i) => [i.id, i.status])).toEqual([[created.id, 'acknowledged']]);
    } finally {
      curl.kill('SIGTERM');
    }
  });
});

test('the console flow over HTTP: roles, responders, task, entries, correction, resolve, close; attributed; survives a restart', async () => {
  test.setTimeout(90_000);
  let host = await startBrowserHost();
  try {
    const ana = 'Ana Ruiz';
    const zoe = 'Zoë Ng'; // non-ASCII, sent URL-encoded as documented
    const main = await createIncident(host.url, { title: 'Core switch failure — Building B', impact: 1, urgency: 1, services: ['Network'], source: 'phone' }, ana);
    const second = await createIncident(host.url, { title: 'Payment gateway timeouts', impact: 1, urgency: 2 }, ana);
    const third = await createIncident(host.url, { title: 'Badge readers offline at Gate 3', impact: 2, urgency: 3 }, ana);
    expect([main.priority, second.priority, third.priority]).toEqual(['P1', 'P2', 'P4']);
    expect(main).toMatchObject({ status: 'new', createdBy: ana });

    const run = (cmd: Record<string, unknown>, actor = ana) => command(host.url, main.id, cmd, actor);
    await run({ type: 'transition', to: 'acknowledged' });
    await run({ type: 'assignRole', role: 'coordinator', person: ana });
    await run({ type: 'assignRole', role: 'communications', person: 'Bo Chen' });
    let s = await run({ type: 'assignRole', role: 'communications', person: 'Cy Diaz' }, 'Bo Chen');
    expect(s.roles).toEqual({ coordinator: ana, communications: 'Cy Diaz' });
    const handover = s.timeline.at(-1)!;
    expect(handover).toMatchObject({ type: 'role.assigned', actor: 'Bo Chen', data: { role: 'communications', person: 'Cy Diaz', previous: 'Bo Chen' } });

    await run({ type: 'joinResponder', person: 'Bo Chen', team: 'Network' });
    s = await run({ type: 'joinResponder', person: 'Dee Patel', team: 'Facilities' }, zoe);
    expect(s.timeline.at(-1)!.actor).toBe(zoe);
    s = await run({ type: 'addTask', title: 'Fail over to standby switch', owner: 'Bo Chen', checklist: ['Notify DC', 'Swap uplinks'] });
    const task = s.tasks[0]!;
    s = await run({ type: 'toggleChecklist', taskId: task.taskId, itemId: task.checklist[0]!.itemId, done: true });
    expect(s.tasks[0]!.checklist.map((i) => i.done)).toEqual([true, false]);
    s = await run({ type: 'transition', to: 'investigating' });
    expect(s.status).toBe('investigating');

    await run({ type: 'addEntry', kind: 'note', text: 'Vendor ticket 4471 opened with Acme Networks' });
    s = await run({ type: 'addEntry', kind: 'decision', text: 'Fail over now rather than wait for the vendor' });
    const decision = s.entries.find((e) => e.kind === 'decision')!;
    await run({ type: 'addEntry', kind: 'status_update', text: 'Building B users on the backup VLAN' });
    s = await run({ type: 'correctEntry', entryId: decision.entryId, text: 'Fail over at 14:30 once DC staff are on site' });
    const original = s.entries.find((e) => e.entryId === decision.entryId)!;
    const correction = s.entries.find((e) => e.corrects === decision.entryId)!;
    expect(original.correctedBy).toBe(correction.entryId);
    expect(original.text).toBe('Fail over now rather than wait for the vendor'); // kept, never overwritten
    expect(correction).toMatchObject({ kind: 'decision', text: 'Fail over at 14:30 once DC staff are on site', author: ana });
    expect(s.entries.map((e) => e.kind)).toEqual(['note', 'decision', 'status_update', 'decision']);

    s = await run({ type: 'transition', to: 'resolved', resolution: { summary: 'Standby switch in service', code: 'Workaround' } });
    expect(s).toMatchObject({ status: 'resolved', resolution: { summary: 'Standby switch in service', code: 'Workaround' } });
    expect(s.milestones.resolved).toBeTruthy();
    await run({ type: 'recordReview', outcome: 'waived', reason: 'Covered by the vendor RCA' });
    s = await run({ type: 'transition', to: 'closed' });
    expect(s).toMatchObject({ status: 'closed', review: { outcome: 'waived', reason: 'Covered by the vendor RCA' } });
    expect(s.milestones.closed).toBeTruthy();
    // Every recorded change carries who made it.
    expect(new Set(s.timeline.map((e) => e.actor))).toEqual(new Set([ana, 'Bo Chen', zoe]));

    const active = await ok<{ incidents: IncidentState[] }>(host.url, 'incidents.list', { scope: 'active' });
    expect(active.incidents.map((i) => i.id).sort()).toEqual([second.id, third.id].sort());
    const all = await ok<{ incidents: IncidentState[] }>(host.url, 'incidents.list', { scope: 'all' });
    const before = new Map(all.incidents.map((i) => [i.id, i]));
    expect(before.size).toBe(3);

    // Restart on the same data directory: every incident reads back identical.
    await host.stop();
    host = await startBrowserHost({ dataDir: host.dataDir });
    const after = await ok<{ incidents: IncidentState[] }>(host.url, 'incidents.list', { scope: 'all' });
    expect(after.incidents).toHaveLength(3);
    for (const i of after.incidents) expect(i, i.id).toEqual(before.get(i.id));
    expect(await getIncident(host.url, main.id)).toEqual(s);
    // And it carries on from there: the next change on an open incident still works.
    const next = await command(host.url, second.id, { type: 'transition', to: 'acknowledged' }, ana);
    expect(next.status).toBe('acknowledged');
  } finally {
    await host.stop();
  }
});

test('illegal operations answer 4xx with a JSON error naming the rule, and write nothing', async () => {
  test.setTimeout(60_000);
  const host = await startBrowserHost();
  try {
    // A P1 at Investigating with a corrected entry and a task; a P1 resolved without a review; another incident.
    const p1 = await createIncident(host.url, { title: 'Core switch failure', impact: 1, urgency: 1 });
    const other = await createIncident(host.url, { title: 'Payment gateway timeouts', impact: 1, urgency: 2 });
    await command(host.url, p1.id, { type: 'transition', to: 'investigating' });
    await command(host.url, p1.id, { type: 'assignRole', role: 'coordinator', person: 'Ana Ruiz' });
    await command(host.url, p1.id, { type: 'joinResponder', person: 'Bo Chen', team: 'Network' });
    let s = await command(host.url, p1.id, { type: 'addTask', title: 'Swap uplinks', checklist: ['Notify DC'] });
    const taskId = s.tasks[0]!.taskId;
    s = await command(host.url, p1.id, { type: 'addEntry', kind: 'note', text: 'first' });
    const entryId = s.entries[0]!.entryId;
    await command(host.url, p1.id, { type: 'correctEntry', entryId, text: 'first, corrected' });
    const resolved = await createIncident(host.url, { title: 'Badge readers offline', impact: 1, urgency: 1 });
    await command(host.url, resolved.id, { type: 'transition', to: 'investigating' });
    await command(host.url, resolved.id, { type: 'transition', to: 'resolved', resolution: { summary: 'Reader firmware rolled back', code: 'Rolled back' } });

    const cases: Array<{ name: string; id: string; cmd: Record<string, unknown>; status: number; code: string; rule?: string; field?: string }> = [
      { name: 'illegal transition (Investigating → Closed)', id: p1.id, cmd: { type: 'transition', to: 'closed' }, status: 409, code: 'rule', rule: 'lifecycle.illegalTransition', field: 'to' },
      { name: 'illegal transition (New → Resolved)', id: other.id, cmd: { type: 'transition', to: 'resolved', resolution: { summary: 'x', code: 'Fixed' } }, status: 409, code: 'rule', rule: 'lifecycle.illegalTransition', field: 'to' },
      { name: 'resolve without a resolution', id: p1.id, cmd: { type: 'transition', to: 'resolved' }, status: 409, code: 'rule', rule: 'lifecycle.resolutionRequired', field: 'resolution.summary' },
      { name: 'resolve without a code', id: p1.id, cmd: { type: 'transition', to: 'resolved', resolution: { summary: 'Fixed it', code: '' } }, status: 409, code: 'rule', rule: 'lifecycle.resolutionRequired', field: 'resolution.code' },
      { name: 'resolve without a summary', id: p1.id, cmd: { type: 'transition', to: 'resolved', resolution: { summary: '  ', code: 'Fixed' } }, status: 409, code: 'rule', rule: 'lifecycle.resolutionRequired', field: 'resolution.summary' },
      { name: 'resolve with an unknown code', id: p1.id, cmd: { type: 'transition', to: 'resolved', resolution: { summary: 'Fixed it', code: 'Magic' } }, status: 409, code: 'rule', rule: 'lifecycle.unknownResolutionCode', field: 'resolution.code' },
      { name: 'close a P1 without the review', id: resolved.id, cmd: { type: 'transition', to: 'closed' }, status: 409, code: 'rule', rule: 'lifecycle.reviewRequired', field: 'review' },
      { name: 'waive the review without a reason', id: resolved.id, cmd: { type: 'recordReview', outcome: 'waived' }, status: 409, code: 'rule', rule: 'review.reasonRequired', field: 'reason' },
      { name: 'waive the review with a blank reason', id: resolved.id, cmd: { type: 'recordReview', outcome: 'waived', reason: '   ' }, status: 409, code: 'rule', rule: 'review.reasonRequired', field: 'reason' },
      { name: 'reopen without a reason', id: resolved.id, cmd: { type: 'transition', to: 'investigating' }, status: 409, code: 'rule', rule: 'lifecycle.reasonRequired', field: 'reason' },
      { name: 'put on hold without a reason', id: p1.id, cmd: { type: 'transition', to: 'on_hold' }, status: 409, code: 'rule', rule: 'lifecycle.reasonRequired', field: 'reason' },
      { name: 'cancel without a reason', id: p1.id, cmd: { type: 'transition', to: 'cancelled' }, status: 409, code: 'rule', rule: 'lifecycle.reasonRequired', field: 'reason' },
      { name: 'cancel as a duplicate of itself', id: p1.id, cmd: { type: 'transition', to: 'cancelled', reason: 'dup', link: p1.id }, status: 409, code: 'rule', rule: 'relation.self', field: 'link' },
      { name: 'correct an unknown entry', id: p1.id, cmd: { type: 'correctEntry', entryId: 'no-such-entry', text: 'x' }, status: 409, code: 'rule', rule: 'entry.unknown', field: 'entryId' },
      { name: 'correct an entry twice', id: p1.id, cmd: { type: 'correctEntry', entryId, text: 'again' }, status: 409, code: 'rule', rule: 'entry.alreadyCorrected', field: 'entryId' },
      { name: 'relate an incident to itself', id: p1.id, cmd: { type: 'addRelation', kind: 'related', target: p1.id }, status: 409, code: 'rule', rule: 'relation.self', field: 'target' },
      { name: 'relate to an unknown incident', id: p1.id, cmd: { type: 'addRelation', kind: 'related', target: 'INC-2026-NONE-9' }, status: 409, code: 'rule', rule: 'relation.unknownTarget', field: 'target' },
      { name: 'remove a relation that does not exist', id: p1.id, cmd: { type: 'removeRelation', kind: 'related', target: other.id }, status: 409, code: 'rule', rule: 'relation.unknown', field: 'target' },
      { name: 'give a role to its holder', id: p1.id, cmd: { type: 'assignRole', role: 'coordinator', person: 'Ana Ruiz' }, status: 409, code: 'rule', rule: 'role.unchanged', field: 'person' },
      { name: 'release a vacant role', id: p1.id, cmd: { type: 'releaseRole', role: 'scribe' }, status: 409, code: 'rule', rule: 'role.vacant', field: 'role' },
      { name: 'join twice', id: p1.id, cmd: { type: 'joinResponder', person: 'Bo Chen' }, status: 409, code: 'rule', rule: 'responder.alreadyJoined', field: 'person' },
      { name: 'leave without having joined', id: p1.id, cmd: { type: 'leaveResponder', person: 'Nobody' }, status: 409, code: 'rule', rule: 'responder.notJoined', field: 'person' },
      { name: 'update an unknown task', id: p1.id, cmd: { type: 'updateTask', taskId: 'no-such-task', status: 'done' }, status: 409, code: 'rule', rule: 'task.unknown', field: 'taskId' },
      { name: 'tick an unknown checklist item', id: p1.id, cmd: { type: 'toggleChecklist', taskId, itemId: 'no-such-item', done: true }, status: 409, code: 'rule', rule: 'task.unknownItem', field: 'itemId' },
      { name: 'set the priority it already has', id: p1.id, cmd: { type: 'setPriority', impact: 1, urgency: 1, reason: 'same' }, status: 409, code: 'rule', rule: 'priority.unchanged' },
      { name: 'change no fields', id: p1.id, cmd: { type: 'updateFields', fields: {} }, status: 409, code: 'rule', rule: 'fields.empty', field: 'fields' },
      { name: 'a status that does not exist', id: p1.id, cmd: { type: 'transition', to: 'done' }, status: 400, code: 'invalid_input', field: 'command.to' },
      { name: 'an unknown command type', id: p1.id, cmd: { type: 'explode' }, status: 400, code: 'invalid_input', field: 'command.type' },
      { name: 'an entry without text', id: p1.id, cmd: { type: 'addEntry', kind: 'note', text: '  ' }, status: 400, code: 'invalid_input', field: 'command.text' },
      { name: 'an unknown incident', id: 'INC-2026-NONE-9', cmd: { type: 'transition', to: 'acknowledged' }, status: 404, code: 'not_found', field: 'id' },
    ];

    const snapshot = async () => (await ok<{ incidents: IncidentState[] }>(host.url, 'incidents.list', { scope: 'all' })).incidents;
    const before = await snapshot();
    const problems: string[] = [];
    for (const c of cases) {
      const res = await fetch(`${host.url}/api/incidents.command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: c.id, command: c.cmd }),
      });
      expect(res.headers.get('content-type'), c.name).toMatch(/^application\/json/);
      const body = (await res.json()) as ApiErrorAnswer;
      const got = { status: res.status, code: body.error?.code, rule: body.error?.rule, field: body.error?.field };
      const want = { status: c.status, code: c.code, rule: c.rule, field: c.field };
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${c.name}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)} (${body.error?.message})`);
      expect(body.error?.message, c.name).toBeTruthy();
    }
    expect(problems).toEqual([]);
    // Nothing was written by any of them.
    expect(await snapshot()).toEqual(before);

    // The documented way out of each refusal works.
    await command(host.url, resolved.id, { type: 'recordReview', outcome: 'waived', reason: 'Covered by the vendor RCA' });
    expect((await command(host.url, resolved.id, { type: 'transition', to: 'closed' })).status).toBe('closed');
    s = await command(host.url, p1.id, { type: 'transition', to: 'resolved', resolution: { summary: 'Standby switch in service', code: 'Workaround' } });
    expect(s.status).toBe('resolved');
  } finally {
    await host.stop();
  }
});
