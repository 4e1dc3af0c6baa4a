import { expect, test, type Page } from '@playwright/test';
import type { IncidentState } from '../../shared/domain/incident';
import { call, getIncident, ok } from './support/api';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * SLA clocks end to end on a host whose clock the test moves (`--test-clock`): a P1 is created in
 * the console, the acknowledge warning and breach are recorded by the host's scheduler and show in
 * the list, the header and the notification centre; automatic escalation reaches level 2 on the
 * timeline; a stakeholder update from the composer restarts the cadence clock.
 */

const MIN = 60_000;
const TITLE = 'Radio trunking down — North sector';
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/sla-${name}.png` });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function advance(host: RunningHost, ms: number): Promise<{ now: number; recorded: number }> {
  return ok(host.url, 'testing.advanceClock', { ms });
}

test('a P1 warns, breaches, escalates and its cadence restarts with an update; all visible in console, centre and board', async ({ page }) => {
  const host = await startBrowserHost({ args: ['--no-demo', '--test-clock'] });
  try {
    await page.goto(`${host.url}/`);
    await page.getByRole('button', { name: 'New incident', exact: true }).click();
    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page.getByLabel('Impact', { exact: true }).selectOption('1');
    await page.getByLabel('Urgency', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Create incident' }).click();

    const list = page.getByRole('list', { name: 'Open incidents' });
    const item = list.getByRole('listitem').filter({ hasText: TITLE });
    await expect(item).toHaveCount(1);
    const id = (await item.getAttribute('aria-label'))!.split(' ')[0]!;
    const rowSla = item.getByTestId('row-sla');
    const headerSla = page.getByTestId('header-sla');
    const bell = page.getByRole('button', { name: /^Notifications, \d+ unacknowledged$/ });

    // Fresh P1: the acknowledge clock (5 min) is nearest; a new P1 is in the centre.
    await expect(rowSla).toHaveText(/acknowledge due in 5 min/);
    await expect(bell).toHaveAccessibleName('Notifications, 1 unacknowledged');
    await expect(page).toHaveTitle('(1) Watchfloor');

    // 4 minutes on: past 75 % of the acknowledge target. Amber, and said in words.
    const warned = await advance(host, 4 * MIN);
    expect(warned.recorded).toBe(1);
    await expect(rowSla).toContainText('At risk');
    await expect(rowSla).toContainText('acknowledge due in 1 min');
    await expect(rowSla.locator('[data-sla-tone]')).toHaveAttribute('data-sla-tone', 'warning');
    await expect(bell).toHaveAccessibleName('Notifications, 2 unacknowledged');
    await shot(page, 'warning');

    // 5 minutes: the acknowledge target breaches. Red, and said in words; recorded once under its id.
    await advance(host, 1 * MIN);
    await expect(rowSla).toContainText('Breached');
    await expect(rowSla).toContainText('acknowledge breached just now');
    await expect(headerSla).toContainText('acknowledge breached');
    await expect(rowSla.locator('[data-sla-tone]')).toHaveAttribute('data-sla-tone', 'breached');
    let incident = await getIncident(host.url, id);
    expect(incident.timeline.filter((e) => e.type === 'sla.breached').map((e) => e.id)).toEqual([`breach:${id}:acknowledge:0`]);

    // 30 minutes without acknowledgement or progress: escalation levels 1 and 2 (15 min each).
    const escalated = await advance(host, 25 * MIN);
    expect(escalated.recorded).toBeGreaterThanOrEqual(3); // first-update breach, level 1, level 2
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await expect(timeline).toContainText('Escalated automatically to level 2 (Duty manager)');
    await expect(timeline).toContainText('Escalated automatically to level 1 (On-call engineering)');
    await expect(timeline).toContainText('SLA breached: acknowledge target');
    await expect(page.getByTestId('header-escalation')).toHaveText('Level 2: Duty manager');
    incident = await getIncident(host.url, id);
    const escalations = incident.timeline.filter((e) => e.type === 'escalation.raised').map((e) => e.id);
    expect(escalations).toEqual([`esc:${id}:1:0`, `esc:${id}:2:0`]);
    await shot(page, 'escalated');

    // The notification centre lists the breach and the escalations, each linking to the incident.
    await bell.click();
    const centre = page.getByRole('dialog', { name: 'Notifications' });
    await expect(centre).toBeVisible();
    const entries = centre.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
    await expect(entries.filter({ hasText: `${id}: acknowledge target breached` })).toHaveCount(1);
    await expect(entries.filter({ hasText: `${id} escalated to level 2 (Duty manager)` })).toHaveCount(1);
    await expect(entries.filter({ hasText: `P1 incident ${id}` })).toHaveCount(1);
    const unacked = Number(/(\d+) unacknowledged/.exec((await bell.getAttribute('aria-label'))!)![1]);
    expect(unacked).toBeGreaterThanOrEqual(6); // new P1, warning, 2 breaches, 2 escalations
    await expect(page).toHaveTitle(`(${unacked}) Watchfloor`);
    await shot(page, 'centre');

    // Acknowledge one, then all: the count, the title and the host agree.
    await centre.getByRole('button', { name: `Acknowledge: ${id}: acknowledge target breached` }).click();
    await expect(bell).toHaveAccessibleName(`Notifications, ${unacked - 1} unacknowledged`);
    await centre.getByRole('button', { name: 'Acknowledge all' }).click();
    await expect(bell).toHaveAccessibleName('Notifications, 0 unacknowledged');
    await expect(page).toHaveTitle('Watchfloor');
    const listed = await ok<{ unacknowledged: number }>(host.url, 'notifications.list', {});
    expect(listed.unacknowledged).toBe(0);

    // The link selects the incident.
    await centre.getByRole('button', { name: `Open ${id}` }).first().click();
    await expect(page.getByRole('main')).toHaveAccessibleName(`Incident ${id}`);

    // The board shows the breach too, against the host's (moved) clock.
    const wall = await page.context().newPage();
    await wall.goto(`${host.url}/wall`);
    const tile = wall.getByRole('article', { name: new RegExp(`^${escape(id)}`) });
    await expect(tile).toBeVisible();
    await expect(tile).toContainText(/acknowledge breached 2\d min ago/);
    await wall.screenshot({ path: 'test-results/sla-wall.png' });
    await wall.close();

    // A stakeholder update from the composer restarts the cadence: the next update is due in 30 min.
    const composer = page.getByRole('region', { name: 'Stakeholder update' });
    await expect(composer.getByText('Next update:')).toBeVisible();
    await expect(composer).toContainText('first update breached');
    await composer.getByRole('button', { name: 'Write update…' }).click();
    await composer.getByRole('radio', { name: 'Customers' }).check();
    const text = composer.getByLabel('Update text');
    await expect(text).toHaveValue(/We are aware of an issue/);
    await composer.getByRole('button', { name: 'Send update' }).click();
    await expect(composer.locator('.sla-update-due')).toHaveText(/update due in 30 min/);
    incident = await getIncident(host.url, id);
    const update = incident.entries.find((e) => e.kind === 'status_update');
    expect(update?.text).toMatch(/^\[Customers\] We are aware of an issue/);

    // 20 minutes later the cadence clock (30 min) is running, not breached; nothing new breached.
    await advance(host, 20 * MIN);
    await expect(composer.locator('.sla-update-due')).toHaveText(/update due in 10 min/);
    incident = await getIncident(host.url, id);
    expect(incident.timeline.filter((e) => e.type === 'sla.breached').map((e) => e.id)).toEqual([`breach:${id}:acknowledge:0`, `breach:${id}:firstUpdate:0`]);
    await shot(page, 'update-sent');

    // Manual de-escalation needs a reason and lowers the level.
    const sla = page.getByRole('region', { name: 'SLA and escalation' });
    await sla.getByRole('button', { name: 'De-escalate…' }).click();
    await sla.getByRole('button', { name: 'De-escalate', exact: true }).click();
    await expect(sla.getByText('A reason is required')).toBeVisible();
    await sla.getByLabel('Reason').fill('Duty manager is already on the bridge');
    await sla.getByRole('button', { name: 'De-escalate', exact: true }).click();
    await expect(page.getByTestId('header-escalation')).toHaveText('Level 1: On-call engineering');
    await expect(timeline).toContainText('De-escalated from level 2 to 1');
  } finally {
    await host.stop();
  }
});

test('the test clock is refused on a normal host, and clocks are served over the API', async () => {
  const host = await startBrowserHost();
  try {
    const refused = await call<{ error: { code: string } }>(host.url, 'testing.advanceClock', { ms: 60_000 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const created = await ok<IncidentState>(host.url, 'incidents.create', { title: 'Core switch', impact: 1, urgency: 1 });
    const clocks = await ok<{ now: number; incidents: Array<{ id: string; nearestText: string; escalation: { level: number } }> }>(host.url, 'sla.clocks', {});
    expect(clocks.incidents.map((i) => i.id)).toEqual([created.id]);
    expect(clocks.incidents[0]!.nearestText).toBe('acknowledge due in 5 min');
    expect(clocks.incidents[0]!.escalation.level).toBe(0);
  } finally {
    await host.stop();
  }
});
