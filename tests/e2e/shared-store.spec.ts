import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rename, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { StoreStatus } from '../../shared/contract/store-api';
import type { IncidentState } from '../../shared/domain/incident';
import { command, createIncident, ok } from './support/api';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * Two browser hosts (own ports and data directories) on one shared folder: what one records shows
 * on the other's wall board within 2 s; the settings view lists the other writer; with the folder
 * renamed away the status bar counts the changes waiting, and they are published once it is back.
 * Screenshots: test-results/shared-store-*.png.
 */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const POLL = ['--no-demo', '--poll-ms', '250'];
const status = (host: RunningHost) => ok<StoreStatus>(host.url, 'store.status');
const statusBar = (page: Page) => page.getByTestId('shared-folder-status');

test('two hosts share a folder: live propagation, writers, offline and back', async ({ browser }) => {
  test.setTimeout(120_000);
  const root = await mkdtemp(join(tmpdir(), 'watchfloor-share-e2e-'));
  const share = join(root, 'share');
  await mkdir(share);
  const a = await startBrowserHost({ sharedDir: share, writerName: 'Desk A', args: POLL });
  const b = await startBrowserHost({ sharedDir: share, writerName: 'Desk B', args: POLL });
  try {
    expect(a.dataDir).not.toBe(b.dataDir);
    expect(await status(a)).toMatchObject({ state: 'connected', activeDir: share });

    // B's wall board, live; then an incident created through A's API.
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await wall.goto(`${b.url}/wall`);
    await expect(wall.locator('.wall-conn--live')).toBeVisible();
    await expect(wall.getByTestId('wall-share-state')).toHaveText(/^SYNCED \d\d:\d\d$/);
    const t0 = Date.now();
    const created = await createIncident(a.url, { title: 'Radio link down at North', impact: 1, urgency: 1, services: ['Radio'] });
    await expect(wall.locator(`[data-incident="${created.id}"]`)).toBeVisible({ timeout: 2000 });
    const propagationMs = Date.now() - t0;
    console.log(`propagation: incidents.create on host A → visible on host B's wall board in ${propagationMs} ms`);
    expect(propagationMs).toBeLessThan(2000);
    await wall.screenshot({ path: 'test-results/shared-store-wall-b.png' });

    // B's settings view lists A's writer, with its last seen time.
    const settings = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await settings.goto(`${b.url}/settings`);
    const writers = settings.getByRole('table', { name: 'Writers seen' });
    await expect(writers.getByRole('row', { name: /Desk A/ })).toBeVisible({ timeout: 15_000 });
    await expect(writers.getByRole('row', { name: /Desk A/ })).toContainText(/online/);
    await expect(writers.getByRole('row', { name: /Desk B \(this machine\)/ })).toBeVisible();
    await expect(settings.getByTestId('settings-share-state')).toContainText('Connected · synced');
    await expect(settings.getByTestId('settings-share-state')).toContainText('1 other online');
    await settings.screenshot({ path: 'test-results/shared-store-settings.png', fullPage: true });

    // A's console: connected, one other online.
    const consoleA = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await consoleA.goto(`${a.url}/`);
    await expect(statusBar(consoleA)).toHaveText(/^Shared folder: connected · synced \d\d:\d\d:\d\d · 1 other online$/, { timeout: 15_000 });
    await consoleA.locator('.console-statusbar').screenshot({ path: 'test-results/shared-store-statusbar-connected.png' });

    // The folder goes away: A keeps working, and says how many changes wait.
    await rename(share, `${share}-away`);
    await expect(statusBar(consoleA)).toHaveText(/^Shared folder: offline — /);
    const offlineIncident = await createIncident(a.url, { title: 'Gate 3 badge readers offline', impact: 2, urgency: 2 });
    await command(a.url, offlineIncident.id, { type: 'transition', to: 'acknowledged' });
    const pending = (await status(a)).pending;
    expect(pending).toBeGreaterThanOrEqual(2);
    await expect(statusBar(consoleA)).toHaveText(`Shared folder: offline — ${pending} changes waiting`);
    await consoleA.locator('.console-statusbar').screenshot({ path: 'test-results/shared-store-statusbar-offline.png' });
    // B lost the folder too: its wall board says so.
    await expect(wall.getByTestId('wall-share-state')).toHaveText('SHARE OFFLINE');
    await wall.locator('.wall-header').screenshot({ path: 'test-results/shared-store-wall-offline.png' });
    await expect(settings.getByTestId('settings-share-state')).toHaveText('Offline — 0 changes waiting');
    await settings.screenshot({ path: 'test-results/shared-store-settings-offline.png', fullPage: true });

    // An empty folder where the store was (a share that did not mount): never treated as empty.
    await mkdir(share);
    await expect(statusBar(consoleA)).toHaveText('Shared folder: unmounted — check the share');
    await consoleA.locator('.console-statusbar').screenshot({ path: 'test-results/shared-store-statusbar-unmounted.png' });
    expect((await status(a)).pending).toBe(pending);

    // The folder is back: A publishes what waited and B converges.
    await rmdir(share);
    await rename(`${share}-away`, share);
    await expect(statusBar(consoleA)).toHaveText(/^Shared folder: connected · synced \d\d:\d\d:\d\d · 1 other online$/, { timeout: 15_000 });
    expect((await status(a)).pending).toBe(0);
    const tile = wall.locator(`[data-incident="${offlineIncident.id}"]`);
    await expect(tile).toBeVisible({ timeout: 5000 });
    await expect.poll(async () => (await ok<IncidentState>(b.url, 'incidents.get', { id: offlineIncident.id })).status, { timeout: 5000 }).toBe('acknowledged');
    await expect(wall.getByTestId('wall-share-state')).toHaveText(/^SYNCED /);
    await consoleA.locator('.console-statusbar').screenshot({ path: 'test-results/shared-store-statusbar-reconnected.png' });
  } finally {
    await a.stop();
    await b.stop();
  }
});

