/**
 * What a report route reads from its URL, and the URLs of the report routes.
 *
 * Report routes are hash routes (`#/report/incident/<id>?paper=A4`): they work in Electron windows
 * (which load a file and route on the hash) and in the browser host alike. The browser host also
 * answers the path form `/report/incident/<id>` (a pasted link), serving the bundle to its
 * relative asset URLs (electron/host/static-files.ts).
 *
 * The PDF producers (electron/services/reports, electron/main/print.ts) build the same URLs: the
 * parameter names and root attributes are one definition for both (shared/contract/report-route.ts).
 */

import { REPORT_ATTR, REPORT_PARAM } from '../../../../shared/contract/report-route';
import { filtersFromSearch, filtersToSearch, type TrendsFilterParams } from '../trends/trends-params';

export type ReportKind = 'incident' | 'situation' | 'trends';
export const REPORT_KINDS: readonly ReportKind[] = ['incident', 'situation', 'trends'];

export type PaperSize = 'A4' | 'A3' | 'A1' | 'Letter';
export const PAPER_SIZES: readonly PaperSize[] = ['A4', 'A3', 'A1', 'Letter'];

export type Orientation = 'portrait' | 'landscape';

/** Default orientation per report: the wide ones in landscape. */
export const DEFAULT_ORIENTATION: Record<ReportKind, Orientation> = { incident: 'portrait', situation: 'landscape', trends: 'landscape' };

/** One writer's chain head as the shared-folder store gives it (electron/services/shared-store ChainHead). */
export interface ChainHeadInfo {
  seq: number;
  hash: string;
  contiguousTo: number;
  gaps: Array<{ from: number; to: number }>;
}

/** Where the report's events came from: the shared folder's per-writer chain heads, or the local journal. */
export type Provenance = { kind: 'chain'; heads: Record<string, ChainHeadInfo> } | { kind: 'local'; supplied: boolean };

export interface ReportOptions {
  paper: PaperSize;
  orientation: Orientation;
  timeZone: string;
  /** Rendered by a PDF producer (see REPORT_PARAM.pdf). */
  pdf: boolean;
  provenance: Provenance;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function fromBase64Url(text: string): string {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function isHead(h: unknown): h is ChainHeadInfo {
  if (typeof h !== 'object' || h === null) return false;
  const o = h as Record<string, unknown>;
  return typeof o.seq === 'number' && typeof o.hash === 'string' && typeof o.contiguousTo === 'number' && Array.isArray(o.gaps);
}

/** The `heads` parameter: absent (not supplied), `local`, or base64url JSON {writerId: ChainHeadInfo}. */
export function parseProvenance(raw: string | null): Provenance {
  if (!raw) return { kind: 'local', supplied: false };
  if (raw === 'local') return { kind: 'local', supplied: true };
  try {
    const parsed: unknown = JSON.parse(fromBase64Url(raw));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'local', supplied: false };
    const heads: Record<string, ChainHeadInfo> = {};
    for (const [writer, head] of Object.entries(parsed)) if (isHead(head)) heads[writer] = head;
    return Object.keys(heads).length ? { kind: 'chain', heads } : { kind: 'local', supplied: true };
  } catch {
    return { kind: 'local', supplied: false };
  }
}

export function parseReportOptions(kind: ReportKind, params: URLSearchParams, utcEverywhere: boolean): ReportOptions {
  const paperRaw = (params.get(REPORT_PARAM.paper) ?? '').toUpperCase();
  const paper = PAPER_SIZES.find((p) => p.toUpperCase() === paperRaw) ?? 'A4';
  const o = params.get(REPORT_PARAM.orientation);
  const orientation: Orientation = o === 'portrait' || o === 'landscape' ? o : DEFAULT_ORIENTATION[kind];
  const tz = params.get(REPORT_PARAM.timeZone);
  const timeZone = tz && isTimeZone(tz) ? tz : utcEverywhere ? 'UTC' : browserTimeZone();
  const pdf = params.get(REPORT_PARAM.pdf) === '1';
  return { paper, orientation, timeZone, pdf, provenance: parseProvenance(params.get(REPORT_PARAM.heads)) };
}

export type ReportTarget =
  | { kind: 'incident'; id: string }
  | { kind: 'situation' }
  | { kind: 'trends'; from: string; to: string; granularity?: string; filters?: TrendsFilterParams };

/** The trend report a route's query asks for: its period and the trends screen's filters. */
export function trendsTarget(params: URLSearchParams): ReportTarget {
  const granularity = params.get(REPORT_PARAM.granularity);
  return {
    kind: 'trends',
    from: params.get(REPORT_PARAM.from) ?? '',
    to: params.get(REPORT_PARAM.to) ?? '',
    ...(granularity ? { granularity } : {}),
    filters: filtersFromSearch(params),
  };
}

/** Query of a report route (without the toolbar-only options). */
export function reportQuery(target: ReportTarget, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const q = new URLSearchParams();
  if (target.kind === 'trends') {
    q.set(REPORT_PARAM.from, target.from);
    q.set(REPORT_PARAM.to, target.to);
    if (target.granularity) q.set(REPORT_PARAM.granularity, target.granularity);
    if (target.filters) filtersToSearch(target.filters, q);
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') q.set(k, v);
  return q;
}

/** `#/report/incident/INC-…?paper=A4`: the report's hash route. */
export function reportHash(target: ReportTarget, extra: Record<string, string | undefined> = {}): string {
  const path = target.kind === 'incident' ? `incident/${encodeURIComponent(target.id)}` : target.kind;
  const query = reportQuery(target, extra).toString();
  return `#/report/${path}${query ? `?${query}` : ''}`;
}

/** The browser host's server-side PDF of a report (GET; the same route printed by headless Chromium). */
export function reportPdfHref(target: ReportTarget, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams({ kind: target.kind });
  if (target.kind === 'incident') q.set('id', target.id);
  for (const [k, v] of reportQuery(target, extra)) q.set(k, v);
  return `/api/report.pdf?${q}`;
}
