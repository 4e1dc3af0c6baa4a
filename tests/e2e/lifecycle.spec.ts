import { expect, test } from '@playwright/test';
import type { LifecycleRules } from '../../shared/domain/lifecycle';
import { command, createIncident, getIncident, ok } from './support/api';
import { axe } from './support/axe';
import { startBrowserHost } from './support/browser-host';

/**
 * The lifecycle rules on the policies screen end to end: a coordinator adds a resolution code and
 * publishes it; a console already open in another tab offers the code at once (no reload) and
 * resolves an incident with it. Then an edit that crossed someone else's publish is flagged and
 * merged. Photographed at 1920×1080 and checked with axe.
 */

const NEW_CODE = 'Replaced hardware';

test('a resolution code published on the policies screen is offered in an open console and resolves an incident', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startBrowserHost({ args: ['--no-demo'] });
  try {
    await ok(host.url, 'settings.update', { operatorName: 'Dana Whitfield' });
    const incident = await createIncident(host.url, { title: 'Core switch failure — Building B', impact: 1, urgency: 1 });
    await command(host.url, incident.id, { type: 'transition', to: 'investigating' });

    // The console is open in another tab before anything is published.
    const consolePage = await page.context().newPage();
    await consolePage.goto(`${host.url}/`);
    await consolePage.getByRole('list', { name: 'Open incidents' }).getByRole('button', { name: new RegExp(`^${incident.id} `) }).click();
    await expect(consolePage.getByRole('main')).toHaveAccessibleName(`Incident ${incident.id}`);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${host.url}/policies`);
    const section = page.getByRole('region', { name: 'Incident lifecycle' });
    await expect(section.getByTestId('lifecycle-current-version')).toContainText('v1, shipped default');

    // Inline validation: an empty button label and an empty new code are named at their fields.
    const label = section.getByLabel('Button label for New → Acknowledged');
    await label.fill('');
    await expect(label).toHaveAttribute('aria-invalid', 'true');
    await expect(section.locator(`#${await label.getAttribute('id')}-error`)).toHaveText(/New → Acknowledged needs a label/);
    await section.getByRole('button', { name: 'Add code' }).click();
    await expect(section.getByText('Type the code to add')).toBeVisible();
    await section.screenshot({ path: 'test-results/lifecycle-invalid.png' });
    await label.fill('Acknowledge');
    await expect(label).not.toHaveAttribute('aria-invalid', 'true');

    // Add the code, and have P3s reviewed too.
    const codes = section.getByRole('list', { name: 'Resolution codes' });
    await section.getByLabel('New resolution code').fill(NEW_CODE);
    await section.getByLabel('New resolution code').press('Enter');
    await expect(codes.getByRole('listitem').last()).toContainText(NEW_CODE);
    await section.getByRole('checkbox', { name: 'P3' }).check();
    await expect(section.getByRole('status').filter({ hasText: 'Unpublished changes' })).toBeVisible();
    await section.screenshot({ path: 'test-results/lifecycle-section.png' });

    await section.getByRole('button', { name: 'Publish lifecycle' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Published v2' })).toBeVisible();
    const history = section.getByRole('list', { name: 'Lifecycle versions' });
    await expect(history.getByRole('listitem').first()).toHaveText(/^v2, from \d{1,2} [A-Z][a-z]{2} \d{2}:\d{2} by Dana Whitfield$/);
    await expect(history.getByRole('listitem').nth(1)).toHaveText('v1, shipped default');
    await axe(page);

    // The open console offers the new code without a reload, and the host accepts it.
    const status = consolePage.getByRole('group', { name: 'Change status' });
    await status.getByRole('button', { name: 'Resolve…' }).click();
    const resolve = consolePage.getByRole('form', { name: 'Resolve: Investigating → Resolved' });
    await resolve.getByLabel('Resolution code').selectOption(NEW_CODE);
    await resolve.getByLabel('Resolution summary').fill('Failed core switch swapped for a spare');
    await resolve.getByRole('button', { name: 'Resolve incident' }).click();
    await expect(consolePage.locator('.console-detail-resolution')).toHaveText(`Resolution (${NEW_CODE}): Failed core switch swapped for a spare`);
    expect((await getIncident(host.url, incident.id)).resolution).toEqual({ code: NEW_CODE, summary: 'Failed core switch swapped for a spare' });

    // Someone else publishes while this screen edits: flagged, and publishing merges both edits.
    await label.fill('Take it');
    const theirs = await ok<{ current: LifecycleRules }>(host.url, 'lifecycle.get', {});
    await ok(host.url, 'lifecycle.publish', { lifecycle: { ...theirs.current, resolutionCodes: [...theirs.current.resolutionCodes, 'Duplicate'] }, baseVersion: 2 }, 'Sam Okoye');
    await expect(section.getByText('v3 was published while you edited v2')).toBeVisible();
    await section.getByRole('button', { name: 'Publish lifecycle' }).click();
    await expect(section.getByRole('status').filter({ hasText: 'Published v4' })).toBeVisible();
    const merged = await ok<{ current: LifecycleRules }>(host.url, 'lifecycle.get', {});
    expect(merged.current.transitions[0]!.label).toBe('Take it');
    expect(merged.current.resolutionCodes.slice(-2)).toEqual([NEW_CODE, 'Duplicate']);
    expect(merged.current.reviewPriorities).toEqual(['P1', 'P2', 'P3']);
    await expect(codes.getByRole('listitem').last()).toContainText('Duplicate');
    expect((await getIncident(host.url, incident.id)).status).toBe('resolved');
  } finally {
    await host.stop();
  }
});
