import { chromium } from '@playwright/test';
import { startBrowserHost } from '../e2e/support/browser-host';
const host = await startBrowserHost({ args: ['--test-clock'] });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
const page = await ctx.newPage();
try {
  await page.goto(host.url + '/');
  await page.waitForTimeout(2000);
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await page.getByText('Desktop notifications', { exact: true }).click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/wf-look/prefs.png' });
  await page.getByRole('button', { name: 'Close notifications' }).click();
  const sla = page.getByRole('region', { name: 'SLA and escalation' });
  await sla.getByRole('button', { name: 'Escalate…' }).click().catch(() => {});
  await page.getByRole('region', { name: 'Stakeholder update' }).getByRole('button', { name: 'Write update…' }).click();
  await page.getByRole('radio', { name: 'Executive' }).check();
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/wf-look/forms.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
} finally {
  await browser.close();
  await host.stop();
}
