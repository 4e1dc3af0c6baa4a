import type { CsvColumnRole, CsvMapping, ImportIssue, Levels, StatusTarget, ValueCount } from '../../../shared/contract/import-api';
import type { LifecycleRules } from '../../../shared/domain/lifecycle';
import type { Level } from '../../../shared/domain/priority';
import type { CsvTable } from './csv-table';
import { clip, type ImportNotes, type IncidentBuilder } from './incident-builder';
import { parseSourceTime, TIME_FORMAT_HINT } from './source-time';

/** A row problem, by data-record index (its line is looked up only when it is shown). */
interface RowIssue {
  index: number;
  field: string;
  message: string;
}

/** A CSV file checked against a mapping: what is wrong, and the incidents its valid rows form. */
export interface CsvAnalysis {
  table: CsvTable;
  mapping: CsvMapping;
  /** Problems with the mapping itself (a column that is not in the file): nothing can be imported. */
  fatal: ImportIssue[];
  rowIssues: RowIssue[];
  /** Rows (by index) with at least one problem, or unreadable: skipped by "import the valid rows". */
  invalidRows: number;
  /** Source incidents from valid rows: rows in time order (file order for equal times), incidents by first time. */
  groups: Array<{ externalId: string; rows: number[] }>;
  /** Row → column index of each mapped role (-1: not mapped). */
  col: Record<CsvColumnRole, number>;
  times: Float64Array;
  statusTimes: Float64Array;
  resolvedTimes: Float64Array;
  closedTimes: Float64Array;
  values: { status: ValueCount[]; impact: ValueCount[]; urgency: ValueCount[]; resolutionCode: ValueCount[] };
  firstAt: number | null;
  lastAt: number | null;
}

const ROLES: readonly CsvColumnRole[] = [
  'id',
  'time',
  'status',
  'subStatus',
  'impact',
  'urgency',
  'team',
  'person',
  'title',
  'product',
  'category',
  'statusTime',
  'resolvedAt',
  'closedAt',
  'resolutionCode',
];

const ROLE_NAMES: Record<CsvColumnRole, string> = {
  id: 'incident id',
  time: 'time',
  status: 'status',
  subStatus: 'sub-status',
  impact: 'impact',
  urgency: 'urgency',
  team: 'team',
  person: 'person',
  title: 'title',
  product: 'product',
  category: 'category',
  statusTime: 'status time',
  resolvedAt: 'resolved time',
  closedAt: 'closed time',
  resolutionCode: 'resolution code',
};

/** Key of a row's status in the mapping: `<status> / <sub status>`, or `<status>` without one. */
export function statusKey(status: string, sub: string): string {
  return sub ? `${status} / ${sub}` : status;
}

export function statusText(mapping: CsvMapping, status: string, sub: string): string {
  const s = mapping.statusLabels[status] ?? status;
  return sub ? `${s} / ${mapping.subStatusLabels[sub] ?? sub}` : s;
}

export function targetOf(mapping: CsvMapping, status: string, sub: string): StatusTarget | undefined {
  return (sub ? mapping.status[statusKey(status, sub)] : undefined) ?? mapping.status[status];
}

