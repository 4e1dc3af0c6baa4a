/**
 * Integration with a REAL Prometheus Alertmanager (Debian package `prometheus-alertmanager`,
 * binary /usr/bin/prometheus-alertmanager, or $ALERTMANAGER_BIN): the test starts it on loopback
 * with a temporary config whose webhook_config points at Watchfloor's receiver (bearer secret,
 * group_wait 1s, group_interval 2s, resolve_timeout 5s), posts alerts to its v2 API, and watches
 * them arrive, group, become an incident and resolve on the incident's timeline.
 * Without the binary the test is skipped, saying why.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { eventually, openIntake, type IntakeHarness } from './alert-helpers';

const AM_BIN = process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
const HAVE_AM = existsSync(AM_BIN);
const SKIP_REASON = `SKIPPED: ${AM_BIN} not found (apt-get install -y prometheus-alertmanager, or set ALERTMANAGER_BIN)`;
if (!HAVE_AM) console.warn(`alert-alertmanager.test.ts: ${SKIP_REASON}`);

const SECRET = 'am-integration-secret-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function config(receiverUrl: string): string {
  return `global:
  resolve_timeout: 5s
route:
  receiver: watchfloor
  group_by: ['alertname', 'service']
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
receivers:
  - name: watchfloor
    webhook_configs:
      - url: '${receiverUrl}'
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: '${SECRET}'
`;
}

describe('real Alertmanager → receiver', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let h: IntakeHarness | undefined;
  let am: ChildProcess | undefined;
  let amLog = '';
  beforeEach(async () => {
    dir = await tempDir('watchfloor-am-');
  });
  afterEach(async () => {
    if (am && am.exitCode === null) {
      const exited = new Promise((r) => am!.once('exit', r));
      am.kill('SIGTERM');
      await exited;
    }
    await h?.close();
    await dir.cleanup();
  });

  it.skipIf(!HAVE_AM)(
    HAVE_AM ? 'alerts posted to Alertmanager arrive grouped, become an incident, and resolve on its timeline' : `alerts posted to Alertmanager arrive grouped … (${SKIP_REASON})`,
    async () => {
      h = await openIntake(join(dir.path, 'watchfloor'), { sources: [{ id: 'am', format: 'alertmanager', secret: SECRET }] });
      const amDir = join(dir.path, 'alertmanager');
      await mkdir(amDir, { recursive: true });
      await writeFile(join(amDir, 'alertmanager.yml'), config(`${h.base}/alerts/am`));
      const port = await freePort();
      const amUrl = `http://127.0.0.1:${port}`;
      am = spawn(AM_BIN, [`--config.file=${join(amDir, 'alertmanager.yml')}`, `--storage.path=${join(amDir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=info'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      am.stdout!.on('data', (c: Buffer) => (amLog += c.toString()));
      am.stderr!.on('data', (c: Buffer) => (amLog += c.toString()));
      await eventually(async () => (await fetch(`${amUrl}/-/ready`).catch(() => undefined))?.ok, 60_000, 200).catch(() => {
        throw new Error(`Alertmanager did not become ready:\n${amLog}`);
      });

      const startsAt = new Date(Date.now() - 60_000).toISOString();
      const alerts = (endsAt?: string) =>
        ['web-1', 'web-2'].map((instance) => ({
          labels: { alertname: 'CheckoutLatencyHigh', service: 'checkout', instance, severity: 'critical' },
          annotations: { summary: `p99 latency above 2 s on ${instance}`, description: 'Checkout p99 latency is 3.4 s.' },
          startsAt,
          ...(endsAt ? { endsAt } : {}),
          generatorURL: 'http://prometheus.example.internal/graph?g0.expr=latency',
        }));
      const post = async (body: unknown) => {
        const r = await fetch(`${amUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        expect(r.status).toBe(200);
      };
      await post(alerts());

      // Alertmanager groups them by alertname+service and sends one notification with both.
      const group = await eventually(() => h!.groups().find((g) => g.firingCount === 2), 60_000, 200).catch(() => {
        throw new Error(`no grouped notification arrived; inbox: ${JSON.stringify(h!.groups())}\nlog: ${JSON.stringify(h!.rt.log.list())}\nalertmanager:\n${amLog}`);
      });
      expect(group).toMatchObject({ source: 'am', format: 'alertmanager', severity: 'critical', firing: true, title: 'p99 latency above 2 s on web-1' });
      expect(group.groupKey).toBe('{}:{alertname="CheckoutLatencyHigh", service="checkout"}');
      expect(group.labels).toMatchObject({ alertname: 'CheckoutLatencyHigh', service: 'checkout', severity: 'critical' });
      expect(group.alerts.map((a) => a.dedupKey)).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{16}$/)]));
      expect(h.rt.log.list()).toEqual([]);

      const { incident } = await h.call('alerts.createIncident', { groupId: group.id });
      expect(incident).toMatchObject({ priority: 'P1', source: 'monitoring', services: ['checkout'] });

      // Resolve: the same alerts with an end time; Alertmanager sends the resolved notification.
      await post(alerts(new Date().toISOString()));
      await eventually(() => h!.groups().find((g) => g.id === group.id && !g.firing), 60_000, 200).catch(() => {
        throw new Error(`no resolve arrived; group: ${JSON.stringify(h!.ws.inbox().groups[group.id])}\nalertmanager:\n${amLog}`);
      });
      const timeline = h.ws.require(incident.id).timeline.filter((e) => e.type === 'alert.received').map((e) => (e.data as { status: string }).status);
      expect(timeline.filter((s) => s === 'resolved')).toHaveLength(2);
      expect(await h.call('alerts.forIncident', { id: incident.id })).toMatchObject({ allResolved: true, suggestMonitoring: true });
      // Every notification is counted; the group stayed one group.
      expect(h.groups()).toHaveLength(1);
    },
    180_000,
  );
});
