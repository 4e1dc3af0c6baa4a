import { describe, expect, it } from 'vitest';
import { createReportExportHandler, registerReportExport } from '../../electron/main/report-export';
import { ReportPrintError, type ExportResult } from '../../electron/main/print';
import type { ReportRequest } from '../../electron/services/reports/report-request';
import { IPC_CHANNELS } from '../../shared/contract/ipc-channels';

const ORIGINS = ['app://watchfloor'];
const app = { senderFrame: { url: 'app://watchfloor/index.html#/' } };

function handlerWith(exportPdf: (r: ReportRequest) => Promise<ExportResult>) {
  const logged: unknown[] = [];
  const handler = createReportExportHandler({ origins: ORIGINS, exportPdf, logError: (e) => logged.push(e) });
  return { handler, logged };
}

describe('report export over IPC (Electron)', () => {
  it('validates the request and hands it to the printer', async () => {
    const seen: ReportRequest[] = [];
    const { handler } = handlerWith(async (r) => {
      seen.push(r);
      return { canceled: false, filePath: '/home/ana/Documents/incident.pdf' };
    });
    expect(await handler(app, { kind: 'incident', id: 'INC-2026-ABC123-7', paper: 'letter' })).toEqual({ ok: true, value: { canceled: false, filePath: '/home/ana/Documents/incident.pdf' } });
    expect(seen[0]).toMatchObject({ kind: 'incident', id: 'INC-2026-ABC123-7', paper: 'Letter' });
    expect(await handler(app, { kind: 'trends', from: '2026-01-01', to: '2026-03-31', granularity: 'week', timeZone: 'Europe/Madrid' })).toMatchObject({ ok: true });
    expect(seen[1]).toMatchObject({ kind: 'trends', granularity: 'week', timeZone: 'Europe/Madrid' });
  });

  it('refuses other pages and bad requests without printing', async () => {
    let printed = 0;
    const { handler } = handlerWith(async () => {
      printed++;
      return { canceled: true };
    });
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, { kind: 'situation' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler({ senderFrame: null }, { kind: 'situation' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handler(app, { kind: 'incident' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'id' } });
    expect(await handler(app, { kind: 'situation', paper: 'A9' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'paper' } });
    expect(await handler(app, { kind: 'situation', script: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(printed).toBe(0);
  });

  it("passes the page's own failure on, and hides unexpected ones", async () => {
    const failing = handlerWith(async () => {
      throw new ReportPrintError('Incident INC-2026-ABC123-9 not found');
    });
    expect(await failing.handler(app, { kind: 'incident', id: 'INC-2026-ABC123-9' })).toEqual({ ok: false, error: { code: 'internal', message: 'Incident INC-2026-ABC123-9 not found' } });
    expect(failing.logged).toEqual([]);
    const crashing = handlerWith(async () => {
      throw new Error('EACCES /secret/path');
    });
    const reply = await crashing.handler(app, { kind: 'situation' });
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error; nothing was changed' } });
    expect(crashing.logged).toHaveLength(1);
  });

  it('registers its own channel and removes it', async () => {
    const handlers = new Map<string, (event: never, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = { handle: (c: string, l: (event: never, ...args: unknown[]) => Promise<unknown>) => void handlers.set(c, l), removeHandler: (c: string) => void handlers.delete(c) };
    const dispose = registerReportExport({ ipcMain, origins: ORIGINS, exportPdf: async () => ({ canceled: true }) });
    expect([...handlers.keys()]).toEqual([IPC_CHANNELS.exportReport]);
    expect(await handlers.get(IPC_CHANNELS.exportReport)!(app as never, { kind: 'situation' })).toEqual({ ok: true, value: { canceled: true } });
    dispose();
    expect(handlers.size).toBe(0);
  });
});
