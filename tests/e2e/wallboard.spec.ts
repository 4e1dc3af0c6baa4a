import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { IncidentState } from '../../shared/domain/incident';
import { startBrowserHost, type RunningHost } from './support/browser-host';

/**
 * The wall board in Chromium against the real browser host. Incidents are made over the HTTP API
 * (fast); each test starts its own host. Screenshots: test-results/wall-<count>-<width>.png.
 * Timing assertions are limited to what the product promises (a change on the board within 1 s).
 */

const HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };
const MIN = 60_000;

interface Api {
  call<T = unknown>(method: string, body?: unknown, token?: string): Promise<{ status: number; body: T }>;
  ok<T = unknown>(method: string, body?: unknown): Promise<T>;
}

function api(base: string, token?: string): Api {
  const call = async <T,>(method: string, body: unknown = {}, as = token) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-watchfloor-actor': 'Ana%20Ruiz' };
    if (as) headers.authorization = `Bearer ${as}`;
    const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  };
  return {
    call,
    async ok<T>(method: string, body: unknown = {}) {
      const r = await call<T>(method, body);
      if (r.status !== 200) throw new Error(`${method} ${JSON.stringify(body)} answered ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
}

type Input = Record<string, unknown>;
type Command = Record<string, unknown>;

/** Seven incidents that show what the board does: a major P1 (hero), an unacknowledged P1, P2s in progress, an exercise, a P4. */
const CURATED: Array<[Input, Command[]]> = [
  [
    { title: 'Core switch failure — Building B', impact: 1, urgency: 1, services: ['Network', 'Telephony'], category: 'Network', major: true },
    [
      { type: 'transition', to: 'investigating' },
      { type: 'assignRole', role: 'coordinator', person: 'Ana Ruiz' },
      { type: 'assignRole', role: 'communications', person: 'Cy Diaz' },
      { type: 'joinResponder', person: 'Bo Chen', team: 'Network' },
      { type: 'addEntry', kind: 'decision', text: 'Fail over to the standby switch once DC staff are on site' },
      { type: 'addEntry', kind: 'status_update', text: 'Users on the backup VLAN; 40% of desks affected' },
    ],
  ],
  [{ title: 'Payment gateway timeouts', impact: 1, urgency: 1, services: ['Payments'] }, []],
  [
    { title: 'Email delivery delays to external domains', impact: 1, urgency: 2, services: ['Email'] },
    [
      { type: 'transition', to: 'investigating' },
      { type: 'assignRole', role: 'coordinator', person: 'Bo Chen' },
    ],
  ],
  [
    { title: 'VPN concentrator flapping', impact: 2, urgency: 1, services: ['VPN'] },
    [
      { type: 'transition', to: 'acknowledged' },
      { type: 'addEntry', kind: 'status_update', text: 'Remote staff may see drops every few minutes' },
    ],
  ],
  [{ title: 'Badge readers offline at Gate 3', impact: 2, urgency: 2, services: ['Access control'] }, [{ type: 'transition', to: 'acknowledged' }]],
  [
    { title: 'Exercise: flooding in server room 2', impact: 2, urgency: 2, exercise: true },
    [
      { type: 'transition', to: 'investigating' },
      { type: 'assignRole', role: 'coordinator', person: 'Dee Patel' },
    ],
  ],
  [{ title: 'Printer queue stuck on floor 4', impact: 3, urgency: 2, services: ['Printing'] }, []],
];

const THINGS = ['Radio link', 'CAD server', 'Door controller', 'Storage array', 'Web portal', 'Phone trunk', 'Print server', 'Wi-Fi controller', 'Backup job', 'SCADA gateway', 'Ticket queue', 'Camera feed'];
const FAULTS = ['degraded', 'down', 'slow', 'intermittent', 'failing over', 'unreachable'];
const SITES = ['North site', 'South site', 'Depot', 'HQ', 'Harbour'];
/** Priority mix of the generated incidents: few P1s (impact, urgency), mostly P3/P4. */
const MIX: Array<[number, number]> = [[1, 2], [2, 2], [2, 3], [2, 2], [3, 2], [2, 3], [3, 3], [1, 2], [2, 2], [2, 3], [3, 2], [1, 1], [2, 3], [2, 2], [3, 3], [2, 3], [2, 2], [3, 2], [2, 3], [2, 2], [1, 2], [2, 3], [3, 3], [2, 2], [2, 3]];

function generated(i: number): [Input, Command[]] {
  const [impact, urgency] = MIX[i % MIX.length]!;
  const title = `${THINGS[i % THINGS.length]} ${FAULTS[(i * 7) % FAULTS.length]} — ${SITES[(i * 3) % SITES.length]} #${i + 1}`;
  const cmds: Command[] = i % 3 === 0 ? [] : [{ type: 'transition', to: 'acknowledged' }];
  return [{ title, impact, urgency, services: [SITES[(i * 3) % SITES.length]] }, cmds];
}

/**
 * Creates `count` incidents (the curated ones first). Creates go one at a time: concurrent
 * `incidents.create` calls on one host mint the same id and collapse into one incident (a host
 * issue, reported); the follow-up commands of different incidents run a few at a time.
 */
async function seed(a: Api, count: number): Promise<IncidentState[]> {
  const specs = Array.from({ length: count }, (_, i) => (i < CURATED.length ? CURATED[i]! : generated(i)));
  const out: IncidentState[] = [];
  for (const [input] of specs) out.push(await a.ok<IncidentState>('incidents.create', input));
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) for (const command of specs[i]![1]) out[i] = await a.ok<IncidentState>('incidents.command', { id: out[i]!.id, command });
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
}

async function openBoard(page: Page, host: RunningHost, query = '', expectArticles?: number): Promise<void> {
  await page.goto(`${host.url}/wall${query ? `?${query}` : ''}`);
  await expect(page.locator('.wall-conn--live')).toBeVisible();
  if (expectArticles !== undefined) await expect(page.getByRole('article')).toHaveCount(expectArticles);
  await page.evaluate(() => document.fonts.ready);
}

/**
 * Rendered font size (px) of the first element matching `selector`. Polled: the board scales with
 * the window on its resize event, a render after `setViewportSize` returns.
 */
const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

async function shoot(page: Page, count: number, check: (viewport: typeof HD) => Promise<void>): Promise<void> {
  for (const viewport of [HD, UHD]) {
    await page.setViewportSize(viewport);
    await check(viewport);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `test-results/wall-${count}-${viewport.width}.png` });
  }
}

