import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { accessFor, isLoopback } from '../../electron/host/access';
import { startHost } from '../support/http-host';
import { tempDir } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspace';

describe('browser host over HTTP', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let service: WorkspaceService;
  let host: Awaited<ReturnType<typeof startHost>>;
  const staticDir = () => join(dir.path, 'renderer');

  beforeEach(async () => {
    dir = await tempDir();
    ({ service } = await openTestWorkspace(join(dir.path, 'data')));
    await mkdir(join(staticDir(), 'assets'), { recursive: true });
    await writeFile(join(staticDir(), 'index.html'), '<!doctype html><title>Watchfloor</title>');
    await writeFile(join(staticDir(), 'assets', 'app.js'), 'console.log(1)');
  });
  afterEach(async () => {
    await host.close();
    await service.close();
    await dir.cleanup();
  });

  describe('open on loopback', () => {
    beforeEach(async () => {
      host = await startHost({ service, version: '9.9.9', staticDir: staticDir() });
    });

    it('answers health with the version', async () => {
      const res = await fetch(`${host.base}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, version: '9.9.9' });
    });

    it('creates and reads incidents as JSON', async () => {
      const res = await host.post('incidents.create', { title: 'Email delivery delays', impact: 2, urgency: 1 }, { 'x-watchfloor-actor': encodeURIComponent('Zoë Ng') });
      expect(res.status).toBe(200);
      const created = (await res.json()) as { id: string; priority: string; createdBy: string };
      expect(created).toMatchObject({ priority: 'P2', createdBy: 'Zoë Ng' });
      const list = (await (await host.post('incidents.list', {})).json()) as { incidents: Array<{ id: string }> };
      expect(list.incidents.map((i) => i.id)).toEqual([created.id]);
    });

    it.each([
      ['missing title', 'incidents.create', { impact: 1, urgency: 1 }, 400, 'title'],
      ['wrong type', 'incidents.create', { title: 'x', impact: 'high', urgency: 1 }, 400, 'impact'],
      ['unknown method', 'incidents.explode', {}, 404, undefined],
      ['not JSON', 'incidents.create', '{"title":', 400, undefined],
      ['unknown incident', 'incidents.get', { id: 'INC-2026-NONE-9' }, 404, 'id'],
    ])('refuses %s with a JSON error and writes nothing', async (_name, method, body, status, field) => {
      const res = await host.post(method, body);
      expect(res.status).toBe(status);
      const { error } = (await res.json()) as { error: { code: string; message: string; field?: string } };
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.field).toBe(field);
      expect(((await (await host.post('incidents.list', { scope: 'all' })).json()) as { incidents: unknown[] }).incidents).toEqual([]);
    });

    it('names the broken rule for illegal operations', async () => {
      const { id } = (await (await host.post('incidents.create', { title: 'x', impact: 1, urgency: 1 })).json()) as { id: string };
      const res = await host.post('incidents.command', { id, command: { type: 'transition', to: 'resolved', resolution: { summary: 'fixed', code: 'Fixed' } } });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: 'rule', rule: 'lifecycle.illegalTransition' } });
    });

    it('refuses oversized bodies with 413', async () => {
      const res = await host.post('incidents.create', { title: 'x', impact: 1, urgency: 1, description: 'y'.repeat(1_100_000) });
      expect(res.status).toBe(413);
    });

    it('streams changes as server-sent events', async () => {
      const controller = new AbortController();
      const res = await fetch(`${host.base}/api/events`, { signal: controller.signal });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const reader = res.body!.getReader();
      await reader.read(); // ": connected"
      await host.post('incidents.create', { title: 'Streamed', impact: 3, urgency: 3 });
      let text = '';
      while (!text.includes('\n\n') || !text.includes('data:')) text += new TextDecoder().decode((await reader.read()).value);
      const message = JSON.parse(text.slice(text.indexOf('data:') + 5, text.indexOf('\n\n', text.indexOf('data:')))) as { kind: string; incidents: Array<{ title: string }> };
      expect(message.kind).toBe('incidents');
      expect(message.incidents[0]?.title).toBe('Streamed');
      controller.abort();
    });

    it('serves the renderer for / and /wall with a CSP, and never files outside it', async () => {
      for (const path of ['/', '/wall']) {
        const res = await fetch(`${host.base}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(await res.text()).toContain('<title>Watchfloor</title>');
      }
      expect((await fetch(`${host.base}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
      expect((await fetch(`${host.base}/assets/..%2f..%2fdata%2fsettings.json`)).status).toBe(404);
      expect((await fetch(`${host.base}/nope.js`)).status).toBe(404);
    });
  });

  describe('with access tokens', () => {
    beforeEach(async () => {
      host = await startHost({ service, version: '1', staticDir: staticDir(), token: 'full-secret', wallToken: 'wall-secret' });
    });

    it('checks the token on every request', async () => {
      expect((await fetch(`${host.base}/api/health`)).status).toBe(401);
      expect((await fetch(`${host.base}/`)).status).toBe(401);
      expect((await host.post('incidents.list', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await host.post('incidents.list', {}, { authorization: 'Bearer full-secret' })).status).toBe(200);
    });

    it('remembers a ?token= in a cookie for the page assets', async () => {
      const res = await fetch(`${host.base}/wall?token=wall-secret`);
      expect(res.status).toBe(200);
      const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${host.base}/assets/app.js`, { headers: { cookie } })).status).toBe(200);
    });

    it('lets the wall token read but not change anything (403)', async () => {
      const wall = { authorization: 'Bearer wall-secret' };
      expect((await host.post('incidents.list', {}, wall)).status).toBe(200);
      const res = await host.post('incidents.create', { title: 'x', impact: 1, urgency: 1 }, wall);
      expect(res.status).toBe(403);
      expect(((await (await host.post('incidents.list', {}, { authorization: 'Bearer full-secret' })).json()) as { incidents: unknown[] }).incidents).toEqual([]);
    });
  });

  it('treats only loopback addresses as safe without a token', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.10', '::'].some(isLoopback)).toBe(false);
    expect(accessFor(undefined, {})).toBe('full');
    expect(accessFor('x', { token: 'y' })).toBe('denied');
  });
});
