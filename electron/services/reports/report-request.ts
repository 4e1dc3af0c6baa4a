/**
 * A report to print, the renderer route that draws it, and the PDF page setup: shared by the
 * browser host's `GET /api/report.pdf` (headless Chromium, pdf-renderer.ts) and the Electron
 * exporter (electron/main/print.ts, webContents.printToPDF).
 *
 * The route's parameter names and root attributes are the renderer's too (shared/contract/report-route.ts).
 */
import { z } from 'zod';
import { REPORT_ATTR, REPORT_PARAM } from '../../../shared/contract/report-route';
import { PRIORITIES, type Priority } from '../../../shared/domain/priority';

export const REPORT_KINDS = ['incident', 'situation', 'trends'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const PAPER_SIZES = ['A4', 'A3', 'A1', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
export type Orientation = 'portrait' | 'landscape';

/** Present once the report is drawn, or has failed. */
export const REPORT_DONE_SELECTOR = `.report-root[${REPORT_ATTR.ready}], .report-root[${REPORT_ATTR.error}]`;

export const DEFAULT_ORIENTATION: Record<ReportKind, Orientation> = { incident: 'portrait', situation: 'landscape', trends: 'landscape' };

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const dateOrInstant = z
  .string()
  .trim()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isFinite(Date.parse(s)), 'a date (2026-01-31) or an ISO time');

/** `1`/`true` in a query, or a boolean from IPC. */
const flag = z
  .union([z.boolean(), z.enum(['0', '1', 'true', 'false'])])
  .transform((v) => v === true || v === '1' || v === 'true')
  .optional();

/** `P1,P2`: the trends screen's priority filter. */
const priorities = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const list = s.split(',').map((p) => p.trim()).filter(Boolean);
    const unknown = list.filter((p) => !(PRIORITIES as readonly string[]).includes(p));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown priority ${unknown.map((p) => `"${p}"`).join(', ')}: use ${PRIORITIES.join(', ')}, comma-separated` });
    return list as Priority[];
  })
  .optional();

/** One value of a trends filter (as in the metrics TrendsFiltersSchema); empty = every value. */
const filterValue = z.string().trim().max(120).optional();

export const ReportRequestSchema = z
  .object({
    kind: z.enum(REPORT_KINDS),
    id: z.string().trim().min(1).max(40).optional(),
    from: dateOrInstant.optional(),
    to: dateOrInstant.optional(),
    granularity: z.enum(['day', 'week', 'month']).optional(),
    paper: z
      .string()
      .optional()
      .transform((p, ctx) => {
        if (!p) return 'A4' as PaperSize;
        const found = PAPER_SIZES.find((s) => s.toUpperCase() === p.trim().toUpperCase());
        if (!found) ctx.addIssue({ code: 'custom', message: `paper must be one of ${PAPER_SIZES.join(', ')}` });
        return found ?? 'A4';
      }),
    orientation: z.enum(['portrait', 'landscape']).optional(),
    timeZone: z.string().trim().max(64).refine(isTimeZone, 'unknown time zone').optional(),
    /** Trend report filters, as on the trends screen. */
    priority: priorities,
    category: filterValue,
    team: filterValue,
    service: filterValue,
    location: filterValue,
    /** Trend report: count exercises too. */
    exercises: flag,
    /** Tagged (accessible) PDF with a document outline; roughly doubles the printing time. `tagged=1` in a query. */
    tagged: flag,
  })
  .strict()
  .refine((r) => r.kind !== 'incident' || r.id, { message: 'An incident report needs the incident id (id=…)', path: ['id'] });
export type ReportRequest = z.output<typeof ReportRequestSchema>;
export type ReportRequestInput = z.input<typeof ReportRequestSchema>;

/** Reads `kind`, `id`, `from`, `to`, `granularity`, the trend filters, `paper`, `orientation`, `tz` from a query string. */
export function parseReportQuery(params: URLSearchParams): { ok: true; request: ReportRequest } | { ok: false; message: string; field?: string } {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k === 'token' || k === 'download') continue;
    raw[k === REPORT_PARAM.timeZone ? 'timeZone' : k] = v;
  }
  const parsed = ReportRequestSchema.safeParse(raw);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  return { ok: false, message: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '), field };
}

export function orientationOf(r: Pick<ReportRequest, 'kind' | 'orientation'>): Orientation {
  return r.orientation ?? DEFAULT_ORIENTATION[r.kind];
}

/**
 * The report's hash route with everything the PDF producers add: `pdf=1` (no toolbar; page numbers
 * come from the footer template) and the provenance (`heads`: chain heads or `local`).
 */
export function reportRoute(r: ReportRequest, extra: { heads?: string } = {}): string {
  const q = new URLSearchParams();
  if (r.kind === 'trends') {
    if (r.from) q.set(REPORT_PARAM.from, r.from);
    if (r.to) q.set(REPORT_PARAM.to, r.to);
    if (r.granularity) q.set(REPORT_PARAM.granularity, r.granularity);
    if (r.exercises) q.set(REPORT_PARAM.exercises, '1');
    if (r.priority?.length) q.set(REPORT_PARAM.priority, r.priority.join(','));
    for (const k of ['category', 'team', 'service', 'location'] as const) if (r[k]) q.set(REPORT_PARAM[k], r[k]);
  }
  q.set(REPORT_PARAM.paper, r.paper);
  q.set(REPORT_PARAM.orientation, orientationOf(r));
  if (r.timeZone) q.set(REPORT_PARAM.timeZone, r.timeZone);
  q.set(REPORT_PARAM.pdf, '1');
  if (extra.heads) q.set(REPORT_PARAM.heads, extra.heads);
  const path = r.kind === 'incident' ? `incident/${encodeURIComponent(r.id ?? '')}` : r.kind;
  return `#/report/${path}?${q}`;
}

