import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStatic } from '../../electron/host/static-files';
import { tempDir } from '../support/temp-dir';

/** A built renderer as vite lays it out with `base: './'`: index.html and assets/. */
let root: { path: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  root = await tempDir('watchfloor-static-');
  await mkdir(join(root.path, 'assets'));
  await writeFile(join(root.path, 'index.html'), '<script src="./assets/index-abc.js"></script>');
  await writeFile(join(root.path, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root.path, 'assets', 'index-abc.css'), 'body{}');
});
afterAll(() => root.cleanup());

const text = async (path: string) => {
  const f = await loadStatic(root.path, path);
  return f && { type: f.type, body: f.body.toString() };
};

describe('static files of the browser host', () => {
  it('serves index.html for app routes at any depth', async () => {
    for (const path of ['/', '/wall', '/wall/north', '/report/incident/INC-2026-ABC123-7', '/trends/']) {
      expect((await text(path))?.body, path).toContain('./assets/index-abc.js');
    }
  });

  it('serves the bundle from where a deep link’s relative URLs point', async () => {
    expect(await text('/assets/index-abc.js')).toEqual({ type: 'text/javascript; charset=utf-8', body: 'console.log(1)' });
    expect(await text('/report/incident/assets/index-abc.js')).toEqual({ type: 'text/javascript; charset=utf-8', body: 'console.log(1)' });
    expect(await text('/wall/assets/index-abc.css')).toEqual({ type: 'text/css; charset=utf-8', body: 'body{}' });
  });

  it('finds nothing outside the build, and no missing asset', async () => {
    expect(await text('/report/incident/assets/missing.js')).toBeUndefined();
    expect(await text('/wall/assets/')).toMatchObject({ type: 'text/html; charset=utf-8' }); // a directory-like path is a route
    // climbing out stops at the build's root: the app's index.html at most, never the file
    const appOrNothing = (f: Awaited<ReturnType<typeof text>>) => f === undefined || f.body.includes('./assets/index-abc.js');
    for (const path of ['/../../etc/passwd', '/report/%2e%2e/%2e%2e/%2e%2e/etc/hostname', '/wall/assets/..%2f..%2f..%2fetc%2fhostname', '/x/assets/../../../etc/hostname']) {
      expect(appOrNothing(await text(path)), path).toBe(true);
    }
  });
});
