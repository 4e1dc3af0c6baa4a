import { expect, test } from '@playwright/test';
import { startBrowserHost } from './support/browser-host';

test('an incident created in the console shows on the wall board and survives a host restart', async ({ page }) => {
  let host = await startBrowserHost();
  try {
    const health = await (await fetch(`${host.url}/api/health`)).json();
    expect(health).toMatchObject({ ok: true });

    await page.goto(`${host.url}/`);
    await page.getByRole('button', { name: 'New incident' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Core switch failure — Building B');
    await page.getByLabel('Impact', { exact: true }).selectOption('1');
    await page.getByLabel('Urgency', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Create incident' }).click();

    const row = page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ hasText: 'Core switch failure' });
    await expect(row).toHaveCount(1);
    const id = (await row.getAttribute('aria-label'))!.split(' ')[0]!;
    expect(id).toMatch(/^INC-\d{4}-[A-Z0-9]+-\d+$/);
    await page.screenshot({ path: 'test-results/slice-console.png' });

    const wall = await page.context().newPage();
    await wall.goto(`${host.url}/wall`);
    await expect(wall.getByRole('article', { name: new RegExp(`^${id}`) })).toBeVisible();
    await wall.screenshot({ path: 'test-results/slice-wall.png' });

    await host.stop();
    host = await startBrowserHost({ dataDir: host.dataDir });
    // A freshly restarted host shares two cores with the other e2e worker (a BPI import, say): be patient.
    await wall.goto(`${host.url}/wall`);
    await expect(wall.getByRole('article', { name: new RegExp(`^${id}`) })).toBeVisible({ timeout: 20_000 });
    await page.goto(`${host.url}/`);
    await expect(page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem', { name: new RegExp(`^${id}`) })).toBeVisible({ timeout: 20_000 });
  } finally {
    await host.stop();
  }
});

test('invalid API calls get a 4xx JSON error naming the field and change nothing', async () => {
  const host = await startBrowserHost();
  try {
    const post = (method: string, body: unknown) => fetch(`${host.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const missing = await post('incidents.create', { impact: 1, urgency: 1 });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.field).toBe('title');
    const wrongType = await post('incidents.create', { title: 'x', impact: 'big', urgency: 1 });
    expect((await wrongType.json()).error.field).toBe('impact');
    expect((await post('incidents.nuke', {})).status).toBe(404);
    const list = await (await post('incidents.list', { scope: 'all' })).json();
    expect(list.incidents).toEqual([]);
  } finally {
    await host.stop();
  }
});
