/**
 * The alert receiver over real HTTP on loopback: every format's sample (the real Alertmanager
 * captures in ../shared/data/alerts where present), authentication (bearer, HMAC, routing key),
 * body limit, rate limit, malformed bodies, and what a refusal leaves behind (a JSON error, an
 * intake-log line, no change to the inbox, the journal or any incident).
 */
import { request } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { fixture, openIntake, sample, SECRETS, TEST_SOURCES, type IntakeHarness } from './alert-helpers';

const journal = (dataDir: string) => readFile(join(dataDir, 'journal', 'events.ndjson'), 'utf8').catch(() => '');

describe('alert receiver', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let h: IntakeHarness;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-alerts-');
  });
  afterEach(async () => {
    await h?.close();
    await dir.cleanup();
  });

  it('is off by default and binds to loopback when turned on', async () => {
    const { WorkspaceService } = await import('../../electron/services/workspace/workspace-service');
    const { startAlertIntake } = await import('../../electron/services/alerts/alert-runtime');
    const ws = await WorkspaceService.open({ dataDir: dir.path, version: 'test' });
    const rt = await startAlertIntake(ws);
    const status = rt.status();
    expect(status.enabled).toBe(false);
    expect(status.listening).toBe(false);
    expect(status.bindAddress).toBe('127.0.0.1');
    expect((await ws.call('alerts.settings', {})) as { receiver: { port: number } }).toMatchObject({ receiver: { port: 4520, enabled: false } });
    await ws.close();
  });

  it('takes in each format: Alertmanager, Grafana (HMAC), PagerDuty (routing key), CAP XML, generic JSON, and sniffs an auto source', async () => {
    h = await openIntake(dir.path);
    const am = await h.post('prom', sample('alertmanager/am0.25_generated_01_firing_single.json'));
    expect(am.status).toBe(200);
    expect(am.body).toMatchObject({ status: 'accepted', format: 'alertmanager', alerts: 1, outcomes: ['new-group'] });

    const grafana = await h.post('grafana', fixture('grafana/grafana_webhook_two_alerts.json'));
    expect(grafana.status).toBe(200);
    expect(grafana.body).toMatchObject({ format: 'grafana', alerts: 2 });

    const pd = await h.post('pd', sample('pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json'));
    expect(pd.status).toBe(202);
    expect(pd.body).toEqual({ status: 'success', message: 'Event processed', dedup_key: '500cdcc59dbd473f4f364481761ff6e4bc6cd515bf0346701c535a56c755a54a' });

    const cap = await h.post('cap', fixture('cap/01_flood_warning_alert.xml'), { contentType: 'application/cap+xml' });
    expect(cap.status).toBe(200);
    expect(cap.body).toMatchObject({ format: 'cap', alerts: 1 });

    const generic = await h.post('generic', JSON.stringify({ title: 'Backup job failed on nas-02', dedupKey: 'backup-nas-02', status: 'firing', severity: 'high', labels: { service: 'backup' } }));
    expect(generic.status).toBe(202);
    expect(generic.body).toEqual({ status: 'accepted', dedupKey: 'backup-nas-02', groupKey: 'backup-nas-02' });

    const auto = await h.post('auto', sample('alertmanager/am0.25_generated_03_firing_two_alerts.json'));
    expect(auto.status).toBe(200);
    expect(auto.body).toMatchObject({ format: 'alertmanager', alerts: 2 });

    const groups = h.groups();
    expect(groups.map((g) => g.source).sort()).toEqual(['auto', 'cap', 'generic', 'grafana', 'pd', 'prom']);
    const prom = groups.find((g) => g.source === 'prom')!;
    expect(prom).toMatchObject({ severity: 'critical', firing: true, count: 1, title: 'checkout-api 5xx ratio above 5% for 5m' });
    expect(prom.labels).toMatchObject({ service: 'checkout-api', env: 'prod' });
    expect(groups.find((g) => g.source === 'cap')).toMatchObject({ format: 'cap', severity: 'high', title: 'Flood warning: River Severn at Worcester' });
    expect(groups.find((g) => g.source === 'generic')).toMatchObject({ severity: 'high', firing: true });

    const inbox = await h.call('alerts.inbox', { view: 'triage' });
    expect(inbox.counts.all).toBe(6);
    expect(inbox.groups[0]!.severity).toBe('critical');
    // Only refusals go to the intake log.
    expect(h.rt.log.list()).toEqual([]);
    // Nothing was turned into an incident by itself (no auto-create rule).
    expect(h.ws.allIncidents()).toEqual([]);
  });

  it('counts duplicates within the dedup window and keeps them after a restart', async () => {
    h = await openIntake(dir.path);
    const body = sample('alertmanager/am0.25_generated_01_firing_single.json');
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.post('prom', body);
      expect(r.status).toBe(200);
      outcomes.push(...(r.body as { outcomes: string[] }).outcomes);
    }
    expect(outcomes).toEqual(['new-group', 'duplicate', 'duplicate']);
    const [group] = h.groups();
    expect(group).toMatchObject({ count: 3, duplicates: 2, firingCount: 1 });
    expect(group!.alerts).toHaveLength(1);
    await h.close();

    h = await openIntake(dir.path);
    expect(h.groups()).toMatchObject([{ count: 3, duplicates: 2 }]);
    // Alert events live on the alert stream, never as incidents.
    expect(h.ws.allIncidents()).toEqual([]);
  });

  it('refuses wrong or missing secrets with 401, logs them and changes nothing', async () => {
    h = await openIntake(dir.path);
    await h.post('prom', sample('alertmanager/am0.25_generated_01_firing_single.json'));
    const before = await journal(dir.path);

    const none = await h.post('prom', sample('alertmanager/am0.25_generated_03_firing_two_alerts.json'), { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.body).toEqual({ error: { code: 'unauthorized', message: 'Authorization: Bearer <secret> is required' } });

    const wrong = await h.post('prom', sample('alertmanager/am0.25_generated_03_firing_two_alerts.json'), { token: `${SECRETS.prom}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('Wrong bearer token');

    const badSignature = await h.post('grafana', fixture('grafana/grafana_webhook_two_alerts.json'), { headers: { 'x-watchfloor-signature': `sha256=${'0'.repeat(64)}` } });
    expect(badSignature.status).toBe(401);
    const noSignature = await h.post('grafana', fixture('grafana/grafana_webhook_two_alerts.json'), { token: null });
    expect(noSignature.status).toBe(401);

    const pdBody = sample('pagerduty-events-v2/am0.25_generated_pd_v2_01_trigger.json').replace(SECRETS.pd, 'f'.repeat(32));
    const wrongKey = await h.post('pd', pdBody);
    expect(wrongKey.status).toBe(401);

    const unknown = await h.post('nosuch', '{}');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_source');

    expect(await journal(dir.path)).toBe(before);
    expect(h.groups()).toHaveLength(1);
    expect(h.ws.allIncidents()).toEqual([]);

    const log = h.rt.log.list();
    expect(log.map((e) => [e.source, e.status, e.reason])).toEqual([
      ['nosuch', 404, 'unknown_source'],
      ['pd', 401, 'unauthorized'],
      ['grafana', 401, 'unauthorized'],
      ['prom', 401, 'unauthorized'],
    ]);
    // Same source and reason within seconds: counted, not written again.
    expect(log.find((e) => e.source === 'prom')!.repeats).toBe(1);
    expect(log.find((e) => e.source === 'grafana')!.repeats).toBe(1);
    // The first bytes of the body, with the routing key masked.
    const pdEntry = log.find((e) => e.source === 'pd')!;
    expect(pdEntry.snippet).toContain('"routing_key":"****"');
    expect(pdEntry.snippet).not.toContain('f'.repeat(32));
    await h.rt.log.flush();
    const file = await readFile(join(dir.path, 'alert-intake.log'), 'utf8');
    expect(file.trim().split('\n').map((l) => (JSON.parse(l) as { reason: string }).reason)).toEqual(['unauthorized', 'unauthorized', 'unauthorized', 'unknown_source']);
  });

  it('refuses bodies over the limit with 413 (declared and chunked)', async () => {
    h = await openIntake(dir.path, { receiver: { maxBodyBytes: 64 * 1024 } });
    const big = JSON.stringify({ title: 'x', dedupKey: 'big', status: 'firing', severity: 'info', description: 'y'.repeat(100 * 1024) });
    const declared = await h.post('generic', big);
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('too_large');

    // Without Content-Length (chunked): refused while reading.
    const chunked = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${h.base}/alerts/generic`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRETS.generic}`, 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write(big.slice(i * 10_300, (i + 1) * 10_300));
      req.end(big.slice(103_000));
    });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body)).toMatchObject({ error: { code: 'too_large' } });
    expect(h.groups()).toEqual([]);
    expect(h.rt.log.list()[0]).toMatchObject({ status: 413, reason: 'too_large', source: 'generic' });
  });

  it('rate-limits each source with a token bucket: 429 with Retry-After, other sources unaffected', async () => {
    const sources = TEST_SOURCES.map((s) => (s.id === 'generic' ? { ...s, rateLimit: { perSecond: 0.01, burst: 2 } } : s));
    h = await openIntake(dir.path, { sources });
    const alert = (n: number) => JSON.stringify({ title: `Flood ${n}`, dedupKey: `flood-${n}`, status: 'firing', severity: 'warning' });
    expect((await h.post('generic', alert(1))).status).toBe(202);
    expect((await h.post('generic', alert(2))).status).toBe(202);
    const limited = await h.post('generic', alert(3));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error.code).toBe('rate_limited');
    // A stranger without the secret does not use up the sender's budget: 401, not 429.
    expect((await h.post('generic', alert(4), { token: 'not-the-secret-at-all' })).status).toBe(401);
    expect((await h.post('prom', sample('alertmanager/am0.25_generated_01_firing_single.json'))).status).toBe(200);
    expect(h.groups().filter((g) => g.source === 'generic').map((g) => g.groupKey).sort()).toEqual(['flood-1', 'flood-2']);
    expect(h.rt.log.list().map((e) => e.reason)).toContain('rate_limited');
  });

  it('answers malformed and unknown bodies with JSON errors in each format’s own shape', async () => {
    h = await openIntake(dir.path);
    const before = await journal(dir.path);

    const badJson = await h.post('prom', '{"version": "4", "alerts": [');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toMatchObject({ code: 'invalid_input', field: 'body' });
    expect(badJson.body.error.message).toMatch(/not valid JSON/);

    const pdBad = await h.post('pd', `{"routing_key":"${SECRETS.pd}","event_action":"trigger","payload":{"summary":"x"}}`);
    expect(pdBad.status).toBe(400);
    expect(pdBad.body).toMatchObject({ status: 'invalid event', message: 'Event object is invalid' });
    expect(pdBad.body.errors).toEqual(expect.arrayContaining([expect.stringMatching(/payload.source/)]));

    const genericBad = await h.post('generic', JSON.stringify({ title: 'x', dedupKey: 'k', status: 'burning', severity: 'info' }));
    expect(genericBad.status).toBe(400);
    expect(genericBad.body.error).toMatchObject({ code: 'invalid_input', field: 'status' });

    const amInvalid = await h.post('prom', JSON.stringify({ version: '4', groupKey: 'g', alerts: [] }));
    expect(amInvalid.status).toBe(400);
    expect(amInvalid.body.error.field).toBe('alerts');

    const badXml = await h.post('cap', fixture('cap/07_malformed.xml'), { contentType: 'application/xml' });
    expect(badXml.status).toBe(400);
    expect(badXml.body.error.message).toMatch(/^xml: line \d+, column \d+/);

    const unknown = await h.post('auto', JSON.stringify({ hello: 'world' }));
    expect(unknown.status).toBe(415);
    expect(unknown.body.error.code).toBe('unsupported_format');
    const notCap = await h.post('auto', '<html><body>hi</body></html>', { contentType: 'text/html' });
    expect(notCap.status).toBe(415);
    const image = await h.post('auto', Buffer.from([0x89, 0x50, 0x4e, 0x47]), { contentType: 'image/png' });
    expect(image.status).toBe(415);
    expect(image.body.error.code).toBe('unsupported_media_type');
    const empty = await h.post('auto', '');
    expect(empty.status).toBe(400);

    expect(await journal(dir.path)).toBe(before);
    expect(h.groups()).toEqual([]);
    const reasons = h.rt.log.list().map((e) => `${e.source}:${e.status}:${e.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining(['prom:400:invalid_json', 'pd:400:invalid_alert', 'generic:400:invalid_alert', 'cap:400:invalid_xml', 'auto:415:unsupported_format', 'auto:415:unsupported_media_type', 'auto:400:empty_body']),
    );
    const xmlEntry = h.rt.log.list().find((e) => e.reason === 'invalid_xml')!;
    expect(xmlEntry.snippet.startsWith('<?xml')).toBe(true);
  });

  it('answers 405 to anything but POST and 404 off the /alerts/ paths', async () => {
    h = await openIntake(dir.path);
    const get = await fetch(`${h.base}/alerts/prom`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${h.base}/api/incidents.list`, { method: 'POST' })).status).toBe(404);
    expect(await (await fetch(`${h.base}/health`)).json()).toEqual({ ok: true });
  });

  it('turns off and rebinds when the settings change', async () => {
    h = await openIntake(dir.path);
    const first = h.base;
    await h.call('alerts.updateSettings', { receiver: { enabled: false } });
    expect(h.rt.status()).toMatchObject({ enabled: false, listening: false, baseUrl: null });
    await expect(fetch(`${first}/health`)).rejects.toThrow();
    await h.call('alerts.updateSettings', { receiver: { enabled: true } });
    const status = await h.call('alerts.receiverStatus', {});
    expect(status.listening).toBe(true);
    expect(status.sources.find((s) => s.id === 'prom')).toMatchObject({ url: `${status.baseUrl}/alerts/prom`, auth: 'bearer' });
    // Secrets never come back from the settings.
    const view = await h.call('alerts.settings', {});
    expect(JSON.stringify(view)).not.toContain(SECRETS.prom);
    expect(view.sources.find((s) => s.id === 'prom')).toMatchObject({ secretSet: true, secretHint: `…${SECRETS.prom.slice(-4)}`, path: '/alerts/prom' });
  });
});
