import { ApiError } from '../../../shared/contract/api';
import type {
  CsvMapping,
  ImportIssue,
  ImportMapping,
  ImportPreview,
  ImportSummary,
  RememberedMapping,
  StatuspageMapping,
} from '../../../shared/contract/import-api';
import { MAX_LISTED_ISSUES } from '../../../shared/contract/import-api';
import { isActive, type LifecycleRules } from '../../../shared/domain/lifecycle';
import type { PriorityMatrix } from '../../../shared/domain/priority';
import { STATUSPAGE_IMPACT_LEVELS } from '../demo/statuspage-history';
import type { TimedEvent } from '../workspace/timed-event';
import type { WorkspaceService } from '../workspace/workspace-service';
import { analyzeCsv, csvIssues, mapCsvIncident, targetOf, type CsvAnalysis } from './csv-importer';
import { detectCsvSource, knownLabels, suggestColumns, suggestLevels, suggestResolutionCode, suggestStatus, suggestUrgency } from './csv-suggest';
import { parseCsvTable, type CsvTable } from './csv-table';
import { importCode, IncidentIdIndex, incidentEventPrefix } from './import-ids';
import { ImportNotes, IncidentBuilder } from './incident-builder';
import { MappingStore } from './mapping-store';
import { analyzeStatuspage, lineOfIncident, mapStatuspageIncident, readJson, type StatuspageAnalysis } from './statuspage-importer';

export interface PreviewRequest {
  content: string;
  fileName: string;
  format?: 'csv' | 'statuspage';
  sourceKey?: string;
  mapping?: ImportMapping;
}

export interface RunRequest {
  importId: string;
  content: string;
  fileName: string;
  sourceKey: string;
  mapping: ImportMapping;
  acceptValidRows: boolean;
  remember: boolean;
}

/** One source incident, mapped: the events to record (with their fixed ids). */
interface Plan {
  externalId: string;
  incidentId: string;
  /** Imported before (its creation event is in the workspace). */
  existed: boolean;
  events: TimedEvent[];
}

export interface ImportServiceOptions {
  /** Where remembered mappings live; default `<data dir>/importer-mappings.json`. */
  store?: MappingStore;
  /** Events recorded per journal append (each one fsync); progress is reported per batch. */
  batchEvents?: number;
}

const SAMPLE_ROWS = 12;
const YIELD_EVERY = 250;

/** Lets the event loop run (stream progress to clients) during a long import. */
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Statuspage's GitHub page lists "visit our status page" as a component: no service. */
const NOT_A_SERVICE = /^visit .* for more information$/i;

/**
 * Imports real incident data (Statuspage JSON, ITSM event-log / export CSV) into the workspace:
 * previews a file with a suggested or remembered mapping, then maps every source incident to the
 * commands a coordinator would have issued (validated by `decide()`), and records the events at
 * their real times with deterministic ids, so importing a file again adds nothing. A file with
 * problems is refused as a whole unless the caller accepts importing only the valid rows.
 */
