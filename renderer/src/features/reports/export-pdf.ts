import type { PreloadBridge } from '../../api/preload-bridge';
import { reportQuery, type ReportTarget } from './report-params';

/** What the main process answers (electron/main/print.ts ExportResult). */
export type ExportOutcome = { canceled: true } | { canceled: false; filePath: string; openError?: string };

/**
 * The request electron/main/report-export.ts validates (ReportRequestSchema): the target plus paper
 * and zone. The target's route parameters (period, filters) are the request's fields of the same name.
 */
export function exportRequest(target: ReportTarget, extra: { paper?: string; timeZone?: string }): Record<string, string> {
  const out: Record<string, string> = { kind: target.kind, ...Object.fromEntries(reportQuery(target)) };
  if (target.kind === 'incident') out.id = target.id;
  if (extra.paper) out.paper = extra.paper;
  if (extra.timeZone) out.timeZone = extra.timeZone;
  return out;
}

/** One sentence for the status next to the button. */
export function exportMessage(outcome: ExportOutcome): string {
  if (outcome.canceled) return '';
  return outcome.openError ? `Saved to ${outcome.filePath} (could not open it: ${outcome.openError})` : `Saved to ${outcome.filePath}`;
}

/** Exports through the preload bridge; resolves to the status sentence, rejects with the error's message. */
export async function exportThroughBridge(bridge: Pick<PreloadBridge, 'exportReport'>, request: Record<string, string>): Promise<string> {
  const reply = await bridge.exportReport(request);
  if (reply.ok) return exportMessage(reply.value as ExportOutcome);
  const error = reply.error as { message?: unknown } | undefined;
  throw new Error(typeof error?.message === 'string' ? error.message : 'The PDF could not be made');
}
