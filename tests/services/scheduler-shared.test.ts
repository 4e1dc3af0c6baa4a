import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { FIXTURE_DIR, REPO_ROOT } from './fixtures/shared-store-helpers';

/**
 * Two host processes on one shared folder, each running the SLA scheduler with its own injected
 * clock, both moved forward together: they notice the same warning, breaches and escalations at the
 * same moment and both record them under the same deterministic ids. After the stores converge,
 * every process's timeline holds each of those events exactly once.
 */

const MIN = 60_000;
const START = Date.parse('2026-03-02T10:00:00Z');
const SCRIPT = join(FIXTURE_DIR, 'sla-host.ts');

interface Host {
  proc: ChildProcess;
  send(line: string): void;
  next(prefix: string, timeoutMs?: number): Promise<string>;
  stderr(): string;
}

function spawnHost(dataDir: string, share: string): Host {
  const proc = spawn(process.execPath, ['--import', 'tsx', SCRIPT, '--data', dataDir, '--share', share, '--start', String(START), '--poll', '100'], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ prefix: string; resolve: (l: string) => void }> = [];
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-20_000)));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const w = waiters.findIndex((x) => line.startsWith(x.prefix));
    if (w >= 0) waiters.splice(w, 1)[0]!.resolve(line);
    else lines.push(line);
  });
  return {
    proc,
    send: (line) => proc.stdin!.write(line + '\n'),
    stderr: () => err,
    next(prefix, timeoutMs = 30_000) {
      const i = lines.findIndex((l) => l.startsWith(prefix));
      if (i >= 0) return Promise.resolve(lines.splice(i, 1)[0]!);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no "${prefix}" line within ${timeoutMs} ms; stderr: ${err.slice(-3000)}`)), timeoutMs);
        waiters.push({
          prefix,
          resolve: (l) => {
            clearTimeout(t);
            resolve(l);
          },
        });
      });
    },
  };
}

interface Dump {
  sla: string[];
  events: number;
  recorded: number;
}

async function dump(h: Host, id: string): Promise<Dump> {
  h.send(`dump ${id}`);
  return JSON.parse((await h.next('dump ')).slice(5)) as Dump;
}

async function advanceBoth(hosts: Host[], ms: number): Promise<number[]> {
  for (const h of hosts) h.send(`advance ${ms}`);
  const lines = await Promise.all(hosts.map((h) => h.next('advanced ')));
  return lines.map((l) => Number(l.split(' ')[2]));
}

describe('SLA scheduler on a shared folder', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let hosts: Host[] = [];
  beforeAll(async () => {
    dir = await tempDir('wf-sla-shared-');
  });
  afterAll(async () => {
    for (const h of hosts) if (h.proc.exitCode === null) h.proc.kill('SIGKILL');
    await dir.cleanup();
  });

  it('two processes both running schedulers record each breach and escalation exactly once after converging', async () => {
    const share = join(dir.path, 'share');
    await mkdir(share);
    hosts = [spawnHost(join(dir.path, 'pc-a'), share), spawnHost(join(dir.path, 'pc-b'), share)];
    const [a, b] = hosts as [Host, Host];
    await Promise.all(hosts.map((h) => h.next('ready ')));

    a.send('create Radio trunking down — North sector');
    const id = (await a.next('created ')).split(' ')[1]!;
    b.send(`has ${id}`);
    await b.next('has ');

    // Both notice the same things at the same moments, before seeing each other's copies.
    const recorded = [await advanceBoth(hosts, 4 * MIN), await advanceBoth(hosts, 1 * MIN), await advanceBoth(hosts, 25 * MIN)];
    const expected = [
      `warn:${id}:acknowledge:0:75`,
      `breach:${id}:acknowledge:0`,
      `breach:${id}:firstUpdate:0`,
      `esc:${id}:1:0`,
      `esc:${id}:2:0`,
    ];

    // Converge: both publish, then both see the same timeline.
    for (const h of hosts) h.send('flush');
    await Promise.all(hosts.map((h) => h.next('flushed')));
    let da: Dump | undefined;
    let db: Dump | undefined;
    const deadline = Date.now() + 30_000;
    for (;;) {
      [da, db] = await Promise.all([dump(a, id), dump(b, id)]);
      if (da.events === db.events && JSON.stringify([...da.sla].sort()) === JSON.stringify([...db.sla].sort()) && da.sla.length >= expected.length) break;
      if (Date.now() > deadline) throw new Error(`did not converge: ${JSON.stringify({ da, db })}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    for (const d of [da, db]) {
      expect([...d.sla].sort()).toEqual([...expected].sort());
      expect(new Set(d.sla).size).toBe(d.sla.length); // one copy per id in the fold
    }
    expect(da.sla).toEqual(db.sla); // the same fold order on both
    // Every event was recorded by at least one host; when both raced, the share held two copies of an id.
    const total = recorded.flat().reduce((x, y) => x + y, 0);
    expect(total).toBeGreaterThanOrEqual(expected.length);
    console.log(`SLA events recorded per host per step: A ${recorded.map((r) => r[0]).join('/')}, B ${recorded.map((r) => r[1]).join('/')} (${total} appends for ${expected.length} events)`);

    // Once converged, nothing is due again on either host.
    expect(await advanceBoth(hosts, 1 * MIN)).toEqual([0, 0]);

    for (const h of hosts) h.send('exit');
    await Promise.all(hosts.map((h) => h.next('bye')));
  }, 120_000);
});
