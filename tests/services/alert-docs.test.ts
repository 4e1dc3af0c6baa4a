/**
 * docs/API.md, "Alert intake": the receiver's curl examples run verbatim with bash against a live
 * receiver (only `R=` and the secrets are set), and answer what the doc says (`# {...} HTTP nnn`).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { openIntake, type IntakeHarness } from './alert-helpers';

const repo = resolve(__dirname, '..', '..');
const DOC = readFileSync(join(repo, 'docs', 'API.md'), 'utf8');
const run = promisify(execFile);

const SECRETS = {
  PROM_SECRET: 'docs-prom-secret-0123456789',
  GRAFANA_SECRET: 'docs-grafana-secret-0123456789',
  PD_SECRET: 'docs0000000000000000000000000pd1',
  CAP_SECRET: 'docs-cap-secret-0123456789',
  SCRIPTS_SECRET: 'docs-scripts-secret-0123456789',
};

/** The ```sh blocks of the "Alert intake" section that post to the receiver ($R). */
function receiverBlocks(): string[] {
  const start = DOC.indexOf('\n## Alert intake');
  const rest = DOC.slice(start + 1);
  const end = rest.indexOf('\n## ', 3);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => b.includes('$R/alerts/'));
}

describe('docs/API.md alert intake examples', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let h: IntakeHarness;
  beforeAll(async () => {
    dir = await tempDir('watchfloor-alert-docs-');
    h = await openIntake(dir.path, {
      sources: [
        { id: 'prom', format: 'alertmanager', secret: SECRETS.PROM_SECRET },
        { id: 'grafana', format: 'grafana', auth: 'hmac', secret: SECRETS.GRAFANA_SECRET },
        { id: 'pd', format: 'pagerduty', auth: 'routing-key', secret: SECRETS.PD_SECRET },
        { id: 'cap', format: 'cap', secret: SECRETS.CAP_SECRET },
        { id: 'scripts', format: 'generic', secret: SECRETS.SCRIPTS_SECRET },
      ],
    });
  });
  afterAll(async () => {
    await h.close();
    await dir.cleanup();
  });

  it('has examples for every format', () => {
    const all = receiverBlocks().join('\n');
    for (const source of ['prom', 'grafana', 'pd', 'cap', 'scripts']) expect(all).toContain(`$R/alerts/${source}`);
  });

  it.each(receiverBlocks().map((b, i) => [i, b] as const))('block %i runs and answers as documented', async (_i, block) => {
    const script = block.replace(/^R=.*$/m, '');
    const { stdout } = await run('bash', ['-c', `set -e\nR=${h.base}\n${script}`], { cwd: repo, env: { ...process.env, ...SECRETS }, timeout: 30_000 });
    const out = stdout.trim().split('\n');
    const lines = script.split('\n');
    let commands = 0;
    for (const line of lines) {
      if (line.startsWith('curl ')) commands++;
      if (!line.startsWith('# {')) continue;
      const documented = /^# ([\s\S]*) HTTP (\d{3})$/.exec(line)!;
      const actual = /^([\s\S]*) HTTP (\d{3})$/.exec(out[commands - 1] ?? '');
      expect(actual, `output of command ${commands}: ${out[commands - 1]}`).not.toBeNull();
      expect(Number(actual![2])).toBe(Number(documented[2]));
      expect(JSON.parse(actual![1]!)).toEqual(JSON.parse(documented[1]!));
    }
    // Every command got a 2xx unless the doc shows it refused.
    for (const o of out) expect(o).toMatch(/ HTTP (2\d\d|400)$/);
  });
});