function counter(): { add(value: string, label: string): void; list(): ValueCount[] } {
  const m = new Map<string, ValueCount>();
  return {
    add(value, label) {
      const c = m.get(value);
      if (c) c.count++;
      else m.set(value, { value, label, count: 1 });
    },
    list: () => [...m.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
  };
}

/** Checks every row against the mapping and groups the valid ones into incidents. */
export function analyzeCsv(table: CsvTable, mapping: CsvMapping, lifecycle: LifecycleRules): CsvAnalysis {
  const { header, rows } = table;
  const fatal: ImportIssue[] = [...table.fatal];
  const col = {} as Record<CsvColumnRole, number>;
  for (const role of ROLES) {
    const name = mapping.columns[role];
    col[role] = name ? header.indexOf(name) : -1;
    if (name && col[role] < 0) fatal.push({ line: 1, field: `columns.${role}`, message: `The file has no column "${name}" (chosen as the ${ROLE_NAMES[role]})` });
  }
  if (header.length === 0) fatal.push({ line: 1, field: '(header)', message: 'The file has no header line' });
  for (const code of [mapping.defaultResolutionCode, ...Object.values(mapping.resolutionCodes)]) {
    if (!lifecycle.resolutionCodes.includes(code))
      fatal.push({ line: null, field: 'resolutionCodes', message: `"${code}" is no resolution code; use one of: ${lifecycle.resolutionCodes.join(', ')}` });
  }

  const n = rows.length;
  const times = new Float64Array(n).fill(NaN);
  const statusTimes = new Float64Array(n).fill(NaN);
  const resolvedTimes = new Float64Array(n).fill(NaN);
  const closedTimes = new Float64Array(n).fill(NaN);
  const invalid = new Uint8Array(n);
  const rowIssues: RowIssue[] = [];
  const status = counter();
  const impact = counter();
  const urgency = counter();
  const resolution = counter();
  let firstAt: number | null = null;
  let lastAt: number | null = null;

  const problem = (index: number, role: CsvColumnRole | null, message: string) => {
    invalid[index] = 1;
    rowIssues.push({ index, field: role ? header[col[role]] ?? role : '(record)', message });
  };
  const optionalTime = (row: string[], index: number, role: CsvColumnRole, into: Float64Array) => {
    if (col[role] < 0) return;
    const text = (row[col[role]] ?? '').trim();
    if (!text) return;
    const t = parseSourceTime(text);
    if (t === undefined) problem(index, role, `"${clip(text, 60)}" is not a date-time (${TIME_FORMAT_HINT})`);
    else into[index] = t;
  };

  if (fatal.length === 0) {
    for (let i = 0; i < n; i++) {
      const row = rows[i]!;
      if (row.length !== header.length) {
        const missing = header[row.length];
        problem(i, null, row.length < header.length ? `has ${row.length} fields, the header ${header.length} (no "${missing}")` : `has ${row.length} fields, the header ${header.length}`);
        continue;
      }
      const id = row[col.id]!.trim();
      if (!id) problem(i, 'id', 'is empty: every row needs its incident id');
      const timeText = row[col.time]!.trim();
      const t = timeText ? parseSourceTime(timeText) : undefined;
      if (!timeText) problem(i, 'time', 'is empty');
      else if (t === undefined) problem(i, 'time', `"${clip(timeText, 60)}" is not a date-time (${TIME_FORMAT_HINT})`);
      else {
        times[i] = t;
        if (firstAt === null || t < firstAt) firstAt = t;
        if (lastAt === null || t > lastAt) lastAt = t;
      }
      optionalTime(row, i, 'statusTime', statusTimes);
      optionalTime(row, i, 'resolvedAt', resolvedTimes);
      optionalTime(row, i, 'closedAt', closedTimes);

      const s = row[col.status]!.trim();
      const sub = col.subStatus >= 0 ? row[col.subStatus]!.trim() : '';
      if (!s) problem(i, 'status', 'is empty');
      else {
        status.add(statusKey(s, sub), statusText(mapping, s, sub));
        if (targetOf(mapping, s, sub) === undefined) problem(i, sub ? 'subStatus' : 'status', `"${statusKey(s, sub)}" has no status mapping`);
      }
      if (col.impact >= 0) {
        const v = row[col.impact]!.trim();
        if (!v) problem(i, 'impact', 'is empty');
        else {
          impact.add(v, v);
          if (!Object.hasOwn(mapping.impact, v)) problem(i, 'impact', `"${clip(v, 60)}" has no impact mapping`);
        }
      }
      if (col.urgency >= 0) {
        const v = row[col.urgency]!.trim();
        if (!v) problem(i, 'urgency', 'is empty');
        else {
          urgency.add(v, v);
          if (!Object.hasOwn(mapping.urgency, v)) problem(i, 'urgency', `"${clip(v, 60)}" has no urgency mapping`);
        }
      }
      if (col.resolutionCode >= 0) {
        const v = row[col.resolutionCode]!.trim();
        if (v) resolution.add(v, mapping.resolutionCodes[v] ?? mapping.defaultResolutionCode);
      }
    }
  }

  // Group the valid rows by incident; each incident's rows in time order, incidents by first time.
  const byId = new Map<string, number[]>();
  if (fatal.length === 0) {
    for (let i = 0; i < n; i++) {
      if (invalid[i]) continue;
      const id = rows[i]![col.id]!.trim();
      const list = byId.get(id);
      if (list) list.push(i);
      else byId.set(id, [i]);
    }
  }
  const groups = [...byId].map(([externalId, list]) => {
    let sorted = true;
    for (let k = 1; k < list.length && sorted; k++) sorted = times[list[k]!]! >= times[list[k - 1]!]!;
    if (!sorted) list.sort((a, b) => times[a]! - times[b]! || a - b);
    return { externalId, rows: list };
  });
  groups.sort((a, b) => times[a.rows[0]!]! - times[b.rows[0]!]! || a.rows[0]! - b.rows[0]!);

  let invalidRows = table.issues.length;
  for (let i = 0; i < n; i++) invalidRows += invalid[i]!;
  return {
    table,
    mapping,
    fatal,
    rowIssues,
    invalidRows,
    groups,
    col,
    times,
    statusTimes,
    resolvedTimes,
    closedTimes,
    values: { status: status.list(), impact: impact.list(), urgency: urgency.list(), resolutionCode: resolution.list() },
    firstAt,
    lastAt,
  };
}

/** Every problem of the file, in line order, with its line. */
export function csvIssues(a: CsvAnalysis): ImportIssue[] {
  const rows = a.rowIssues.map((r) => ({ line: a.table.lineOf(r.index), field: r.field, message: r.message }));
  return [...a.fatal, ...a.table.issues, ...rows].sort((x, y) => (x.line ?? 0) - (y.line ?? 0));
}

export interface CsvIncidentContext {
  sourceKey: string;
  sourceLabel: string;
  /** Names the incident in a default title (no title column), e.g. "VINST SR". */
  sourceShort: string;
  fileName: string;
  notes: ImportNotes;
}

/**
 * Replays one source incident's rows as commands: create at the first row; then per row the
 * impact/urgency (priority), new services, new responders, and the status, moved along the
 * lifecycle (waiting sub-statuses put it on hold with the sub-status as reason, a later row
 * resumes it). A row whose status text changes without a lifecycle move leaves a status entry.
 */
export function mapCsvIncident(a: CsvAnalysis, group: { externalId: string; rows: number[] }, b: IncidentBuilder, ctx: CsvIncidentContext): void {
  const { mapping, col } = a;
  const rows = a.table.rows;
  const cell = (row: string[], role: CsvColumnRole) => (col[role] >= 0 ? row[col[role]]!.trim() : '');
  const levelsOf = (row: string[]): Levels => {
    const base = col.impact >= 0 ? mapping.impact[cell(row, 'impact')]! : mapping.defaultLevels;
    const urgency: Level | undefined = col.urgency >= 0 ? mapping.urgency[cell(row, 'urgency')] : undefined;
    return { impact: base.impact, urgency: urgency ?? base.urgency };
  };
  const defaultActor = clip(`Import: ${ctx.sourceLabel}`, 120);
  let lastText = '';
  // Closed is final here, not in every source (BPI work goes on after "Completed / Closed"): a
  // Closed with more status changes after it is recorded as Resolved, and the work reopens it.
  let lastMoving = -1;
  group.rows.forEach((index, k) => {
    const t = targetOf(mapping, cell(rows[index]!, 'status'), cell(rows[index]!, 'subStatus'));
    if (t !== 'ignore' && t !== 'closed') lastMoving = k;
  });

  group.rows.forEach((index, k) => {
    const row = rows[index]!;
    const at = a.times[index]!;
    const person = clip(cell(row, 'person'), 120);
    const team = clip(cell(row, 'team'), 120);
    const actor = person || defaultActor;
    const product = clip(cell(row, 'product'), 120);
    const levels = levelsOf(row);

    if (k === 0) {
      const title = cell(row, 'title') || `${ctx.sourceShort} ${group.externalId}${product ? ` — ${product}` : ''}`;
      b.create(
        {
          title: clip(title.replace(/\s+/g, ' '), 200),
          description: clip(`Imported from ${ctx.fileName || ctx.sourceLabel}: ${mapping.columns.id} ${group.externalId}.`, 20_000),
          category: clip(cell(row, 'category'), 80),
          services: product ? [product] : [],
          reporter: '',
          source: 'other',
          tags: [clip(`${ctx.sourceKey}:${group.externalId}`, 120)],
          impact: levels.impact,
          urgency: levels.urgency,
        },
        at,
        actor,
      );
    } else {
      const s = b.state;
      if (s.impact !== levels.impact || s.urgency !== levels.urgency) {
        const what = [col.impact >= 0 ? `impact "${cell(row, 'impact')}"` : '', col.urgency >= 0 ? `urgency "${cell(row, 'urgency')}"` : ''].filter(Boolean).join(', ');
        b.run({ type: 'setPriority', impact: levels.impact, urgency: levels.urgency, override: null, reason: clip(`Source ${what}`, 2000) }, at, actor);
      }
      if (product && !s.services.includes(product) && s.services.length < 50)
        b.run({ type: 'updateFields', fields: { services: [...s.services, product] }, reason: `Source ${mapping.columns.product}: ${product}` }, at, actor);
    }

    const responder = person || team;
    if (responder && !b.state.responders.some((r) => r.person === responder && !r.leftAt)) b.run({ type: 'joinResponder', person: responder, team }, at, actor);

    const s = cell(row, 'status');
    const sub = cell(row, 'subStatus');
    let target = targetOf(mapping, s, sub)!;
    if (target === 'closed' && k < lastMoving) {
      ctx.notes.add('A source Closed followed by more work was recorded as Resolved (Closed is final in Watchfloor)');
      target = 'resolved';
    }
    const text = statusText(mapping, s, sub);
    const statusAt = Number.isNaN(a.statusTimes[index]!) ? at : a.statusTimes[index]!;
    const reason = clip(target === 'on_hold' ? (sub ? (mapping.subStatusLabels[sub] ?? sub) : text) : `Source status: ${text}`, 2000);
    let moved = false;
    if (target !== 'ignore') {
      const code = mapping.resolutionCodes[cell(row, 'resolutionCode')] ?? mapping.defaultResolutionCode;
      const resolution = { summary: clip(`Source status: ${text}`, 4000), code };
      if (target === 'resolved' || target === 'closed') {
        const resolvedAt = Number.isNaN(a.resolvedTimes[index]!) ? statusAt : a.resolvedTimes[index]!;
        moved = b.moveTo('resolved', resolvedAt, actor, { reason, resolution }) || moved;
        if (target === 'closed') {
          const closedAt = Number.isNaN(a.closedTimes[index]!) ? statusAt : a.closedTimes[index]!;
          moved = b.moveTo('closed', closedAt, actor, { reason, resolution }) || moved;
        }
      } else {
        moved = b.moveTo(target, statusAt, actor, { reason, resolution });
      }
    }
    if (!moved && text !== lastText && k > 0) b.run({ type: 'addEntry', kind: 'status_update', text: clip(`Source status: ${text}`, 10_000), occurredAt: null }, statusAt, actor);
    lastText = text;
  });
}