test.describe('wall board screenshots at 1920×1080 and 3840×2160', () => {
  test.describe.configure({ timeout: 180_000 });

  test('0 incidents: the calm screen', async ({ page }) => {
    const host = await startBrowserHost();
    try {
      await openBoard(page, host, '', 0);
      await shoot(page, 0, async () => {
        await expect(page.getByRole('heading', { name: 'No active incidents' })).toBeVisible();
      });
    } finally {
      await host.stop();
    }
  });

  test('1 incident: one hero panel with its SLA', async ({ page }) => {
    const host = await startBrowserHost();
    try {
      await seed(api(host.url), 1);
      await openBoard(page, host, '', 1);
      await shoot(page, 1, async () => {
        await expect(page.locator('.wall-hero .wall-sla')).toContainText(/due in \d+ min/);
      });
    } finally {
      await host.stop();
    }
  });

  test('7 incidents: a major incident beside six tiles, SLA amber and red after 14 minutes', async ({ page }) => {
    const host = await startBrowserHost({ args: ['--no-demo', '--test-clock'] });
    try {
      const a = api(host.url);
      await seed(a, 7);
      await a.ok('testing.advanceClock', { ms: 14 * MIN });
      await openBoard(page, host, '', 7);
      await shoot(page, 7, async (viewport) => {
        await expect(page.locator('.wall-hero')).toHaveCount(1);
        const payments = page.getByRole('article', { name: /Payment gateway timeouts/ });
        await expect(payments.locator('.wall-sla')).toHaveAttribute('data-sla-tone', 'breached');
        await expect(payments.locator('.wall-sla')).toContainText(/acknowledge breached \d+ min ago/);
        await expect(page.locator('.wall-sla-counts')).toContainText(/[1-9]\d* breaching/);
        await expect.poll(() => fontPx(page, '.wall-tile__title')).toBeGreaterThanOrEqual((22 * viewport.height) / 1080);
      });
    } finally {
      await host.stop();
    }
  });

  for (const count of [40, 250]) {
    test(`${count} incidents: pages of 6 × 5 compact tiles`, async ({ page }) => {
      const host = await startBrowserHost();
      try {
        await seed(api(host.url), count);
        await openBoard(page, host, 'rotate=600');
        await shoot(page, count, async (viewport) => {
          // Pages turn on the wall clock (boards in one room stay in step), so the page showing
          // depends on the time of day: every page but the last is full.
          await expect(page.locator('.wall-page')).toContainText(/^Page \d+ of \d+/);
          const [, shown, of] = /^Page (\d+) of (\d+)/.exec((await page.locator('.wall-page').textContent()) ?? '')!.map(Number);
          const tiles = await page.getByRole('article').count();
          if (shown! < of!) expect(tiles).toBe(30);
          else {
            expect(tiles).toBeGreaterThan(0);
            expect(tiles).toBeLessThanOrEqual(30);
          }
          await expect(page.locator('.wall-tile--compact')).toHaveCount(tiles);
          const u = viewport.height / 1080;
          // the documented floor: title ≥ 22 px, details ≥ 18 px at 1080p (twice that at 4K)
          await expect.poll(() => fontPx(page, '.wall-tile__title')).toBeGreaterThanOrEqual(22 * u);
          await expect.poll(() => fontPx(page, '.wall-tile__row')).toBeGreaterThanOrEqual(18 * u);
          await expect.poll(() => fontPx(page, '.wall-header__name')).toBeGreaterThanOrEqual(32 * u);
        });
      } finally {
        await host.stop();
      }
    });
  }
});

