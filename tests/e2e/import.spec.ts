import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { startBrowserHost } from './support/browser-host';

const SERVICENOW = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'eventlogs', 'servicenow_incidents_REST_ibm_processmining.csv');

test('imports a ServiceNow export through the import view: mapping, progress, summary; again adds nothing', async ({ page }) => {
  const host = await startBrowserHost();
  try {
    await page.goto(`${host.url}/import`);
    await expect(page.getByRole('heading', { name: 'Import incidents' })).toBeVisible();
    await page.getByLabel('File', { exact: true }).setInputFiles(SERVICENOW);

    // Detected source, suggested columns and status mapping, priority table.
    await expect(page.getByText('ServiceNow incident export', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Source name')).toHaveValue('servicenow-incident');
    await expect(page.getByLabel('Incident id *')).toHaveValue('number');
    await expect(page.getByLabel('Lifecycle status for On Hold / Awaiting Caller')).toHaveValue('on_hold');
    await expect(page.getByLabel('Lifecycle status for Closed')).toHaveValue('closed');
    await expect(page.getByRole('table', { name: 'Priority mapping' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'No problems found' })).toBeVisible();
    await page.screenshot({ path: 'test-results/import-preview.png', fullPage: true });

    await page.getByRole('button', { name: 'Import 67 incidents' }).click();
    const summary = page.getByRole('region', { name: 'Import summary' });
    await expect(summary).toContainText('67 incidents: 67 new, 0 updated, 0 unchanged', { timeout: 30_000 });
    await expect(summary).toContainText('Rows imported');
    await page.screenshot({ path: 'test-results/import-summary.png', fullPage: true });

    // Imported active incidents show in the console; closed ones do not.
    await page.getByRole('link', { name: '← Console' }).click();
    const open = page.getByRole('list', { name: 'Open incidents' });
    await expect(open.getByRole('listitem').filter({ hasText: 'Rain is leaking on main DNS Server' })).toHaveCount(1);
    await expect(open.getByRole('listitem').filter({ hasText: 'Unable to connect to email' })).toHaveCount(0);

    // The same file again: the mapping is remembered and nothing new is added.
    await page.goto(`${host.url}/import`);
    await page.getByLabel('File', { exact: true }).setInputFiles(SERVICENOW);
    await expect(page.getByText(/67 imported before · mapping remembered for this source/)).toBeVisible();
    await page.getByRole('button', { name: 'Import 67 incidents' }).click();
    await expect(page.getByRole('region', { name: 'Import summary' })).toContainText('67 incidents: 0 new, 0 updated, 67 unchanged', { timeout: 30_000 });
  } finally {
    await host.stop();
  }
});

test('a malformed file is refused naming its line and field; the valid rows import when chosen', async ({ page }) => {
  const host = await startBrowserHost();
  try {
    const csv = ['number,opened_at,incident_state,impact,short_description', 'INC1,2024-01-02 10:00:00,2,1,Mail down', 'INC2,someday,2,2,Printer jam', 'INC3,2024-01-03 09:30:00,7,3,VPN slow', ''].join('\n');
    await page.goto(`${host.url}/import`);
    await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const problems = page.getByRole('region', { name: 'Problems in the file' });
    await expect(problems).toContainText('1 problem in 1 rows');
    await expect(problems.getByRole('row').nth(1)).toContainText('3opened_at"someday" is not a date-time');
    await expect(page.getByRole('button', { name: /^Import \d+ incidents$/ })).toBeDisabled();
    await page.getByLabel(/Import the valid rows/).check();
    await page.getByRole('button', { name: 'Import 2 incidents' }).click();
    const summary = page.getByRole('region', { name: 'Import summary' });
    await expect(summary).toContainText('2 incidents: 2 new');
    await expect(summary.getByRole('table', { name: 'Skipped' })).toContainText('"someday" is not a date-time');
  } finally {
    await host.stop();
  }
});
