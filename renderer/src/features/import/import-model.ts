import type { CsvColumnRole, CsvMapping, ImportMapping, ImportPreview, Levels, StatusTarget } from '../../../../shared/contract/import-api';
import { STATUS_LABELS, StatusSchema } from '../../../../shared/domain/lifecycle';

/** The column roles in the order the mapping step shows them. */
export const COLUMN_ROLES: ReadonlyArray<{ role: CsvColumnRole; label: string; hint: string; required?: boolean }> = [
  { role: 'id', label: 'Incident id', hint: 'Rows with the same id form one incident', required: true },
  { role: 'time', label: 'Time', hint: 'When the row happened (or the incident opened); no zone = UTC', required: true },
  { role: 'status', label: 'Status', hint: 'Becomes lifecycle changes (table below)', required: true },
  { role: 'subStatus', label: 'Sub-status', hint: 'Refines the status; waiting ones put the incident on hold' },
  { role: 'impact', label: 'Impact', hint: 'Sets impact and urgency, hence the priority' },
  { role: 'urgency', label: 'Urgency', hint: 'Overrides the urgency the impact gives' },
  { role: 'team', label: 'Team', hint: 'Joins as responder team' },
  { role: 'person', label: 'Person', hint: 'Joins as responder; recorded as author' },
  { role: 'title', label: 'Title', hint: 'Default: source name, id and product' },
  { role: 'product', label: 'Product / service', hint: 'Becomes an affected service' },
  { role: 'category', label: 'Category', hint: '' },
  { role: 'statusTime', label: 'Status time', hint: 'When the status was set, if not the row time' },
  { role: 'resolvedAt', label: 'Resolved at', hint: 'Time of resolution (one row per incident exports)' },
  { role: 'closedAt', label: 'Closed at', hint: 'Time of closure' },
  { role: 'resolutionCode', label: 'Resolution code', hint: 'Mapped to the lifecycle’s codes' },
];

export const STATUS_TARGETS: ReadonlyArray<{ value: StatusTarget; label: string }> = [
  ...StatusSchema.options.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
  { value: 'ignore', label: 'No change (note only)' },
];

export function setColumn(mapping: CsvMapping, role: CsvColumnRole, column: string): CsvMapping {
  return { ...mapping, columns: { ...mapping.columns, [role]: column || undefined } };
}

export function setStatusTarget(mapping: CsvMapping, key: string, target: StatusTarget): CsvMapping {
  return { ...mapping, status: { ...mapping.status, [key]: target } };
}

export function setImpactLevels(mapping: ImportMapping, value: string, levels: Levels): ImportMapping {
  if (mapping.format === 'statuspage') return { ...mapping, impact: { ...mapping.impact, [value]: levels } };
  return { ...mapping, impact: { ...mapping.impact, [value]: levels } };
}

export function setUrgency(mapping: CsvMapping, value: string, urgency: 1 | 2 | 3): CsvMapping {
  return { ...mapping, urgency: { ...mapping.urgency, [value]: urgency } };
}

/** What a status key maps to (the `<status>` entry covers its sub-statuses). */
export function statusTargetOf(mapping: CsvMapping, key: string): StatusTarget | undefined {
  if (Object.hasOwn(mapping.status, key)) return mapping.status[key];
  const slash = key.indexOf(' / ');
  return slash >= 0 ? mapping.status[key.slice(0, slash)] : undefined;
}

/** A sample value of each column (first non-empty in the preview rows), for the column pickers. */
export function sampleValues(preview: ImportPreview): Record<string, string> {
  const out: Record<string, string> = {};
  preview.columns.forEach((c, i) => {
    const v = preview.sample.find((row) => (row[i] ?? '').trim() !== '')?.[i];
    out[c] = v ?? '';
  });
  return out;
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}

/** An id for correlating progress messages with this run (randomUUID needs a secure context). */
export function newImportId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `imp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export const FORMAT_LABELS = { csv: 'Event-log or export CSV', statuspage: 'Atlassian Statuspage JSON' } as const;

export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/**
 * A link to the console (with an optional query, e.g. `?incident=ID`). The browser host serves
 * this view at the path `/import`, where a hash alone would not leave it; Electron routes on the
 * hash (`#/import`), where the hash is all it takes.
 */
export function consoleHref(query = '', pathname: string = globalThis.location?.pathname ?? '/'): string {
  return `${/^\/import\/?$/.test(pathname) ? '/' : ''}#/${query}`;
}
