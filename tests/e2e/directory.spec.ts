import { expect, test } from '@playwright/test';
import { createIncident, ok } from './support/api';
import { axe } from './support/axe';
import { startBrowserHost } from './support/browser-host';

/**
 * The directory screen end to end: a person added in the UI and published is offered by the
 * console's role-assign picker; a stakeholder-update template edited and published is what the
 * update composer pre-fills. Photographed at 1920×1080 and checked with axe.
 */

test('a person and a template published on the directory screen reach the console pickers and the update composer', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startBrowserHost({ args: ['--no-demo'] });
  try {
    await ok(host.url, 'settings.update', { operatorName: 'Dana Whitfield' });
    const incident = await createIncident(host.url, { title: 'Radio network degraded — north sector', impact: 1, urgency: 1, services: ['Radio'] });

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${host.url}/directory`);
    await expect(page.getByTestId('directory-current-version')).toContainText('v1, shipped default');
    const people = page.getByRole('region', { name: /^People/ });
    await expect(people).toContainText('No people yet.');

    // A team first, so the person can join it.
    const teams = page.getByRole('region', { name: /^Teams/ });
    await teams.getByRole('button', { name: 'Add team' }).click();
    await teams.getByLabel('Name').fill('Network Operations');
    await teams.getByLabel('Description').fill('Core network and radio backhaul');
    await teams.getByRole('button', { name: 'Save' }).click();

    // Validation at the field: a malformed email is refused before anything is published.
    await people.getByRole('button', { name: 'Add person' }).click();
    const form = people.getByRole('form', { name: 'Add person' });
    await form.getByLabel('Name').fill('Priya Raman');
    await form.getByLabel('Role / title').fill('Network engineer');
    await form.getByLabel('Team').selectOption({ label: 'Network Operations' });
    await form.getByLabel('Phone').fill('+44 20 7946 0103');
    await form.getByLabel('Email').fill('priya at example');
    await form.getByLabel('On call').check();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(form.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Email')).toBeFocused();
    await page.screenshot({ path: 'test-results/directory-invalid.png' });
    await form.getByLabel('Email').fill('priya.raman@example.org');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(people.getByRole('row', { name: /Priya Raman/ })).toContainText('Network Operations');

    const organisations = page.getByRole('region', { name: /^External organisations/ });
    await organisations.getByRole('button', { name: 'Add organisation' }).click();
    await organisations.getByLabel('Name').fill('Northline Telecom');
    await organisations.getByLabel('Contact').fill('NOC +44 20 7946 0900');
    await organisations.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByText('Unpublished changes')).toBeVisible();
    await page.getByRole('button', { name: 'Publish directory' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Published v2' })).toBeVisible();
    const history = page.getByRole('list', { name: 'Directory versions' });
    await expect(history.getByRole('listitem').first()).toHaveText(/^v2, from \d{1,2} [A-Z][a-z]{2} \d{2}:\d{2} by Dana Whitfield$/);
    const directory = await ok<{ version: number; current: { people: Array<{ name: string; onCall: boolean }>; teams: Array<{ members: string[] }> } }>(host.url, 'directory.get', {});
    expect(directory.version).toBe(2);
    expect(directory.current.people).toMatchObject([{ name: 'Priya Raman', onCall: true }]);
    expect(directory.current.teams[0]!.members).toHaveLength(1);

    // The customers' template, edited and published.
    const templates = page.getByRole('region', { name: 'Stakeholder update templates' });
    await templates.getByLabel('Customers template').fill('Radio service update for {services}: we are working on {title}. Next update by {next}.');
    await templates.getByRole('button', { name: 'Publish templates' }).click();
    await expect(templates.getByRole('status').filter({ hasText: 'Published v2' })).toBeVisible();

    await page.screenshot({ path: 'test-results/directory-dark.png' });
    await page.screenshot({ path: 'test-results/directory-dark-full.png', fullPage: true });
    await axe(page);

    // The console: the role-assign picker offers Priya (with her title and team), then the composer pre-fills the template.
    await page.getByRole('link', { name: '← Console' }).click();
    await page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ hasText: incident.title }).click();
    const roles = page.getByRole('region', { name: 'Roles' });
    await roles.getByRole('button', { name: 'Assign Communications lead role' }).click();
    const assign = roles.getByRole('form', { name: 'Assign a role' });
    const listId = await assign.getByLabel('Person', { exact: true }).getAttribute('list');
    const option = page.locator(`datalist[id="${listId}"] option[value="Priya Raman"]`);
    await expect(option).toHaveCount(1);
    await expect(option).toHaveAttribute('label', 'Network engineer · Network Operations · on call');
    await assign.getByLabel('Person', { exact: true }).fill('Priya Raman');
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(roles.getByRole('listitem').filter({ hasText: 'Communications lead' })).toContainText('Priya Raman');

    const composer = page.getByRole('region', { name: 'Stakeholder update' });
    await composer.getByRole('button', { name: 'Write update…' }).click();
    await composer.getByRole('radio', { name: 'Customers' }).check();
    await expect(composer.getByLabel('Update text')).toHaveValue(/^Radio service update for Radio: we are working on Radio network degraded — north sector\. Next update by /);
  } finally {
    await host.stop();
  }
});

test('a priority matrix published on the policies screen gives incidents created afterwards their priority', async ({ page }) => {
  test.setTimeout(90_000);
  const host = await startBrowserHost({ args: ['--no-demo'] });
  try {
    const before = await createIncident(host.url, { title: 'Payroll export failing', impact: 2, urgency: 1 });
    expect(before.priority).toBe('P2');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${host.url}/policies`);
    const matrix = page.getByRole('region', { name: 'Priority matrix' });
    await expect(matrix.getByTestId('matrix-current-version')).toContainText('v1, shipped default');

    // More urgency may not lower the priority: named at the cell, and the host refuses it too.
    await matrix.getByLabel('Impact 2 × urgency 2 priority').selectOption('P1');
    await expect(matrix.getByLabel('Impact 2 × urgency 1 priority')).toHaveAttribute('aria-invalid', 'true');
    await matrix.getByRole('button', { name: 'Publish matrix' }).click();
    await expect(matrix.getByRole('alert')).toContainText('matrix.1.0');
    await matrix.getByLabel('Impact 2 × urgency 1 priority').selectOption('P1');
    await matrix.getByLabel('Impact 1 × urgency 2 priority').selectOption('P1');
    await expect(matrix.locator('[aria-invalid="true"]')).toHaveCount(0);
    await matrix.getByRole('button', { name: 'Publish matrix' }).click();
    await expect(matrix.getByRole('status').filter({ hasText: 'Published v2' })).toBeVisible();
    await matrix.screenshot({ path: 'test-results/directory-policies-matrix.png' });
    await axe(page);

    const after = await createIncident(host.url, { title: 'Badge readers offline', impact: 2, urgency: 1 });
    expect(after.priority).toBe('P1');
    expect(after.timeline[0]!.data).toMatchObject({ matrixVersion: 2 });
    expect((await ok<{ priority: string }>(host.url, 'incidents.get', { id: before.id })).priority).toBe('P2');
  } finally {
    await host.stop();
  }
});
