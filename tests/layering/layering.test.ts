import { execFile } from 'node:child_process';
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';

const run = promisify(execFile);
const repo = resolve(__dirname, '..', '..');

/** Runs the project's real layering check on a scratch tree laid out like the repo. */
async function cruise(cwd: string, files: Record<string, string>): Promise<{ ok: boolean; output: string }> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(cwd, path)), { recursive: true });
    await writeFile(join(cwd, path), text);
  }
  try {
    const { stdout } = await run(join(repo, 'node_modules', '.bin', 'depcruise'), ['--config', '.dependency-cruiser.cjs', 'shared', 'electron', 'renderer/src'], { cwd });
    return { ok: true, output: stdout };
  } catch (err) {
    const e = err as { stdout: string; stderr: string };
    return { ok: false, output: e.stdout + e.stderr };
  }
}

// Each case runs the real dependency-cruiser (a few seconds each on two cores).
describe('layering check (npm run lint:layers)', { timeout: 120_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    dir = await tempDir('watchfloor-layers-');
    await copyFile(join(repo, '.dependency-cruiser.cjs'), join(dir.path, '.dependency-cruiser.cjs'));
    await copyFile(join(repo, 'tsconfig.base.json'), join(dir.path, 'tsconfig.base.json'));
    await symlink(join(repo, 'node_modules'), join(dir.path, 'node_modules'), 'dir');
    await writeFile(join(dir.path, 'package.json'), '{"type":"module"}');
  });
  afterAll(() => dir.cleanup());

  it('passes the real tree', async () => {
    const { stdout } = await run(join(repo, 'node_modules', '.bin', 'depcruise'), ['--config', '.dependency-cruiser.cjs', 'shared', 'electron', 'renderer/src'], { cwd: repo });
    expect(stdout).toMatch(/no dependency violations/);
  });

  it.each([
    ['shared imports electron', 'case1/shared/bad.ts', "import { app } from 'electron';\nexport const x = app;\n", 'shared-is-pure'],
    ['shared imports a Node built-in', 'case2/shared/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'shared-no-node-builtins'],
    ['shared imports the renderer', 'case3/shared/bad.ts', "import { x } from '../renderer/src/x';\nexport const y = x;\n", 'shared-is-pure'],
    ['renderer imports electron/', 'case4/renderer/src/bad.ts', "import { x } from '../../electron/services/x';\nexport const y = x;\n", 'renderer-not-to-electron'],
    ['renderer imports a Node built-in', 'case5/renderer/src/bad.ts', "import { readFileSync } from 'fs';\nexport const y = readFileSync;\n", 'renderer-no-node-builtins'],
    ['a service imports electron', 'case6/electron/services/bad.ts', "import { app } from 'electron';\nexport const y = app;\n", 'services-never-import-electron'],
  ])('fails when %s', async (_name, path, text, rule) => {
    const [caseDir, ...rest] = path.split('/');
    const cwd = join(dir.path, caseDir!);
    await mkdir(cwd, { recursive: true });
    for (const f of ['.dependency-cruiser.cjs', 'tsconfig.base.json', 'package.json']) await copyFile(join(dir.path, f), join(cwd, f));
    await symlink(join(repo, 'node_modules'), join(cwd, 'node_modules'), 'dir');
    const result = await cruise(cwd, {
      [rest.join('/')]: text,
      'renderer/src/x.ts': 'export const x = 1;\n',
      'electron/services/x.ts': 'export const x = 1;\n',
      'shared/ok.ts': 'export const ok = 1;\n',
    });
    expect(result.ok).toBe(false);
    expect(result.output).toContain(rule);
  });
});
