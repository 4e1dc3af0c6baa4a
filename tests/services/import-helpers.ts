import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportMapping, ImportPreview, ImportSummary } from '../../shared/contract/import-api';
import type { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import type { IncidentState } from '../../shared/domain/incident';
import { allowedTransitions, DEFAULT_LIFECYCLE, type Status } from '../../shared/domain/lifecycle';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shared real-data folder next to the project (see ../shared/data/README.md). */
export const DATA = join(root, '..', 'shared', 'data');
export const STATUSPAGE = (file: string) => join(DATA, 'statuspage', file);
export const EVENTLOGS = (file: string) => join(DATA, 'eventlogs', file);
export const BPI_SAMPLE = EVENTLOGS('bpi2013_vinst_incidents_sample1000cases.csv');
export const SERVICENOW = EVENTLOGS('servicenow_incidents_REST_ibm_processmining.csv');

export const text = (path: string) => readFile(path, 'utf8');

export async function preview(ws: WorkspaceService, content: string, extra: Record<string, unknown> = {}): Promise<ImportPreview> {
  return (await ws.call('import.preview', { content, fileName: 'test-file', ...extra })) as ImportPreview;
}

let runs = 0;
/** Previews (for the suggested/remembered mapping unless one is given) and imports. */
export async function importText(
  ws: WorkspaceService,
  content: string,
  opts: { mapping?: ImportMapping; sourceKey?: string; acceptValidRows?: boolean; fileName?: string } = {},
): Promise<ImportSummary> {
  const p = opts.mapping && opts.sourceKey ? undefined : await preview(ws, content, opts.sourceKey ? { sourceKey: opts.sourceKey } : {});
  return (await ws.call('import.run', {
    importId: `test-${++runs}`,
    content,
    fileName: opts.fileName ?? 'test-file',
    sourceKey: opts.sourceKey ?? p!.sourceKey,
    mapping: opts.mapping ?? p!.mapping,
    acceptValidRows: opts.acceptValidRows ?? false,
  })) as ImportSummary;
}

/** The incident a source id became (its tag is `<source key>:<id>` or `statuspage:<id>`). */
export function byExternalId(ws: WorkspaceService, externalId: string): IncidentState {
  const found = ws.allIncidents().filter((i) => i.tags.some((t) => t.endsWith(`:${externalId}`)));
  if (found.length !== 1) throw new Error(`${found.length} incidents for ${externalId}`);
  return found[0]!;
}

export function statusMoves(s: IncidentState): Array<{ from: Status; to: Status; reason: string; at: string }> {
  return s.timeline
    .filter((e) => e.type === 'incident.statusChanged')
    .map((e) => {
      const d = e.data as { from: Status; to: Status; reason: string };
      return { from: d.from, to: d.to, reason: d.reason, at: e.recordedAt };
    });
}

/** Every status change of the incident is a legal move of the default lifecycle from where it was. */
export function followsLifecycle(s: IncidentState): boolean {
  let status: Status = 'new';
  let heldFrom: Status | null = null;
  for (const m of statusMoves(s)) {
    if (m.from !== status) return false;
    if (!allowedTransitions(DEFAULT_LIFECYCLE, status, heldFrom).some((t) => t.to === m.to)) return false;
    heldFrom = m.to === 'on_hold' ? status : null;
    status = m.to;
  }
  return status === s.status;
}

/** Times of the timeline never go back (the source's order is kept). */
export function inTimeOrder(s: IncidentState): boolean {
  return s.timeline.every((e, i) => i === 0 || e.recordedAt >= s.timeline[i - 1]!.recordedAt);
}

export async function journalLines(dataDir: string): Promise<number> {
  const bytes = await readFile(join(dataDir, 'journal', 'events.ndjson'), 'utf8').catch(() => '');
  return bytes.split('\n').filter(Boolean).length;
}
