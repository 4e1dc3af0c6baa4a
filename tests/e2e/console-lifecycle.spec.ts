import { expect, test, type Page } from '@playwright/test';
import type { IncidentState } from '../../shared/domain/incident';
import { getIncident, ok } from './support/api';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * One incident walked from triage to close in the real console, through the UI only (the API is
 * used only to read state for assertions), while two other incidents are open and the operator
 * moves between them with the keyboard; then the host restarts on the same data directory.
 */

const MAIN = 'Core switch failure — Building B';
const SECOND = 'Payment gateway timeouts';
const THIRD = 'Badge readers offline at Gate 3';

const ORIGINAL_DECISION = 'Fail over to the standby switch now rather than wait for the vendor';
const CORRECTED_DECISION = 'Fail over to the standby switch at 14:30 once DC staff are on site';
const NOTE = 'Vendor ticket 4471 opened with Acme Networks';
const STATUS_UPDATE = 'Building B users on the backup VLAN; 40% of desks affected';
const DRAFT_MAIN = 'Unsaved: DC confirms the uplink swap';
const DRAFT_SECOND = 'Unsaved: card processor says their side is green';

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/console-lifecycle-${name}.png` });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function consoleParts(page: Page) {
  const list = page.getByRole('list', { name: 'Open incidents' });
  return {
    list,
    row: (id: string) => list.getByRole('button', { name: new RegExp(`^${escape(id)} `) }),
    main: page.getByRole('main'),
    status: page.getByRole('group', { name: 'Change status' }),
    roles: page.getByRole('region', { name: 'Roles' }),
    responders: page.getByRole('region', { name: /^Responders \(/ }),
    tasks: page.getByRole('region', { name: /^Tasks \(/ }),
    timeline: page.getByRole('list', { name: 'Timeline' }),
    quick: page.getByRole('form', { name: 'Add to the timeline' }),
  };
}

async function createInUi(page: Page, title: string, impact: 1 | 2 | 3, urgency: 1 | 2 | 3, service: string): Promise<string> {
  const c = consoleParts(page);
  await page.getByRole('button', { name: 'New incident', exact: true }).click();
  await expect(c.main).toHaveAccessibleName('New incident');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Impact', { exact: true }).selectOption(String(impact));
  await page.getByLabel('Urgency', { exact: true }).selectOption(String(urgency));
  const services = page.getByLabel('Affected services', { exact: true });
  await services.fill(service);
  await services.press('Enter');
  await page.getByRole('button', { name: 'Create incident' }).click();
  const row = c.list.getByRole('listitem').filter({ hasText: title });
  await expect(row).toHaveCount(1);
  const id = (await row.getAttribute('aria-label'))!.split(' ')[0]!;
  expect(id).toMatch(/^INC-\d{4}-[A-Z0-9]+-\d+$/);
  // A new incident is selected at once.
  await expect(c.main).toHaveAccessibleName(`Incident ${id}`);
  return id;
}

/** The console shows `id` in the detail pane and marks its row as the current one. */
async function expectSelected(page: Page, id: string) {
  const c = consoleParts(page);
  await expect(c.main).toHaveAccessibleName(`Incident ${id}`);
  await expect(c.row(id)).toHaveAttribute('aria-current', 'true');
}

/** Everything the walk-through recorded on the main incident, as the UI shows it. */
async function expectRecordedWork(page: Page) {
  const c = consoleParts(page);
  // Roles: the coordinator taken by the operator, communications handed over from Bo Chen to Cy Diaz.
  await expect(c.roles.getByRole('listitem').filter({ hasText: 'Incident coordinator' })).toContainText('Ana Ruiz');
  await expect(c.roles.getByRole('listitem').filter({ hasText: 'Communications lead' })).toContainText('Cy Diaz');
  // Responders.
  await expect(c.responders).toHaveAccessibleName('Responders (2)');
  await expect(c.responders.getByRole('listitem').filter({ hasText: 'Bo Chen' })).toContainText('Network');
  await expect(c.responders.getByRole('listitem').filter({ hasText: 'Dee Patel' })).toContainText('Facilities');
  // The task with one of its two checklist items ticked.
  const checklist = page.getByRole('list', { name: 'Checklist of Fail over to standby switch' });
  await expect(checklist.getByRole('checkbox', { name: 'Notify DC' })).toBeChecked();
  await expect(checklist.getByRole('checkbox', { name: 'Swap uplinks' })).not.toBeChecked();
  await expect(c.tasks.getByRole('listitem').filter({ hasText: 'Fail over to standby switch' }).first()).toContainText('1/2 done');
  await expect(c.tasks).toContainText('Owner: Bo Chen');
  // Three entries of three kinds; the decision corrected, the original struck through beside it.
  const entry = (text: string) => c.timeline.getByRole('listitem').filter({ hasText: text });
  await expect(entry(NOTE).locator('.console-tl-kind')).toHaveText('Note');
  await expect(entry(STATUS_UPDATE).locator('.console-tl-kind')).toHaveText('Status update');
  const decision = entry(CORRECTED_DECISION);
  await expect(decision).toHaveCount(1);
  await expect(decision.locator('.console-tl-kind')).toHaveText('Decision');
  const struck = decision.locator('del');
  await expect(struck).toHaveText(`Original: ${ORIGINAL_DECISION}`);
  await expect(struck).toHaveCSS('text-decoration-line', 'line-through');
  await expect(decision.locator('ins')).toHaveText(`Correction: ${CORRECTED_DECISION}`);
  await expect(decision).toContainText('corrected by Ana Ruiz');
  // The original text appears only once (struck through), never as a second live entry.
  await expect(c.timeline.getByRole('listitem').filter({ hasText: ORIGINAL_DECISION })).toHaveCount(1);
  // Recorded changes read as sentences, attributed to the operator.
  for (const sentence of [
    'Status New → Acknowledged',
    'Status Acknowledged → Investigating',
    'Ana Ruiz takes Incident coordinator role',
    'Ana Ruiz assigns Communications lead role to Bo Chen',
    'Bo Chen hands Communications lead role to Cy Diaz',
    'Bo Chen joins as responder (Network)',
    'Dee Patel joins as responder (Facilities)',
    'Task added: “Fail over to standby switch” for Bo Chen',
    'Ticked “Notify DC” on task “Fail over to standby switch”',
  ]) {
    await expect(c.timeline.getByText(sentence, { exact: false }).first(), sentence).toBeVisible();
  }
}

/** The same, read from the API. */
function expectRecordedState(s: IncidentState) {
  expect(s.roles).toEqual({ coordinator: 'Ana Ruiz', communications: 'Cy Diaz' });
  expect(s.responders.map((r) => [r.person, r.team, r.leftAt])).toEqual([
    ['Bo Chen', 'Network', null],
    ['Dee Patel', 'Facilities', null],
  ]);
  expect(s.tasks).toHaveLength(1);
  expect(s.tasks[0]).toMatchObject({ title: 'Fail over to standby switch', owner: 'Bo Chen', status: 'open' });
  expect(s.tasks[0]!.checklist.map((i) => [i.text, i.done])).toEqual([
    ['Notify DC', true],
    ['Swap uplinks', false],
  ]);
  const byText = (t: string) => s.entries.find((e) => e.text === t);
  expect(s.entries).toHaveLength(4);
  expect(byText(NOTE)).toMatchObject({ kind: 'note', author: 'Ana Ruiz', correctedBy: null });
  expect(byText(STATUS_UPDATE)).toMatchObject({ kind: 'status_update', correctedBy: null });
  const original = byText(ORIGINAL_DECISION)!;
  const correction = byText(CORRECTED_DECISION)!;
  expect(original).toMatchObject({ kind: 'decision', correctedBy: correction.entryId });
  expect(correction).toMatchObject({ kind: 'decision', corrects: original.entryId });
  expect(s.resolution).toEqual({ code: 'Workaround', summary: 'Standby switch in service; vendor replacing the failed unit' });
}

test('an incident goes from triage to closed in the console while two others stay open, and it all survives restarts', async ({ page }) => {
  test.setTimeout(240_000);
  let host: RunningHost = await startBrowserHost();
  try {
    await page.goto(`${host.url}/`);
    const c = consoleParts(page);
    await expect(page.getByText('No open incidents.')).toBeVisible();

    // Who is at the console: recorded as the author of every change.
    const operator = page.getByLabel('Operator', { exact: true });
    await operator.fill('Ana Ruiz');
    await operator.press('Enter');
    await expect(page.locator('.console-statusbar')).toContainText('Ana Ruiz');

    // ---- Triage: three incidents opened from the console.
    const second = await createInUi(page, SECOND, 1, 2, 'Payments'); // P2
    const third = await createInUi(page, THIRD, 2, 3, 'Access control'); // P4
    const main = await createInUi(page, MAIN, 1, 1, 'Network'); // P1
    // Priority order: P1, P2, P4 — what Ctrl+1/2/3 select.
    await expect(c.list.getByRole('button')).toHaveCount(3);
    const order = await c.list.getByRole('button').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-incident-id')));
    expect(order).toEqual([main, second, third]);
    await expect(c.row(main)).toHaveAccessibleName(`${main} P1 ${MAIN}`);
    await expect(c.row(main)).toHaveAttribute('aria-keyshortcuts', 'Control+1');
    await expectSelected(page, main);
    await expect(page.getByRole('heading', { level: 2, name: MAIN })).toBeVisible();
    await shot(page, '01-triage');

    // ---- Acknowledge (one click: nothing to fill in).
    await c.status.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await expect(c.status.getByRole('button', { name: 'Start investigating', exact: true })).toBeVisible();
    await expect(c.timeline).toContainText('Status New → Acknowledged');

    // ---- Roles: the operator takes coordinator; communications goes to Bo Chen, who hands it to Cy Diaz.
    await c.roles.getByRole('button', { name: 'Take Incident coordinator role as Ana Ruiz' }).click();
    await expect(c.roles.getByRole('listitem').filter({ hasText: 'Incident coordinator' })).toContainText('Ana Ruiz');
    await expect(page.locator('.console-detail-facts')).toContainText('Ana Ruiz');

    await c.roles.getByRole('button', { name: 'Assign Communications lead role' }).click();
    const assign = c.roles.getByRole('form', { name: 'Assign a role' });
    await assign.getByLabel('Person', { exact: true }).fill('Bo Chen');
    await assign.getByRole('button', { name: 'Assign', exact: true }).click();
    await expect(assign).toBeHidden();
    await expect(c.roles.getByRole('listitem').filter({ hasText: 'Communications lead' })).toContainText('Bo Chen');

    await c.roles.getByRole('button', { name: 'Hand over Communications lead role' }).click();
    const handover = c.roles.getByRole('form', { name: 'Hand over Communications lead' });
    await handover.getByLabel('Hand over from Bo Chen to', { exact: true }).fill('Cy Diaz');
    await expect(handover).toContainText('Bo Chen hands Communications lead role to Cy Diaz');
    await handover.getByRole('button', { name: 'Hand over', exact: true }).click();
    await expect(handover).toBeHidden();
    await expect(c.roles.getByRole('listitem').filter({ hasText: 'Communications lead' })).toContainText('Cy Diaz');
    await expect(c.timeline).toContainText('Bo Chen hands Communications lead role to Cy Diaz');

    // ---- Two responders.
    for (const [person, team] of [
      ['Bo Chen', 'Network'],
      ['Dee Patel', 'Facilities'],
    ] as const) {
      await c.responders.getByRole('button', { name: 'Add responder…' }).click();
      const join = c.responders.getByRole('form', { name: 'Add a responder' });
      await join.getByLabel('Person', { exact: true }).fill(person);
      await join.getByLabel('Team', { exact: true }).fill(team);
      await join.getByRole('button', { name: 'Join', exact: true }).click();
      await expect(join).toBeHidden();
      await expect(c.responders.getByRole('listitem').filter({ hasText: person })).toContainText(team);
    }
    await expect(c.responders).toHaveAccessibleName('Responders (2)');

    // ---- A task with a checklist; tick one item.
    await c.tasks.getByRole('button', { name: 'Add task…' }).click();
    const addTask = c.tasks.getByRole('form', { name: 'Add a task' });
    await addTask.getByLabel('Task', { exact: true }).fill('Fail over to standby switch');
    await addTask.getByLabel('Owner', { exact: true }).fill('Bo Chen');
    await addTask.getByLabel('Checklist (one item per line, optional)').fill('Notify DC\nSwap uplinks');
    await addTask.getByRole('button', { name: 'Add task', exact: true }).click();
    await expect(addTask).toBeHidden();
    await expect(c.tasks).toHaveAccessibleName('Tasks (1 open)');
    const checklist = page.getByRole('list', { name: 'Checklist of Fail over to standby switch' });
    // Controlled by the server's answer: click, then wait for the state to come back.
    await checklist.getByRole('checkbox', { name: 'Notify DC' }).click();
    await expect(checklist.getByRole('checkbox', { name: 'Notify DC' })).toBeChecked();
    await expect(c.tasks).toContainText('1/2 done');

    // ---- Investigating.
    await c.status.getByRole('button', { name: 'Start investigating', exact: true }).click();
    await expect(c.status.getByRole('button', { name: 'Mark mitigated', exact: true })).toBeVisible();
    await expect(c.status.getByRole('button', { name: 'Resolve…' })).toBeVisible();

    // ---- Three timeline entries: Alt+n picks the kind (and focuses the box), Ctrl+Enter adds.
    const entries: Array<[key: string, label: string, text: string]> = [
      ['Alt+1', 'Note', NOTE],
      ['Alt+2', 'Decision', ORIGINAL_DECISION],
      ['Alt+6', 'Status update', STATUS_UPDATE],
    ];
    for (const [key, label, text] of entries) {
      await page.keyboard.press(key);
      await expect(c.quick.getByRole('radio', { name: label })).toBeChecked();
      const box = c.quick.getByRole('textbox', { name: `${label} text` });
      await expect(box).toBeFocused();
      await page.keyboard.type(text);
      await page.keyboard.press('Control+Enter');
      await expect(box).toHaveValue('');
      const item = c.timeline.getByRole('listitem').filter({ hasText: text });
      await expect(item).toHaveCount(1);
      await expect(item.locator('.console-tl-kind')).toHaveText(label);
      await expect(item).toContainText('Ana Ruiz');
    }
    // Newest first.
    await expect(c.timeline.getByRole('listitem').first()).toContainText(STATUS_UPDATE);
    await shot(page, '02-investigating');

    // ---- Correct the decision: the original stays, struck through, with the correction beside it.
    await c.timeline.getByRole('button', { name: 'Correct decision by Ana Ruiz' }).click();
    const correction = page.getByLabel('Corrected text (the original stays visible, struck through)');
    await expect(correction).toBeFocused();
    await expect(correction).toHaveValue(ORIGINAL_DECISION);
    await correction.fill(CORRECTED_DECISION);
    await page.getByRole('button', { name: 'Save correction' }).click();
    await expect(correction).toBeHidden();
    const decision = c.timeline.getByRole('listitem').filter({ hasText: CORRECTED_DECISION });
    await expect(decision.locator('del')).toContainText(ORIGINAL_DECISION);
    await expect(decision.locator('del')).toHaveCSS('text-decoration-line', 'line-through');
    await expect(decision.locator('ins')).toContainText(CORRECTED_DECISION);
    await decision.scrollIntoViewIfNeeded();
    await shot(page, '03-correction');

    // ---- Switching incidents by keyboard keeps each incident's unsaved quick-entry text.
    await page.keyboard.press('Alt+1');
    await expect(c.quick.getByRole('textbox')).toBeFocused();
    await page.keyboard.type(DRAFT_MAIN);
    await page.keyboard.press('Control+2');
    await expectSelected(page, second);
    await expect(c.quick.getByRole('textbox')).toHaveValue('');
    await page.keyboard.press('Alt+4');
    await expect(c.quick.getByRole('radio', { name: 'Communication sent' })).toBeChecked();
    await page.keyboard.type(DRAFT_SECOND);
    await page.keyboard.press('Control+3');
    await expectSelected(page, third);
    await expect(c.quick.getByRole('textbox')).toHaveValue('');
    await expect(c.quick.getByRole('radio', { name: 'Note' })).toBeChecked();
    await page.keyboard.press('Control+1');
    await expectSelected(page, main);
    await expect(c.quick.getByRole('textbox', { name: 'Note text' })).toHaveValue(DRAFT_MAIN);

    // The palette: Ctrl+K, type part of a title, Enter.
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await page.keyboard.press('Control+K');
    await expect(palette).toBeVisible();
    const search = palette.getByRole('combobox');
    await expect(search).toBeFocused();
    await page.keyboard.type('payment gateway');
    await expect(palette.getByRole('option', { selected: true })).toContainText(second);
    await shot(page, '04-palette');
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expectSelected(page, second);
    await expect(c.quick.getByRole('textbox', { name: 'Communication sent text' })).toHaveValue(DRAFT_SECOND);

    await page.keyboard.press('Control+K');
    await expect(palette).toBeVisible();
    await page.keyboard.type('core switch');
    await expect(palette.getByRole('option', { selected: true })).toContainText(main);
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
    await expectSelected(page, main);
    await expect(c.quick.getByRole('textbox', { name: 'Note text' })).toHaveValue(DRAFT_MAIN);
    // Nothing of the drafts was sent.
    expect((await getIncident(host.url, main)).entries.map((e) => e.text)).not.toContain(DRAFT_MAIN);
    expect((await getIncident(host.url, second)).entries).toEqual([]);
    await shot(page, '05-draft-kept');

    // ---- Resolve with a code and a summary.
    await c.status.getByRole('button', { name: 'Resolve…' }).click();
    const resolve = page.getByRole('form', { name: 'Resolve: Investigating → Resolved' });
    // The form refuses to send without a code and summary.
    await resolve.getByRole('button', { name: 'Resolve incident' }).click();
    await expect(resolve.getByText('Choose a resolution code')).toBeVisible();
    await expect(resolve.getByText('A resolution summary is required')).toBeVisible();
    await resolve.getByLabel('Resolution code').selectOption('Workaround');
    await resolve.getByLabel('Resolution summary').fill('Standby switch in service; vendor replacing the failed unit');
    await resolve.getByRole('button', { name: 'Resolve incident' }).click();
    await expect(resolve).toBeHidden();
    await expect(page.locator('.console-detail-resolution')).toHaveText('Resolution (Workaround): Standby switch in service; vendor replacing the failed unit');
    await expect(c.status.getByRole('button', { name: 'Close…' })).toBeVisible();
    await expect(c.status.getByRole('button', { name: 'Reopen…' })).toBeVisible();
    // Resolved leaves the open list; the other two stay.
    await expect(c.row(main)).toHaveCount(0);
    await expect(c.list.getByRole('button')).toHaveCount(2);
    await expectRecordedWork(page);
    await shot(page, '06-resolved');
    const resolvedState = await getIncident(host.url, main);
    expect(resolvedState.status).toBe('resolved');
    expectRecordedState(resolvedState);

    // ---- Restart the host on the same data directory: everything is still there.
    await host.stop();
    host = await startBrowserHost({ dataDir: host.dataDir });
    await page.goto(`${host.url}/`);
    await expect(c.list.getByRole('button')).toHaveCount(2);
    await expect(c.row(second)).toBeVisible();
    await expect(c.row(third)).toBeVisible();
    await expect(c.row(main)).toHaveCount(0);
    // The operator name was saved as the machine's setting too.
    await expect(page.getByLabel('Operator', { exact: true })).toHaveValue('Ana Ruiz');
    // Find it with the "Resolved (to close)" filter.
    await page.getByLabel('Status', { exact: true }).selectOption('resolved');
    await expect(c.list.getByRole('button')).toHaveCount(1);
    await c.row(main).click();
    await expectSelected(page, main);
    await expect(page.locator('.console-detail-resolution')).toHaveText('Resolution (Workaround): Standby switch in service; vendor replacing the failed unit');
    await expectRecordedWork(page);
    expect(await getIncident(host.url, main)).toEqual(resolvedState);
    await shot(page, '07-restarted-resolved');

    // ---- Close: a P1 needs the post-incident review done or waived with a reason.
    await c.status.getByRole('button', { name: 'Close…' }).click();
    const close = page.getByRole('form', { name: 'Close: Resolved → Closed' });
    await close.getByRole('radio', { name: 'Waive review' }).check();
    await close.getByRole('button', { name: 'Close incident' }).click();
    await expect(close.getByText('Waiving the review needs a reason')).toBeVisible();
    await close.getByLabel('Why waive the review').fill('Covered by the vendor RCA');
    await shot(page, '08-close-form');
    await close.getByRole('button', { name: 'Close incident' }).click();
    await expect(close).toBeHidden();
    await expect(c.status).toContainText('No further status changes.');
    await expect(c.timeline).toContainText('Post-incident review waived');
    await expect(c.timeline).toContainText('Status Resolved → Closed');
    // Not resolved-to-close any more.
    await expect(c.row(main)).toHaveCount(0);
    await expect(page.getByText('No incidents match these filters.')).toBeVisible();
    await shot(page, '09-closed');

    // ---- Restart again: closed, with the waiver, and the two others still open.
    await host.stop();
    host = await startBrowserHost({ dataDir: host.dataDir });
    const closed = await getIncident(host.url, main);
    expect(closed.status).toBe('closed');
    expect(closed.review).toEqual({ outcome: 'waived', reason: 'Covered by the vendor RCA' });
    expectRecordedState(closed);
    const active = await ok<{ incidents: IncidentState[] }>(host.url, 'incidents.list', { scope: 'active' });
    expect(active.incidents.map((i) => i.id).sort()).toEqual([second, third].sort());
    await page.goto(`${host.url}/`);
    await expect(c.list.getByRole('button')).toHaveCount(2);
    await expect(c.row(main)).toHaveCount(0);
    await page.getByLabel('Status', { exact: true }).selectOption('resolved');
    await expect(page.getByText('No incidents match these filters.')).toBeVisible();
    await page.getByRole('button', { name: 'Clear 1 filter' }).click();
    await expect(c.list.getByRole('button')).toHaveCount(2);
    await shot(page, '10-restarted-closed');
  } finally {
    await host.stop();
  }
});