test('paging keeps the P1s on every page', async ({ page }) => {
  test.setTimeout(120_000);
  const host = await startBrowserHost();
  try {
    const incidents = await seed(api(host.url), 40);
    const p1s = incidents.filter((i) => i.priority === 'P1').map((i) => i.id);
    expect(p1s.length).toBeGreaterThanOrEqual(3);
    await page.setViewportSize(HD);
    await openBoard(page, host, 'rotate=2');
    const indicator = page.locator('.wall-page');
    await expect(indicator).toHaveText(/^Page \d of 2 · P1 & breached pinned$/);
    const seen = new Map<string, string[]>();
    for (let turn = 0; turn < 3; turn++) {
      const text = (await indicator.textContent())!;
      const ids = await page.getByRole('article').evaluateAll((els) => els.map((e) => e.getAttribute('data-incident')!));
      // the page indicator and the tiles belong to the same render
      if ((await indicator.textContent()) !== text) continue;
      expect(ids.slice(0, p1s.length).sort(), text).toEqual([...p1s].sort());
      seen.set(text.slice(0, 11), ids);
      await expect(indicator).not.toHaveText(text, { timeout: 5_000 }); // the page turns within rotate + a tick
    }
    expect([...seen.keys()].sort()).toEqual(['Page 1 of 2', 'Page 2 of 2']);
    const all = new Set([...seen.values()].flat());
    expect(all.size).toBe(40); // every incident appears on some page
  } finally {
    await host.stop();
  }
});

