/**
 * The renderer's way to the main-process PDF export (print.ts): one IPC channel, refused for
 * frames that are not the app's own pages, the request validated with the same schema as the
 * browser host's GET /api/report.pdf. Answers like the invoke channel: `{ok, value}` or
 * `{ok: false, error}` with an API error body.
 */
import { IPC_CHANNELS } from '../../shared/contract/ipc-channels';
import { ReportRequestSchema, type ReportRequest } from '../services/reports/report-request';
import { toErrorBody, type InvokeEvent, type IpcMainLike, type IpcReply } from './ipc';
import { ReportPrintError, type ExportResult } from './print';
import { isTrustedSender } from './security';

export interface ReportExportOptions {
  ipcMain: IpcMainLike;
  origins: readonly string[];
  /** ReportPrinter.exportPdf: save dialog, print, write, open. */
  exportPdf: (request: ReportRequest) => Promise<ExportResult>;
  logError?: (err: unknown) => void;
}

export function createReportExportHandler(opts: Omit<ReportExportOptions, 'ipcMain'>): (event: InvokeEvent, request: unknown) => Promise<IpcReply> {
  const logError = opts.logError ?? ((err: unknown) => console.error(err));
  return async (event, request) => {
    if (!isTrustedSender(event.senderFrame, opts.origins)) {
      return { ok: false, error: { code: 'forbidden', message: 'Calls are accepted only from the app’s own pages' } };
    }
    const parsed = ReportRequestSchema.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.');
      return { ok: false, error: { code: 'invalid_input', message: field ? `${field}: ${issue.message}` : issue.message, ...(field ? { field } : {}) } };
    }
    try {
      return { ok: true, value: await opts.exportPdf(parsed.data) };
    } catch (err) {
      // The page's own failure ("incident not found") is the user's to read; anything else is logged.
      if (err instanceof ReportPrintError) return { ok: false, error: { code: 'internal', message: err.message } };
      logError(err);
      return { ok: false, error: toErrorBody(err) };
    }
  };
}

/** Registers the export channel; returns a function that removes it. */
export function registerReportExport(opts: ReportExportOptions): () => void {
  const handler = createReportExportHandler(opts);
  opts.ipcMain.handle(IPC_CHANNELS.exportReport, (event, request: unknown) => handler(event, request));
  return () => opts.ipcMain.removeHandler(IPC_CHANNELS.exportReport);
}
