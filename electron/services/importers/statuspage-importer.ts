import type { ImportIssue, StatuspageMapping, ValueCount } from '../../../shared/contract/import-api';
import { STATUS_LABELS } from '../../../shared/domain/lifecycle';
import type { LifecycleRules } from '../../../shared/domain/lifecycle';
import type { PriorityMatrix } from '../../../shared/domain/priority';
import { STATUSPAGE_STATUS_MAP, StatuspageIncidentSchema, statuspageToTimedEvents, type StatuspageIncident } from '../demo/statuspage-history';
import type { TimedEvent } from '../workspace/timed-event';
import { clip } from './incident-builder';

/** A Statuspage document checked incident by incident. */
export interface StatuspageAnalysis {
  page: { id: string; name: string };
  total: number;
  valid: Array<{ incident: StatuspageIncident; index: number }>;
  fatal: ImportIssue[];
  issues: ImportIssue[];
  invalidRows: number;
  values: { status: ValueCount[]; impact: ValueCount[] };
  firstAt: number | null;
  lastAt: number | null;
}

/** Parses JSON; a syntax error names its line and column. */
export function readJson(text: string): { ok: true; value: unknown } | { ok: false; issue: ImportIssue } {
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    if (!pos) return { ok: false, issue: { line: null, field: '(JSON)', message: `Not valid JSON: ${message}` } };
    const { line, column } = lineAndColumn(text, Number(pos[1]));
    return { ok: false, issue: { line, field: '(JSON)', message: `Not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}` } };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Whether parsed JSON looks like Statuspage's incidents API (either shape). */
export function looksLikeStatuspage(json: unknown): boolean {
  return typeof json === 'object' && json !== null && ('incidents' in json || 'incident' in json);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');

export function analyzeStatuspage(text: string, json: unknown): StatuspageAnalysis {
  const empty: StatuspageAnalysis = {
    page: { id: '', name: '' },
    total: 0,
    valid: [],
    fatal: [],
    issues: [],
    invalidRows: 0,
    values: { status: [], impact: [] },
    firstAt: null,
    lastAt: null,
  };
  if (!looksLikeStatuspage(json)) {
    return { ...empty, fatal: [{ line: 1, field: '(document)', message: 'Not Statuspage incident JSON: expected {page, incidents: [...]} (/api/v2/incidents.json) or {page, incident}' }] };
  }
  const doc = json as { page?: { id?: unknown; name?: unknown }; incidents?: unknown; incident?: unknown };
  const list = 'incidents' in doc ? doc.incidents : [doc.incident];
  if (!Array.isArray(list)) return { ...empty, fatal: [{ line: null, field: 'incidents', message: 'incidents is not a list' }] };
  const page = { id: typeof doc.page?.id === 'string' ? doc.page.id : '', name: typeof doc.page?.name === 'string' ? doc.page.name : '' };
  const prefix = 'incidents' in doc ? 'incidents' : 'incident';
  const valid: StatuspageAnalysis['valid'] = [];
  const issues: ImportIssue[] = [];
  const statuses = new Map<string, number>();
  const impacts = new Map<string, number>();
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  list.forEach((raw, index) => {
    const parsed = StatuspageIncidentSchema.safeParse(raw);
    if (!parsed.success) {
      const line = lineOfIncident(text, raw);
      const issue = parsed.error.issues[0]!;
      const field = (prefix === 'incidents' ? `incidents[${index}]` : 'incident') + issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      issues.push({ line, field, message: issue.message });
      return;
    }
    const incident = parsed.data;
    valid.push({ incident, index });
    impacts.set(incident.impact, (impacts.get(incident.impact) ?? 0) + 1);
    for (const u of incident.incident_updates) statuses.set(u.status, (statuses.get(u.status) ?? 0) + 1);
    const t = Date.parse(incident.created_at);
    if (firstAt === null || t < firstAt) firstAt = t;
    if (lastAt === null || t > lastAt) lastAt = t;
  });
  const counts = (m: Map<string, number>, label: (v: string) => string) =>
    [...m].map(([value, count]) => ({ value, label: label(value), count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    page,
    total: list.length,
    valid,
    fatal: [],
    issues,
    invalidRows: list.length - valid.length,
    values: {
      status: counts(statuses, (v) => {
        const to = STATUSPAGE_STATUS_MAP[v];
        return to ? `${cap(v)} → ${STATUS_LABELS[to]}` : `${cap(v)} (entry only)`;
      }),
      impact: counts(impacts, cap),
    },
    firstAt,
    lastAt,
  };
}

/** The line of an incident's `"id": "<id>"` in the file (good enough to find it in an editor). */
export function lineOfIncident(text: string, raw: unknown): number | null {
  const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : undefined;
  if (!id) return null;
  const at = text.search(new RegExp(`"id"\\s*:\\s*"${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
  return at < 0 ? null : lineAndColumn(text, at).line;
}

export interface StatuspageIncidentContext {
  mapping: StatuspageMapping;
  matrix: PriorityMatrix;
  lifecycle: LifecycleRules;
  pageName: string;
  incidentId: (opened: number) => string;
}

/**
 * One Statuspage incident as events at its real times (no shifting): impact → priority by the
 * mapping, components → services, each update → a status-update entry with its status, status
 * changes along the lifecycle, started_at → "impact started".
 */
export function mapStatuspageIncident(incident: StatuspageIncident, ctx: StatuspageIncidentContext): TimedEvent[] {
  let n = 0;
  return statuspageToTimedEvents(
    { page: { name: ctx.pageName }, incident },
    {
      incidentId: (opened) => ctx.incidentId(opened),
      newId: () => `imp-${++n}`,
      actor: clip(ctx.pageName ? `${ctx.pageName} status page` : 'Status page', 120),
      category: ctx.mapping.category,
      source: 'monitoring',
      ignoreComponents: ctx.mapping.ignoreComponents,
      impactLevels: ctx.mapping.impact,
      updateEntry: (u) => ({ kind: 'status_update', text: `${cap(u.status)}: ${u.text}` }),
      matrix: ctx.matrix,
      lifecycle: ctx.lifecycle,
    },
  );
}
