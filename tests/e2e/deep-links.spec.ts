import { expect, test } from '@playwright/test';
import { createIncident } from './support/api';
import { startBrowserHost } from './support/browser-host';

/**
 * Path routes of the browser host opened directly (a link pasted into a browser, a wall PC's start
 * page): the renderer is built with relative asset URLs (`base: './'`, for Electron's app://), so
 * a page two segments deep asks for `/report/incident/assets/…`; the host must answer with the
 * bundle, and the app must route on the path.
 */
test('deep links load the app: an incident report, a wall board below /wall, the trends screen', async ({ page }) => {
  const host = await startBrowserHost();
  try {
    const incident = await createIncident(host.url, { title: 'Lift trapped passengers — Tower A', impact: 1, urgency: 1 });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });

    await page.goto(`${host.url}/report/incident/${encodeURIComponent(incident.id)}`);
    await expect(page.locator('[data-report-ready]')).toBeVisible();
    await expect(page.getByText(incident.id).first()).toBeVisible();
    await expect(page.getByText('Lift trapped passengers — Tower A').first()).toBeVisible();

    await page.goto(`${host.url}/wall/north?theme=high-contrast`);
    await expect(page.locator('.wall-conn--live')).toBeVisible();
    await expect(page.getByRole('article', { name: new RegExp(`^${incident.id}`) })).toBeVisible();
    await expect(page.locator('.wall-board')).toHaveAttribute('data-theme', 'high-contrast');

    await page.goto(`${host.url}/trends/`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

    expect(failed).toEqual([]);
  } finally {
    await host.stop();
  }
});
