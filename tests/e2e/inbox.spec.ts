import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { call, getIncident, ok } from './support/api';
import { startBrowserHost } from './support/browser-host';

/**
 * Alert intake end to end in Chromium: the host's receiver is turned on over the API, real
 * Alertmanager bodies are POSTed to it, the inbox shows them; the coordinator creates an incident
 * from one group (pre-filled form) and attaches another group to it; the resolves arrive and the
 * incident's timeline in the console shows them, with the Monitoring suggestion. Intake log and
 * settings are photographed too.
 */

const here = dirname(fileURLToPath(import.meta.url));
const SECRET = 'e2e-prom-secret-0123456789abcdef';
/** The real captures in ../shared/data/alerts when present, else the byte-identical fixtures. */
function sample(rel: string): string {
  for (const base of [resolve(here, '..', '..', '..', 'shared', 'data', 'alerts'), join(here, '..', 'fixtures', 'alerts')]) {
    try {
      return readFileSync(join(base, rel), 'utf8');
    } catch {
      /* next */
    }
  }
  throw new Error(`no sample ${rel}`);
}

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/inbox-${name}.png` });
/** No serious or critical axe-core violations. */
async function accessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
const CHECKOUT = 'checkout-api 5xx ratio above 5% for 5m';
const PAYMENTS = 'Pod is crash looping.';

test('alerts arrive in the inbox, become an incident, another group is attached, and the resolves reach its timeline', async ({ page }) => {
  test.setTimeout(180_000);
  const host = await startBrowserHost();
  try {
    await ok(host.url, 'alerts.updateSettings', {
      receiver: { enabled: true, bindAddress: '127.0.0.1', port: 0 },
      sources: [{ id: 'prom', name: 'Prometheus (prod)', format: 'alertmanager', secret: SECRET }],
    });
    const status = await ok<{ baseUrl: string; listening: boolean }>(host.url, 'alerts.receiverStatus', {});
    expect(status.listening).toBe(true);
    const post = async (body: string, token = SECRET) => {
      const r = await fetch(`${status.baseUrl}/alerts/prom`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      return r.status;
    };

    // Two groups arrive (one critical alert; two crash-looping pods), one of them twice.
    expect(await post(sample('alertmanager/am0.25_generated_01_firing_single.json'))).toBe(200);
    expect(await post(sample('alertmanager/am0.25_generated_03_firing_two_alerts.json'))).toBe(200);
    expect(await post(sample('alertmanager/am0.25_generated_01_firing_single.json'))).toBe(200);
    // And a stranger without the secret.
    expect(await post('{"version":"4"}', 'wrong-token-0123456789')).toBe(401);

    await page.goto(`${host.url}/#/inbox`);
    const table = page.getByRole('table', { name: 'Alert groups' });
    const checkoutRow = table.getByRole('row').filter({ hasText: CHECKOUT });
    const paymentsRow = table.getByRole('row').filter({ hasText: PAYMENTS });
    await expect(checkoutRow).toHaveCount(1);
    await expect(paymentsRow).toHaveCount(1);
    await expect(checkoutRow).toContainText('Critical');
    await expect(checkoutRow).toContainText('service=checkout-api');
    await expect(checkoutRow.getByRole('cell').nth(5)).toHaveText('2'); // count: a duplicate
    await expect(paymentsRow).toContainText('Warning');
    await expect(paymentsRow).toContainText('Firing (2)');
    await expect(page.getByRole('button', { name: /^Needs triage \(2\)$/ })).toBeVisible();
    await shot(page, 'list');

    // Create an incident from the critical group: the form is pre-filled and editable.
    await checkoutRow.getByRole('button', { name: CHECKOUT }).click();
    const detail = page.getByRole('complementary', { name: 'Selected alert group' });
    await expect(detail.getByRole('heading', { name: CHECKOUT })).toBeVisible();
    await detail.getByRole('button', { name: 'Create incident…' }).click();
    const form = detail.getByRole('form', { name: 'Create incident from alerts' });
    await expect(form.getByLabel('Title')).toHaveValue(CHECKOUT);
    await expect(form.getByRole('combobox', { name: 'Impact' })).toHaveValue('1');
    await expect(form.getByLabel('Affected services')).toHaveValue('checkout-api');
    await expect(form.getByLabel('Description')).toHaveValue(/5xx ratio is 12\.4% on checkout-api/);
    await expect(form.locator('output')).toHaveText('P1');
    await form.getByLabel('Title').fill('Checkout errors (5xx above 5%)');
    await shot(page, 'create');
    await accessible(page);
    await form.getByRole('button', { name: 'Create incident' }).click();
    const created = detail.getByRole('status').filter({ hasText: /^Created INC-/ });
    await expect(created).toBeVisible();
    const incidentId = (await created.textContent())!.replace('Created ', '').trim();
    await expect(checkoutRow).toContainText(`Firing, on ${incidentId}`);

    // Attach the crash-looping pods to the same incident, picked from the open incidents.
    await paymentsRow.getByRole('button', { name: PAYMENTS }).click();
    await detail.getByRole('button', { name: 'Attach to incident…' }).click();
    const attach = detail.getByRole('form', { name: 'Attach to incident' });
    await attach.getByRole('combobox', { name: 'Incident', exact: true }).selectOption({ label: `${incidentId} — Checkout errors (5xx above 5%)` });
    await attach.getByLabel('Reason (optional)').fill('Checkout fails because payments workers crash');
    await attach.getByRole('button', { name: 'Attach' }).click();
    await expect(detail.getByRole('status').filter({ hasText: `Attached to ${incidentId}` })).toBeVisible();
    await expect(paymentsRow).toContainText(`Firing, on ${incidentId}`);
    await expect(page.getByRole('button', { name: /^Needs triage \(0\)$/ })).toBeVisible();
    await shot(page, 'attached');

    // The resolves arrive: the checkout alert, then both pods.
    expect(await post(sample('alertmanager/am0.25_generated_04_resolved.json'))).toBe(200);
    expect(await post(sample('alertmanager/am0.25_generated_05_mixed_firing_resolved.json'))).toBe(200);
    const allResolved = JSON.parse(sample('alertmanager/am0.25_generated_05_mixed_firing_resolved.json')) as { status: string; alerts: Array<{ status: string; endsAt: string }> };
    allResolved.status = 'resolved';
    allResolved.alerts[1] = { ...allResolved.alerts[1]!, status: 'resolved', endsAt: '2026-11-27T19:05:12.000Z' };
    expect(await post(JSON.stringify(allResolved))).toBe(200);
    await expect(checkoutRow).toContainText(`Resolved, on ${incidentId}`);
    await expect(paymentsRow).toContainText(`Resolved, on ${incidentId}`);
    await shot(page, 'resolved');

    // The incident's timeline in the console shows the resolves; Monitoring is suggested, not forced.
    await detail.getByRole('button', { name: `Open ${incidentId}` }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect(timeline).toContainText(`Alert resolved: “${CHECKOUT}”`);
    await expect(timeline).toContainText(`Alert resolved: “${PAYMENTS}”`);
    await expect(timeline).toContainText(`Alert firing: “${CHECKOUT}”`);
    const suggestion = page.getByTestId('monitoring-suggestion');
    await expect(suggestion).toContainText('All 3 attached alerts resolved');
    const incident = await getIncident(host.url, incidentId);
    expect(incident.status).toBe('new');
    expect(incident.timeline.filter((e) => e.type === 'alert.received' && (e.data as { status: string }).status === 'resolved')).toHaveLength(3);
    await shot(page, 'timeline');

    // The intake log shows the refused delivery; the settings show the source and its URL.
    await page.goto(`${host.url}/#/inbox/log`);
    const log = page.getByRole('table', { name: 'Intake log' });
    await expect(log.getByRole('row').filter({ hasText: 'unauthorized' })).toHaveCount(1);
    await shot(page, 'log');
    await accessible(page);
    await page.goto(`${host.url}/#/inbox/settings`);
    await expect(page.getByTestId('receiver-status')).toContainText(`Listening at ${status.baseUrl}`);
    await expect(page.getByText(`${status.baseUrl}/alerts/prom`)).toBeVisible();
    await shot(page, 'settings');
    await accessible(page);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'high-contrast'));
    await shot(page, 'settings-high-contrast');
    await page.goto(`${host.url}/#/inbox`);
    await expect(table.getByRole('row').filter({ hasText: CHECKOUT })).toHaveCount(1);
    await page.evaluate(() => (document.documentElement.dataset.theme = 'high-contrast'));
    await shot(page, 'list-high-contrast');
    await accessible(page);

    const api = await call<{ counts: { all: number; attached: number } }>(host.url, 'alerts.inbox', {});
    expect(api.body.counts).toMatchObject({ all: 2, attached: 2 });
  } finally {
    await host.stop();
  }
});
