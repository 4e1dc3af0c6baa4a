import { expect, test } from '@playwright/test';
import type { IncidentState } from '../../shared/domain/incident';
import { createIncident, ok } from './support/api';
import { axe } from './support/axe';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * The policies screen end to end on a host whose clock the test moves (`--test-clock`): the P2
 * acknowledge target is edited and published as a new version; a P2 created afterwards counts
 * down from the new target in the console, one created before keeps the old. Photographed at
 * 1920×1080 in both themes and checked with axe.
 */

const MIN = 60_000;

const advance = (host: RunningHost, ms: number) => ok<{ now: number }>(host.url, 'testing.advanceClock', { ms });

test('a published P2 acknowledge target applies to P2s created afterwards; earlier ones keep theirs', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startBrowserHost({ args: ['--no-demo', '--test-clock'] });
  try {
    await ok(host.url, 'settings.update', { operatorName: 'Dana Whitfield' });
    const before = await createIncident(host.url, { title: 'Payroll export failing', impact: 1, urgency: 2 });
    expect(before.priority).toBe('P2');
    await advance(host, MIN);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${host.url}/policies`);
    const sla = page.getByRole('region', { name: 'SLA targets' });
    await expect(sla.getByTestId('sla-current-version')).toContainText('v1, shipped default');
    const ack = sla.getByLabel('P2 acknowledge target, minutes');
    await expect(ack).toHaveValue('15');

    // Inline validation: a bad value is named at the field and nothing is published.
    await ack.fill('-5');
    await expect(ack).toHaveAttribute('aria-invalid', 'true');
    await expect(sla.locator(`#${await ack.getAttribute('id')}-error`)).toBeVisible();
    await sla.getByLabel('Warn at (% of target used)').fill('75, 150');
    await expect(sla.getByText('At most 99')).toBeVisible();
    await sla.getByRole('button', { name: 'Publish new version' }).click();
    await expect(sla.getByLabel('Warn at (% of target used)')).toBeFocused(); // the first field in error
    await page.screenshot({ path: 'test-results/policies-invalid.png' });
    expect((await ok<{ sla: { current: { version: number } } }>(host.url, 'policies.get', {})).sla.current.version).toBe(1);

    await sla.getByLabel('Warn at (% of target used)').fill('75, 90');
    await ack.fill('20');
    await expect(ack).not.toHaveAttribute('aria-invalid', 'true');
    await sla.getByRole('button', { name: 'Publish new version' }).click();
    await expect(sla.getByRole('status').filter({ hasText: 'Published v2' })).toBeVisible();
    const history = sla.getByRole('list', { name: 'SLA policy versions' });
    await expect(history.getByRole('listitem').first()).toHaveText(/^v2, from \d{1,2} [A-Z][a-z]{2} \d{2}:\d{2} by Dana Whitfield$/);
    await expect(history.getByRole('listitem').nth(1)).toHaveText('v1, shipped default');
    await expect(sla.getByTestId('sla-current-version')).toContainText('v2, from');

    // An escalation policy: level 1 after 10 minutes instead of 15, published as its v2.
    const major = page.getByRole('region', { name: 'P1/P2: no acknowledgement or progress' });
    await major.getByLabel('Level 1 after, minutes').fill('10');
    await major.getByRole('button', { name: 'Publish new version' }).click();
    await expect(major.getByRole('status').filter({ hasText: 'Published v2' })).toBeVisible();
    const majorPolicy = (await ok<{ escalation: Array<{ id: string; current: { version: number; levels: Array<{ afterMinutes: number }> } }> }>(host.url, 'policies.get', {})).escalation.find((h) => h.id === 'major')!;
    expect(majorPolicy.current.version).toBe(2);
    expect(majorPolicy.current.levels.map((l) => l.afterMinutes)).toEqual([10, 15, 30]);

    await page.screenshot({ path: 'test-results/policies-dark.png' });
    await page.screenshot({ path: 'test-results/policies-dark-full.png', fullPage: true });
    await axe(page);

    // The high-contrast theme (this machine's setting) over the same screen.
    await ok(host.url, 'settings.update', { theme: 'high-contrast' });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'high-contrast');
    await expect(page.getByRole('list', { name: 'SLA policy versions' }).getByRole('listitem')).toHaveCount(2);
    await page.screenshot({ path: 'test-results/policies-high-contrast.png' });
    await axe(page);
    await ok(host.url, 'settings.update', { theme: 'dark' });

    // A P2 created now counts down from 20 minutes; the one created before still from 15.
    await advance(host, MIN);
    await page.goto(`${host.url}/`);
    await page.getByRole('button', { name: 'New incident', exact: true }).click();
    await page.getByLabel('Title', { exact: true }).fill('Badge readers offline — HQ');
    await page.getByLabel('Impact', { exact: true }).selectOption('1');
    await page.getByLabel('Urgency', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Create incident' }).click();
    const list = page.getByRole('list', { name: 'Open incidents' });
    const after = list.getByRole('listitem').filter({ hasText: 'Badge readers offline' });
    await expect(after.getByTestId('row-sla')).toHaveText(/acknowledge due in 20 min/);
    const earlier = list.getByRole('listitem').filter({ hasText: before.title });
    await expect(earlier.getByTestId('row-sla')).toHaveText(/acknowledge due in 1[23] min/);

    // The host agrees: sla.clocks and the policy version pinned to each incident.
    const clocks = await ok<{ incidents: Array<{ id: string; clocks: Array<{ target: string; targetMs: number }> }> }>(host.url, 'sla.clocks', {});
    const ackMs = (id: string) => clocks.incidents.find((i) => i.id === id)!.clocks.find((c) => c.target === 'acknowledge')!.targetMs;
    const afterId = (await after.getAttribute('aria-label'))!.split(' ')[0]!;
    expect(ackMs(before.id)).toBe(15 * MIN);
    expect(ackMs(afterId)).toBe(20 * MIN);
    expect((await ok<IncidentState>(host.url, 'incidents.get', { id: afterId })).priority).toBe('P2');
  } finally {
    await host.stop();
  }
});