/** The full URL of the report route on a renderer entry (`http://127.0.0.1:4510/` or `app://watchfloor/index.html`). */
export function reportUrl(entryUrl: string, r: ReportRequest, extra: { heads?: string; token?: string } = {}): string {
  const base = new URL(entryUrl.split('#')[0]!);
  if (extra.token) base.searchParams.set('token', extra.token);
  return `${base.toString()}${reportRoute(r, extra)}`;
}

export interface PdfLayout {
  paper: PaperSize;
  landscape: boolean;
  /** Page margins in millimetres; top and bottom hold the header and footer templates. */
  marginMm: { top: number; right: number; bottom: number; left: number };
}

export function pdfLayout(r: Pick<ReportRequest, 'kind' | 'paper' | 'orientation'>): PdfLayout {
  const big = r.paper === 'A1';
  return {
    paper: r.paper,
    landscape: orientationOf(r) === 'landscape',
    marginMm: big ? { top: 22, right: 20, bottom: 24, left: 20 } : { top: 15, right: 12, bottom: 17, left: 12 },
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Chromium draws templates at a tiny default size and without the page's styles: everything inline. */
function templateStyle(layout: PdfLayout): string {
  const size = layout.paper === 'A1' ? 14 : layout.paper === 'A3' ? 9 : 7.5;
  return `font-family: Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif; font-size: ${size}pt; color: #555; width: 100%; margin: 0 ${layout.marginMm.left}mm; display: flex; justify-content: space-between; gap: 12pt; -webkit-print-color-adjust: exact;`;
}

/** Running header: the report's title on every page. */
export function headerTemplate(title: string, layout: PdfLayout): string {
  return `<div style="${templateStyle(layout)}"><span style="overflow: hidden; white-space: nowrap; text-overflow: ellipsis;">${esc(title)}</span></div>`;
}

/** Running footer: site, generated at and zone; "Page n / m" (Chromium fills pageNumber/totalPages). */
export function footerTemplate(footer: string, layout: PdfLayout): string {
  return `<div style="${templateStyle(layout)}"><span>${esc(footer)}</span><span style="white-space: nowrap;">Page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
}

const stamp = (t: number) => new Date(t).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

/** incident-report-INC-2026-ABC123-3-20261127-1405.pdf, situation-report-20261127-1405.pdf, trend-report-2026-01-01_2026-03-31.pdf */
export function reportFileName(r: ReportRequest, now: number): string {
  if (r.kind === 'incident') return `incident-report-${safe(r.id ?? '')}-${stamp(now)}.pdf`;
  if (r.kind === 'situation') return `situation-report-${stamp(now)}.pdf`;
  return `trend-report-${safe(r.from ?? 'start')}_${safe(r.to ?? stamp(now))}.pdf`;
}