export class ImportService {
  private readonly store: MappingStore;
  private readonly batchEvents: number;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ws: WorkspaceService,
    opts: ImportServiceOptions = {},
  ) {
    this.store = opts.store ?? MappingStore.inDataDir(ws.dataDir);
    this.batchEvents = opts.batchEvents ?? 20_000;
  }

  private rules(): { matrix: PriorityMatrix; lifecycle: LifecycleRules } {
    const { matrix, lifecycle } = this.ws.decisionContext(this.ws.now());
    return { matrix, lifecycle };
  }

  async mappings(sourceKey?: string): Promise<RememberedMapping[]> {
    const all = await this.store.list();
    return sourceKey ? all.filter((m) => m.sourceKey === sourceKey) : all;
  }

  // -------------------------------------------------------------------------------------------
  // Preview

  async preview(req: PreviewRequest): Promise<ImportPreview> {
    const format = req.format ?? sniffFormat(req.content);
    return format === 'csv' ? this.previewCsv(req) : this.previewStatuspage(req);
  }

  private async chooseMapping<M extends ImportMapping>(
    req: PreviewRequest,
    sourceKey: string,
    format: M['format'],
    suggest: () => M,
  ): Promise<{ mapping: M; origin: ImportPreview['mappingOrigin'] }> {
    if (req.mapping?.format === format) return { mapping: req.mapping as M, origin: 'given' };
    const remembered = await this.store.get(sourceKey);
    if (remembered?.mapping.format === format) return { mapping: remembered.mapping as M, origin: 'remembered' };
    return { mapping: suggest(), origin: 'suggested' };
  }

  private async previewCsv(req: PreviewRequest): Promise<ImportPreview> {
    const { lifecycle } = this.rules();
    const table = parseCsvTable(req.content);
    const source = detectCsvSource(table.header, req.fileName);
    const sourceKey = req.sourceKey ?? source.key;
    const chosen = await this.chooseMapping<CsvMapping>(req, sourceKey, 'csv', () => ({
      format: 'csv',
      columns: suggestColumns(table.header, source.known),
      status: {},
      ...knownLabels(source.known),
      impact: {},
      urgency: {},
      defaultLevels: { impact: 2, urgency: 2 },
      defaultResolutionCode: lifecycle.resolutionCodes.includes('Fixed') ? 'Fixed' : lifecycle.resolutionCodes[0]!,
    }));
    let analysis = analyzeCsv(table, chosen.mapping, lifecycle);
    const mapping = completeCsvMapping(table, analysis, lifecycle);
    if (mapping !== chosen.mapping) analysis = analyzeCsv(table, mapping, lifecycle);
    const index = this.idIndex();
    const issues = csvIssues(analysis);
    return {
      format: 'csv',
      sourceKey,
      sourceLabel: source.label,
      fileName: req.fileName,
      mapping,
      mappingOrigin: chosen.origin,
      columns: table.header,
      sample: table.rows.slice(0, SAMPLE_ROWS),
      rowCount: table.rows.length + table.issues.length,
      incidentCount: analysis.groups.length,
      knownIncidents: analysis.groups.filter((g) => index.existing(incidentEventPrefix(sourceKey, g.externalId))).length,
      firstAt: iso(analysis.firstAt),
      lastAt: iso(analysis.lastAt),
      values: analysis.values,
      issues: issues.slice(0, MAX_LISTED_ISSUES),
      issueCount: issues.length,
      invalidRows: analysis.invalidRows,
    };
  }

  private async previewStatuspage(req: PreviewRequest): Promise<ImportPreview> {
    const read = readJson(req.content);
    const analysis: StatuspageAnalysis = read.ok
      ? analyzeStatuspage(req.content, read.value)
      : { ...analyzeStatuspage('', {}), fatal: [read.issue] };
    const sourceKey = req.sourceKey ?? statuspageSourceKey(analysis.page);
    const components = new Set(analysis.valid.flatMap((v) => (v.incident.components ?? []).map((c) => c.name.trim())));
    const chosen = await this.chooseMapping<StatuspageMapping>(req, sourceKey, 'statuspage', () => ({
      format: 'statuspage',
      impact: { ...STATUSPAGE_IMPACT_LEVELS },
      ignoreComponents: [...components].filter((c) => NOT_A_SERVICE.test(c)),
      category: '',
    }));
    const index = this.idIndex();
    const issues = [...analysis.fatal, ...analysis.issues];
    return {
      format: 'statuspage',
      sourceKey,
      sourceLabel: analysis.page.name ? `${analysis.page.name} status page` : 'Statuspage JSON',
      fileName: req.fileName,
      mapping: chosen.mapping,
      mappingOrigin: chosen.origin,
      columns: ['id', 'name', 'impact', 'status', 'created_at', 'resolved_at', 'updates', 'components'],
      sample: analysis.valid.slice(0, SAMPLE_ROWS).map(({ incident: i }) => [
        i.id,
        i.name,
        i.impact,
        i.status,
        i.created_at,
        i.resolved_at ?? '',
        String(i.incident_updates.length),
        (i.components ?? []).map((c) => c.name).join(', '),
      ]),
      rowCount: analysis.total,
      incidentCount: analysis.valid.length,
      knownIncidents: analysis.valid.filter((v) => index.existing(incidentEventPrefix(sourceKey, v.incident.id))).length,
      firstAt: iso(analysis.firstAt),
      lastAt: iso(analysis.lastAt),
      values: { status: analysis.values.status, impact: analysis.values.impact, urgency: [], resolutionCode: [] },
      issues: issues.slice(0, MAX_LISTED_ISSUES),
      issueCount: issues.length,
      invalidRows: analysis.invalidRows,
    };
  }

  private idIndex(): IncidentIdIndex {
    return new IncidentIdIndex(this.ws.allIncidents(), importCode(this.ws.writerId));
  }

  // -------------------------------------------------------------------------------------------
  // Run

  /** Imports one file; runs one import at a time. */
  run(req: RunRequest): Promise<ImportSummary> {
    const next = this.queue.then(() => this.runNow(req));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private progress(importId: string, phase: 'map' | 'record', done: number, total: number): void {
    this.ws.emit({ kind: 'importProgress', importId, phase, done, total });
  }

  private async runNow(req: RunRequest): Promise<ImportSummary> {
    const started = performance.now();
    const notes = new ImportNotes();
    const index = this.idIndex();
    const mapped =
      req.mapping.format === 'csv'
        ? await this.planCsv(req, req.mapping, index, notes)
        : await this.planStatuspage(req, req.mapping, index);

    // Record, in batches of whole incidents (each batch one durable append).
    const { plans } = mapped;
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    let recorded = 0;
    let alreadyPresent = 0;
    for (const plan of plans) {
      if (!plan.existed) created++;
      else {
        const change = this.changeOf(plan);
        if (change === 'new events') updated++;
        else unchanged++;
        if (change === 'rewritten') {
          // Its imported history would no longer be a prefix of the source's: adding the rest would
          // mix two histories. Keep what was imported; say so.
          notes.add('Changed in the source so that its imported history no longer holds: not updated (import it under a new source name to get the new version)');
          plan.events = [];
        }
      }
    }
    this.progress(req.importId, 'record', 0, plans.length);
    let batch: TimedEvent[] = [];
    let done = 0;
    const flush = async (upTo: number) => {
      // Clients list active incidents: push those, not years of closed history.
      const r = await this.ws.importEventsOnce(batch, (incident) => isActive(incident.status));
      recorded += r.recorded;
      alreadyPresent += r.skipped;
      batch = [];
      done = upTo;
      this.progress(req.importId, 'record', done, plans.length);
    };
    for (let i = 0; i < plans.length; i++) {
      for (const e of plans[i]!.events) batch.push(e);
      if (batch.length >= this.batchEvents) await flush(i + 1);
    }
    if (batch.length > 0 || done < plans.length) await flush(plans.length);

    if (req.remember) await this.store.remember(req.sourceKey, req.mapping, req.fileName, new Date(this.ws.now()));
    const skipped = mapped.issues;
    return {
      importId: req.importId,
      format: req.mapping.format,
      sourceKey: req.sourceKey,
      fileName: req.fileName,
      rows: { total: mapped.rowsTotal, imported: mapped.rowsTotal - mapped.rowsSkipped, skipped: mapped.rowsSkipped },
      incidents: { total: plans.length, created, updated, unchanged },
      events: { recorded, alreadyPresent },
      skipped: skipped.slice(0, MAX_LISTED_ISSUES),
      skippedCount: skipped.length,
      notes: notes.list(),
      examples: plans.slice(0, 5).map((p) => ({ externalId: p.externalId, incidentId: p.incidentId })),
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** What importing an incident imported before would do: nothing, append events, or rewrite its history. */
  private changeOf(plan: Plan): 'none' | 'new events' | 'rewritten' {
    const incident = safeGet(this.ws, plan.incidentId);
    if (!incident) return 'new events';
    const have = new Map(incident.timeline.map((e) => [e.id, e]));
    let fresh = false;
    for (const e of plan.events) {
      const old = have.get(e.id!);
      if (!old) fresh = true;
      else if (fresh || old.type !== e.type || old.recordedAt !== new Date(e.at).toISOString() || JSON.stringify(old.data) !== JSON.stringify(e.data)) return 'rewritten';
    }
    return fresh ? 'new events' : 'none';
  }

  private async planCsv(
    req: RunRequest,
    mapping: CsvMapping,
    index: IncidentIdIndex,
    notes: ImportNotes,
  ): Promise<{ plans: Plan[]; issues: ImportIssue[]; rowsTotal: number; rowsSkipped: number }> {
    const { matrix, lifecycle } = this.rules();
    const table = parseCsvTable(req.content);
    const analysis = analyzeCsv(table, mapping, lifecycle);
    if (analysis.fatal.length) throw refusal(analysis.fatal, analysis.fatal.length, false);
    const issues = csvIssues(analysis);
    if (issues.length && !req.acceptValidRows) throw refusal(issues, issues.length, true);
    const source = detectCsvSource(table.header, req.fileName);
    const ctx = {
      sourceKey: req.sourceKey,
      sourceLabel: source.label,
      sourceShort: source.short,
      fileName: req.fileName,
      notes,
    };
    const plans: Plan[] = [];
    let rowsSkipped = analysis.invalidRows;
    const { groups } = analysis;
    this.progress(req.importId, 'map', 0, groups.length);
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const prefix = incidentEventPrefix(req.sourceKey, group.externalId);
      const existed = index.existing(prefix) !== undefined;
      const { id } = index.resolve(prefix, analysis.times[group.rows[0]!]!);
      const builder = new IncidentBuilder(id, prefix, { matrix, lifecycle, notes, reviewWaiver: `Imported from ${source.label}; no post-incident review on record` });
      try {
        mapCsvIncident(analysis, group, builder, ctx);
        plans.push({ externalId: group.externalId, incidentId: id, existed, events: [...builder.events] });
      } catch (err) {
        const issue = { line: table.lineOf(group.rows[0]!), field: mapping.columns.id, message: `Incident ${group.externalId} cannot be imported: ${errorText(err)}` };
        if (!req.acceptValidRows) throw refusal([issue], 1, true);
        issues.push(issue);
        rowsSkipped += group.rows.length;
      }
      if ((g + 1) % YIELD_EVERY === 0) {
        this.progress(req.importId, 'map', g + 1, groups.length);
        await yieldNow();
      }
    }
    this.progress(req.importId, 'map', groups.length, groups.length);
    return { plans, issues, rowsTotal: table.rows.length + table.issues.length, rowsSkipped };
  }

  private async planStatuspage(
    req: RunRequest,
    mapping: StatuspageMapping,
    index: IncidentIdIndex,
  ): Promise<{ plans: Plan[]; issues: ImportIssue[]; rowsTotal: number; rowsSkipped: number }> {
    const { matrix, lifecycle } = this.rules();
    const read = readJson(req.content);
    if (!read.ok) throw refusal([read.issue], 1, false);
    const analysis = analyzeStatuspage(req.content, read.value);
    if (analysis.fatal.length) throw refusal(analysis.fatal, analysis.fatal.length, false);
    const issues = [...analysis.issues];
    if (issues.length && !req.acceptValidRows) throw refusal(issues, issues.length, true);
    const plans: Plan[] = [];
    let rowsSkipped = analysis.invalidRows;
    // Oldest first, so new incident numbers follow the order incidents opened.
    const valid = [...analysis.valid].sort((a, b) => Date.parse(a.incident.created_at) - Date.parse(b.incident.created_at) || a.index - b.index);
    this.progress(req.importId, 'map', 0, valid.length);
    for (let k = 0; k < valid.length; k++) {
      const { incident } = valid[k]!;
      const prefix = incidentEventPrefix(req.sourceKey, incident.id);
      const existed = index.existing(prefix) !== undefined;
      let incidentId = '';
      try {
        const events = mapStatuspageIncident(incident, {
          mapping,
          matrix,
          lifecycle,
          pageName: analysis.page.name,
          incidentId: (opened) => (incidentId = index.resolve(prefix, opened).id),
        });
        plans.push({ externalId: incident.id, incidentId, existed, events: events.map((e, i) => ({ ...e, id: `${prefix}${i}` })) });
      } catch (err) {
        const issue = { line: lineOfIncident(req.content, incident), field: `incident ${incident.id}`, message: `cannot be imported: ${errorText(err)}` };
        if (!req.acceptValidRows) throw refusal([issue], 1, true);
        issues.push(issue);
        rowsSkipped++;
      }
      if ((k + 1) % YIELD_EVERY === 0) {
        this.progress(req.importId, 'map', k + 1, valid.length);
        await yieldNow();
      }
    }
    this.progress(req.importId, 'map', valid.length, valid.length);
    return { plans, issues, rowsTotal: analysis.total, rowsSkipped };
  }
}

function safeGet(ws: WorkspaceService, id: string) {
  try {
    return ws.require(id);
  } catch {
    return undefined;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function iso(t: number | null): string | null {
  return t === null ? null : new Date(t).toISOString();
}

/** `{` or `[` first: JSON (Statuspage); anything else: CSV. */
export function sniffFormat(content: string): 'csv' | 'statuspage' {
  const first = /[^\s\uFEFF]/.exec(content.slice(0, 4096))?.[0];
  return first === '{' || first === '[' ? 'statuspage' : 'csv';
}

function statuspageSourceKey(page: { id: string; name: string }): string {
  const slug = (page.id || page.name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `statuspage:${slug || 'page'}`;
}

/** The refusal of a file with problems: names the first one's line and field. */
function refusal(issues: readonly ImportIssue[], count: number, rowLevel: boolean): ApiError {
  const first = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))[0]!;
  const where = [first.line !== null ? `Line ${first.line}` : '', first.field ? `"${first.field}"` : ''].filter(Boolean).join(', ');
  const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : '';
  const hint = rowLevel ? ' Fix the file, or choose to import only the valid rows.' : '';
  return new ApiError({ code: 'invalid_input', field: 'content', message: `${where}: ${first.message}${more}. Nothing was imported.${hint}` });
}

/** Fills in mapping entries for values the mapping does not cover yet (suggestions). */
function completeCsvMapping(table: CsvTable, a: CsvAnalysis, lifecycle: LifecycleRules): CsvMapping {
  const m = a.mapping;
  if (a.fatal.some((f) => f.field.startsWith('columns.'))) return m;
  let status: CsvMapping['status'] | undefined;
  let impact: CsvMapping['impact'] | undefined;
  let urgency: CsvMapping['urgency'] | undefined;
  let codes: CsvMapping['resolutionCodes'] | undefined;
  const col = (name: string | undefined) => (name ? table.header.indexOf(name) : -1);
  const sCol = col(m.columns.status);
  const subCol = col(m.columns.subStatus);
  if (sCol >= 0) {
    const seen = new Set<string>();
    for (const row of table.rows) {
      const s = (row[sCol] ?? '').trim();
      const sub = subCol >= 0 ? (row[subCol] ?? '').trim() : '';
      if (!s) continue;
      const key = sub ? `${s} / ${sub}` : s;
      if (seen.has(key)) continue;
      seen.add(key);
      if (targetOf(m, s, sub) === undefined) {
        status ??= { ...m.status };
        status[key] = suggestStatus(m.statusLabels[s] ?? s, sub ? (m.subStatusLabels[sub] ?? sub) : '');
      }
    }
  }
  for (const v of a.values.impact) if (!Object.hasOwn(m.impact, v.value)) (impact ??= { ...m.impact })[v.value] = suggestLevels(v.value);
  for (const v of a.values.urgency) if (!Object.hasOwn(m.urgency, v.value)) (urgency ??= { ...m.urgency })[v.value] = suggestUrgency(v.value);
  for (const v of a.values.resolutionCode) {
    if (Object.hasOwn(m.resolutionCodes, v.value)) continue;
    const code = suggestResolutionCode(v.value, lifecycle.resolutionCodes);
    if (code) (codes ??= { ...m.resolutionCodes })[v.value] = code;
  }
  if (!status && !impact && !urgency && !codes) return m;
  return { ...m, status: status ?? m.status, impact: impact ?? m.impact, urgency: urgency ?? m.urgency, resolutionCodes: codes ?? m.resolutionCodes };
}