test('a change made through the API appears on the board within 1 s', async ({ page }) => {
  const host = await startBrowserHost();
  try {
    const a = api(host.url);
    const incidents = await seed(a, 7);
    await page.setViewportSize(HD);
    await openBoard(page, host, '', 7);

    /** Milliseconds from the API's answer to the first animation frame that shows `title` on the board. */
    const measure = async (change: () => Promise<unknown>, title: string) => {
      const shown = page.waitForFunction(
        (t) => ([...document.querySelectorAll('.wall-tile__title, .wall-hero__title')].some((e) => e.textContent === t) ? Date.now() : false),
        title,
        { polling: 'raf', timeout: 10_000 },
      );
      await change();
      const answered = Date.now();
      const at = (await (await shown).jsonValue()) as number;
      return at - answered;
    };
    const renamed = await measure(
      () => a.ok('incidents.command', { id: incidents[4]!.id, command: { type: 'updateFields', fields: { title: 'Badge readers offline at Gates 3 and 4' } } }),
      'Badge readers offline at Gates 3 and 4',
    );
    const created = await measure(() => a.ok('incidents.create', { title: 'Lift trapped passengers — Tower A', impact: 1, urgency: 1 }), 'Lift trapped passengers — Tower A');
    test.info().annotations.push({ type: 'propagation', description: `renamed ${renamed} ms, created ${created} ms after the API answered` });
    expect(renamed).toBeLessThan(1000);
    expect(created).toBeLessThan(1000);
  } finally {
    await host.stop();
  }
});

test('critical alerts posted to the receiver show on the ticker: one from before the board opened, one live', async ({ page }) => {
  const host = await startBrowserHost();
  try {
    const a = api(host.url);
    await seed(a, 2);
    const secret = 'e2e-nms-secret-0123456789abcdef';
    await a.ok('alerts.updateSettings', {
      receiver: { enabled: true, bindAddress: '127.0.0.1', port: 0 },
      sources: [{ id: 'nms', name: 'Network monitoring', format: 'generic', secret }],
    });
    const { baseUrl } = await a.ok<{ baseUrl: string }>('alerts.receiverStatus', {});
    const post = async (body: Record<string, unknown>) => {
      const r = await fetch(`${baseUrl}/alerts/nms`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify(body) });
      expect(r.status).toBe(202);
    };
    await post({ title: 'Core router CR-1 unreachable', dedupKey: 'cr-1', status: 'firing', severity: 'critical' });
    await post({ title: 'Disk 81% on backup-2', dedupKey: 'disk-2', status: 'firing', severity: 'warning' }); // not critical: not on the ticker

    await page.setViewportSize(HD);
    await openBoard(page, host, '', 2);
    const ticker = page.getByRole('region', { name: 'Latest changes and critical alerts' });
    const alerts = ticker.locator('.wall-ticker__item--alert');
    await expect(alerts).toHaveCount(1);
    await expect(alerts.first()).toContainText('CRITICAL ALERT');
    await expect(alerts.first()).toContainText('nms');
    await expect(alerts.first()).toContainText('Core router CR-1 unreachable');
    await expect(alerts.first()).toContainText(/\d+s ago|\dm ago/);
    await expect(ticker).not.toContainText('Disk 81%');

    // a new one arrives while the board is open: first on the ticker
    await post({ title: 'Dispatch radio console offline', dedupKey: 'radio-1', status: 'firing', severity: 'critical' });
    await expect(ticker.locator('li').first()).toContainText('Dispatch radio console offline', { timeout: 5_000 });
    await expect(alerts).toHaveCount(2);
    await page.screenshot({ path: 'test-results/wall-ticker-alerts-1920.png' });
    // the alert pill is readable: no serious or critical axe finding on the ticker
    const { violations } = await new AxeBuilder({ page }).include('.wall-ticker').analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  } finally {
    await host.stop();
  }
});

