/**
 * Watch folders: alert files in the receiver's formats are taken in; processed files move to
 * processed/, failed ones to failed/ with `<name>.error.txt` saying why.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { eventually, fixture, openIntake, sample, TEST_SOURCES, type IntakeHarness } from './alert-helpers';

describe('alert watch folder', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let h: IntakeHarness;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-watch-');
  });
  afterEach(async () => {
    await h?.close();
    await dir.cleanup();
  });

  const withFolders = (root: string) =>
    TEST_SOURCES.map((s) => (s.id === 'auto' ? { ...s, watchFolder: join(root, 'drop') } : s.id === 'cap' ? { ...s, watchFolder: join(root, 'cap-drop') } : s));

  it('moves processed files to processed/ and failed ones to failed/ with an .error.txt', async () => {
    h = await openIntake(dir.path, { sources: withFolders(dir.path), receiver: { maxBodyBytes: 4096 } });
    const drop = join(dir.path, 'drop');
    const folder = h.rt.folders().get('auto')!;
    expect(folder.watching).toBe(true);
    await writeFile(join(drop, 'am-firing.json'), sample('alertmanager/am0.25_generated_01_firing_single.json'));
    await writeFile(join(drop, 'pd-trigger.json'), sample('pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json'));
    await writeFile(join(drop, 'flood.xml'), fixture('cap/01_flood_warning_alert.xml'));
    await writeFile(join(drop, 'broken.json'), '{"version":"4","alerts":[');
    await writeFile(join(drop, 'unknown.json'), '{"hello":"world"}');
    await writeFile(join(drop, 'bad-cap.xml'), fixture('cap/07_malformed.xml'));
    await writeFile(join(drop, 'huge.json'), JSON.stringify({ title: 'x', dedupKey: 'k', status: 'firing', severity: 'info', description: 'y'.repeat(8000) }));
    await writeFile(join(drop, 'half-written.json.part'), '{"tit');
    await writeFile(join(drop, '.hidden.json'), '{}');

    const result = await folder.scan();
    expect(result.processed.sort()).toEqual(['am-firing.json', 'flood.xml', 'pd-trigger.json']);
    expect(result.failed.sort()).toEqual(['bad-cap.xml', 'broken.json', 'huge.json', 'unknown.json']);

    expect((await readdir(join(drop, 'processed'))).sort()).toEqual(['am-firing.json', 'flood.xml', 'pd-trigger.json']);
    expect((await readdir(join(drop, 'failed'))).sort()).toEqual([
      'bad-cap.xml',
      'bad-cap.xml.error.txt',
      'broken.json',
      'broken.json.error.txt',
      'huge.json',
      'huge.json.error.txt',
      'unknown.json',
      'unknown.json.error.txt',
    ]);
    // Skipped names stay where they are.
    expect((await readdir(drop)).sort()).toEqual(['.hidden.json', 'failed', 'half-written.json.part', 'processed']);

    const why = await readFile(join(drop, 'failed', 'broken.json.error.txt'), 'utf8');
    expect(why).toMatch(/^broken\.json: not taken in \(invalid_json, would be HTTP 400\)\nbody: not valid JSON/);
    expect(await readFile(join(drop, 'failed', 'unknown.json.error.txt'), 'utf8')).toContain('unsupported_format');
    expect(await readFile(join(drop, 'failed', 'bad-cap.xml.error.txt'), 'utf8')).toMatch(/xml: line \d+, column \d+/);
    expect(await readFile(join(drop, 'failed', 'huge.json.error.txt'), 'utf8')).toContain('too_large');

    // The accepted files are in the inbox under the folder's source, detected per file.
    const formats = h.groups().map((g) => `${g.source}:${g.format}`).sort();
    expect(formats).toEqual(['auto:alertmanager', 'auto:cap', 'auto:pagerduty']);
    // And the refusals are in the intake log.
    expect(h.rt.log.list().filter((e) => e.transport === 'folder').map((e) => `${e.from}:${e.reason}`).sort()).toEqual([
      'bad-cap.xml:invalid_xml',
      'broken.json:invalid_json',
      'huge.json:too_large',
      'unknown.json:unsupported_format',
    ]);

    // The same name again: kept beside the first with a time suffix, counted as a duplicate.
    await writeFile(join(drop, 'am-firing.json'), sample('alertmanager/am0.25_generated_01_firing_single.json'));
    await folder.scan();
    expect(await readdir(join(drop, 'processed'))).toHaveLength(4);
    expect(h.groups().find((g) => g.format === 'alertmanager')).toMatchObject({ count: 2, duplicates: 1 });
  });

  it('waits for a file to stop changing before reading it, and polls by itself', async () => {
    h = await openIntake(dir.path, { sources: withFolders(dir.path), runtime: { settleMs: 60_000, pollIntervalMs: 100 } });
    const drop = join(dir.path, 'cap-drop');
    await mkdir(drop, { recursive: true });
    await writeFile(join(drop, 'flood.xml'), fixture('cap/01_flood_warning_alert.xml'));
    // First sighting of a fresh file: left alone; unchanged at a later scan: taken in (the poller does it).
    await eventually(async () => (await readdir(join(drop, 'processed')).catch((): string[] => [])).includes('flood.xml'));
    expect(h.groups()).toMatchObject([{ source: 'cap', format: 'cap' }]);
    expect(h.rt.status().sources.find((s) => s.id === 'cap')).toMatchObject({ watching: true, watchError: null, accepted: 1 });
  });
});
