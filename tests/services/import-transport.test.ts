import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../../shared/contract/stream';
import type { ImportPreview, ImportSummary } from '../../shared/contract/import-api';
import type { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { startHost } from '../support/http-host';
import { tempDir } from '../support/temp-dir';
import { openTestWorkspace } from '../support/workspace';
import { BPI_SAMPLE, text } from './import-helpers';

describe('import over the browser host, with progress', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let ws: WorkspaceService;
  let host: Awaited<ReturnType<typeof startHost>>;
  beforeEach(async () => {
    dir = await tempDir('watchfloor-import-http-');
    ({ service: ws } = await openTestWorkspace(join(dir.path, 'data')));
    host = await startHost({ service: ws, version: 't' });
  });
  afterEach(async () => {
    await host.close();
    await ws.close();
    await dir.cleanup();
  });

  it('takes a 1.5 MB file in the call (import methods only), streams progress and answers with the summary', { timeout: 120_000 }, async () => {
    const content = await text(BPI_SAMPLE);
    expect(content.length).toBeGreaterThan(1_000_000);
    // Other methods keep the 1 MB limit.
    const big = await host.post('incidents.create', { title: 'x', impact: 1, urgency: 1, description: 'y'.repeat(1_100_000) });
    expect(big.status).toBe(413);

    const previewRes = await host.post('import.preview', { content, fileName: 'sample.csv' });
    expect(previewRes.status).toBe(200);
    const preview = (await previewRes.json()) as ImportPreview;
    expect(preview.incidentCount).toBe(1000);

    const messages: StreamMessage[] = [];
    const off = ws.subscribe((m) => messages.push(m));
    const res = await host.post('import.run', { importId: 'run-1', content, fileName: 'sample.csv', sourceKey: preview.sourceKey, mapping: preview.mapping });
    off();
    expect(res.status).toBe(200);
    const summary = (await res.json()) as ImportSummary;
    expect(summary.incidents.created).toBe(1000);

    const progress = messages.filter((m): m is Extract<StreamMessage, { kind: 'importProgress' }> => m.kind === 'importProgress');
    expect(progress.every((m) => m.importId === 'run-1' && m.total === 1000)).toBe(true);
    const mapping = progress.filter((m) => m.phase === 'map').map((m) => m.done);
    const recording = progress.filter((m) => m.phase === 'record').map((m) => m.done);
    expect(mapping.length).toBeGreaterThan(2);
    expect(mapping).toEqual([...mapping].sort((a, b) => a - b));
    expect(recording.at(0)).toBe(0);
    expect(recording.at(-1)).toBe(1000);
    // Only active incidents are pushed to clients (all 1,000 cases ended resolved or closed).
    expect(messages.some((m) => m.kind === 'incidents')).toBe(false);
  });

  it('refuses a read-only caller', async () => {
    const wall = await startHost({ service: ws, version: 't', token: 'tok-admin', wallToken: 'tok-wall' });
    try {
      const res = await wall.post('import.run', { importId: 'x', content: 'a,b\n1,2\n', fileName: 'f', sourceKey: 'k', mapping: { format: 'csv', columns: { id: 'a', time: 'b', status: 'b' }, status: {} } }, { authorization: 'Bearer tok-wall' });
      expect(res.status).toBe(403);
    } finally {
      await wall.close();
    }
  });
});