test('acknowledging (clicking) a pulsing tile stops the pulse, on this board', async ({ page }) => {
  const host = await startBrowserHost();
  try {
    await seed(api(host.url), 7);
    await page.setViewportSize(HD);
    await openBoard(page, host, 'board=north', 7);
    const tile = page.getByRole('article', { name: /Payment gateway timeouts/ });
    const pulse = () => tile.evaluate((e) => getComputedStyle(e, '::after').animationName);
    await expect(tile).toHaveClass(/is-attention/);
    expect(await pulse()).toBe('wall-pulse');
    await expect(tile.getByRole('button', { name: /New P1/ })).toBeVisible();
    await tile.click();
    await expect(tile).not.toHaveClass(/is-attention/);
    expect(await pulse()).toBe('none');
    await expect(tile.getByRole('button')).toHaveCount(0);
    // remembered on this board after a reload; another board still asks
    await page.reload();
    await expect(page.getByRole('article', { name: /Payment gateway timeouts/ })).not.toHaveClass(/is-attention/);
    await openBoard(page, host, 'board=south', 7);
    await expect(page.getByRole('article', { name: /Payment gateway timeouts/ })).toHaveClass(/is-attention/);
  } finally {
    await host.stop();
  }
});

test('the read-only wall token shows the board and cannot change anything', async ({ page }) => {
  const host = await startBrowserHost({ args: ['--no-demo', '--host', '127.0.0.1', '--token', 'full', '--wall-token', 'wall'] });
  try {
    const full = api(host.url, 'full');
    await seed(full, 2);
    expect((await api(host.url).call('incidents.list', { scope: 'active' })).status).toBe(401); // no token at all

    await page.setViewportSize(HD);
    await page.goto(`${host.url}/wall?token=wall`);
    await expect(page.locator('.wall-conn--live')).toBeVisible();
    await expect(page.getByRole('article')).toHaveCount(2);

    const wall = api(host.url, 'wall');
    const refused = await wall.call<{ error: { code: string } }>('incidents.create', { title: 'Should not exist', impact: 1, urgency: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const id = (await full.ok<{ incidents: IncidentState[] }>('incidents.list', { scope: 'active' })).incidents[0]!.id;
    expect((await wall.call('incidents.command', { id, command: { type: 'transition', to: 'cancelled', reason: 'x' } })).status).toBe(403);
    expect((await wall.call('settings.update', { siteName: 'Hacked' })).status).toBe(403);
    // the page's own cookie (set from ?token=wall) is read-only too
    const fromPage = await page.evaluate(async () => (await fetch('/api/incidents.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x', impact: 1, urgency: 1 }) })).status);
    expect(fromPage).toBe(403);
    expect((await full.ok<{ incidents: IncidentState[] }>('incidents.list', { scope: 'all' })).incidents).toHaveLength(2);
  } finally {
    await host.stop();
  }
});

test.describe('axe on the board', () => {
  test.describe.configure({ timeout: 150_000 });
  for (const theme of ['dark', 'high-contrast'] as const) {
    test(`no serious or critical violation, ${theme}`, async ({ page }) => {
      const host = await startBrowserHost({ args: ['--no-demo', '--test-clock'] });
      try {
        const a = api(host.url);
        await seed(a, 12);
        await a.ok('testing.advanceClock', { ms: 14 * MIN }); // breached and near-breach clocks, pulsing tiles
        await page.setViewportSize(HD);
        await openBoard(page, host, `theme=${theme}`, 12);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(page.locator('.wall-sla--breached').first()).toBeVisible();
        await expect(page.locator('.wall-sla--warning').first()).toBeVisible();
        await page.screenshot({ path: `test-results/wall-axe-${theme}.png` });
        const results = await new AxeBuilder({ page }).analyze();
        for (const v of results.incomplete)
          test.info().annotations.push({ type: 'axe needs review', description: `${v.impact} ${v.id} ×${v.nodes.length}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})` });
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} — ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`));
        test.info().annotations.push({ type: 'axe', description: `${theme}: ${results.violations.length} violations (${results.violations.map((v) => `${v.impact} ${v.id}`).join(', ') || 'none'}), ${results.incomplete.length} needs review, ${results.passes.length} passes` });
        expect(serious).toEqual([]);
        expect(results.incomplete.filter((v) => v.id === 'aria-prohibited-attr' || v.id === 'aria-allowed-attr')).toEqual([]);
      } finally {
        await host.stop();
      }
    });
  }
});