/** The ```sh block under a `### ` heading of docs/API.md, and each command with its documented answer. */
async function documented(heading: string): Promise<Array<{ command: string; answer?: unknown }>> {
  const doc = await readFile(join(repo, 'docs', 'API.md'), 'utf8');
  const body = doc.split(`### \`${heading}\`\n`)[1]?.split('```sh\n')[1]?.split('\n```')[0];
  if (!body) throw new Error(`docs/API.md has no sh example under ${heading}`);
  const lines = body.split('\n');
  return lines.flatMap((line, i) => (line.startsWith('curl ') ? [{ command: line, answer: lines[i + 1]?.startsWith('# {') ? JSON.parse(lines[i + 1]!.slice(2)) : undefined }] : []));
}

test('the documented store.* curl examples work against a default host', async () => {
  const host = await startBrowserHost();
  try {
    for (const heading of ['store.status', 'store.setSharedDir', 'store.syncNow']) {
      for (const { command: line, answer } of await documented(heading)) {
        const { stdout } = await promisify(execFile)('bash', ['-c', line.split('http://127.0.0.1:4510').join(host.url)], { encoding: 'utf8' });
        const got = JSON.parse(stdout) as StoreStatus;
        if (answer !== undefined) expect(got, line).toEqual(answer);
        else expect(got, line).toMatchObject({ state: 'disabled' });
      }
    }
  } finally {
    await host.stop();
  }
});

test('a host given a shared folder does not seed the demo workspace into it', async () => {
  const share = join(await mkdtemp(join(tmpdir(), 'watchfloor-share-e2e-')), 'share');
  await mkdir(share);
  const host = await startBrowserHost({ sharedDir: share, args: [] }); // no --no-demo: the demo is asked for
  try {
    expect(await ok<{ incidents: unknown[] }>(host.url, 'incidents.list', { scope: 'all' })).toEqual({ incidents: [] });
    expect(await status(host)).toMatchObject({ state: 'connected', activeDir: share, pending: 0 });
  } finally {
    await host.stop();
  }
});
