import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { WorkspaceInfo } from '../../../../shared/contract/api';
import { REPORT_ATTR, REPORT_PARAM } from '../../../../shared/contract/report-route';
import {
  PAPER_SIZES,
  reportHash,
  reportPdfHref,
  reportQuery,
  type Orientation,
  type PaperSize,
  type ReportKind,
  type ReportOptions,
  type ReportTarget,
} from './report-params';
import { viewHref } from '../../ui/view-href';
import type { ReportTime } from './report-time';
import './reports.css';

/** What every report gets from the route and the workspace. */
export interface ReportContext {
  kind: ReportKind;
  target: ReportTarget;
  info: WorkspaceInfo | undefined;
  options: ReportOptions;
  time: ReportTime;
  /** The host's clock when the report was opened (epoch ms). */
  generatedAt: number;
  params: URLSearchParams;
}

export type ReportStatus = { state: 'loading' } | { state: 'ready' } | { state: 'error'; message: string };

/** Paper sizes in millimetres (portrait). */
const PAPER_MM: Record<PaperSize, [number, number]> = { A4: [210, 297], A3: [297, 420], A1: [594, 841], Letter: [215.9, 279.4] };
/** Larger sheets are read from further away (A1 on a wall): the type grows with them. */
const PAPER_SCALE: Record<PaperSize, number> = { A4: 1, Letter: 1, A3: 1.15, A1: 1.7 };

/** A CSS string literal. */
function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

/**
 * The @page rules. A PDF producer sets the paper, margins, header and footer itself (Chromium's
 * page.pdf / Electron's printToPDF templates carry the page numbers), so in `pdf` mode only the
 * size is given. The browser's own print gets margins and CSS margin boxes for the running
 * title, footer and "Page n / m" (Chromium 131+ draws them).
 */
export function pageCss(options: Pick<ReportOptions, 'paper' | 'orientation' | 'pdf'>, title: string, footer: string): string {
  const size = `${options.paper} ${options.orientation}`;
  if (options.pdf) return `@page { size: ${size}; }`;
  return `@page {
  size: ${size};
  margin: 16mm 14mm 18mm 14mm;
  @top-left { content: ${cssString(title)}; font: 8pt sans-serif; color: #555; }
  @bottom-left { content: ${cssString(footer)}; font: 8pt sans-serif; color: #555; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font: 8pt sans-serif; color: #555; }
}`;
}

/** The running footer: site, when it was generated and in which zone. */
export function footerText(ctx: Pick<ReportContext, 'info' | 'time' | 'generatedAt'>): string {
  const site = ctx.info?.settings.siteName ?? 'Watchfloor';
  return `${site} · Generated ${ctx.time.dateTime(ctx.generatedAt)} ${ctx.time.zoneLabel(ctx.generatedAt)} · Watchfloor ${ctx.info?.version ?? ''}`.trim();
}

/** Every chart drawn: recharts lays out axes in a second pass after the first render. */
function chartsDrawn(root: HTMLElement | null): boolean {
  if (!root) return true;
  return [...root.querySelectorAll('.report-chart')].every((fig) => fig.querySelector('svg .recharts-cartesian-axis') !== null);
}

const SETTLE_LIMIT_MS = 5000;

/**
 * Ready = the data is rendered, fonts are loaded and charts are drawn. Polls on timers, not
 * animation frames: a hidden print window paints no frames.
 */
function useSettled(ready: boolean, root: RefObject<HTMLDivElement | null>): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (!ready) return setSettled(false);
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = Date.now();
    const poll = () => {
      if (cancelled) return;
      if (chartsDrawn(root.current) || Date.now() - started > SETTLE_LIMIT_MS) timer = setTimeout(() => !cancelled && setSettled(true), 30);
      else timer = setTimeout(poll, 40);
    };
    const fonts = (document as Document & { fonts?: { ready: Promise<unknown> } }).fonts?.ready ?? Promise.resolve();
    void fonts.then(poll, poll);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [ready, root]);
  return settled;
}

function Toolbar({ ctx }: { ctx: ReportContext }) {
  const { options } = ctx;
  const go = (changes: Partial<Record<string, string>>) => {
    // Keep the options in the address; what the target says (period, filters) comes from the target.
    const own = new Set(reportQuery(ctx.target).keys());
    const extra: Record<string, string | undefined> = {};
    for (const [k, v] of ctx.params) if (!own.has(k)) extra[k] = v;
    location.hash = reportHash(ctx.target, { ...extra, ...changes });
  };
  // In a browser the host can also print on the server (same route, headless Chromium); an Electron
  // window prints through the system dialog, and exports files from the main process (print.ts).
  const serverPdf = typeof window !== 'undefined' && !window.watchfloor;
  const pdfExtra = { [REPORT_PARAM.paper]: options.paper, [REPORT_PARAM.orientation]: options.orientation, [REPORT_PARAM.timeZone]: options.timeZone };
  return (
    <nav className="report-toolbar" aria-label="Report">
      <a className="report-button is-ghost" href={viewHref('/')}>
        ← Console
      </a>
      <label className="report-field">
        Paper{' '}
        <select value={options.paper} onChange={(e) => go({ [REPORT_PARAM.paper]: e.target.value })}>
          {PAPER_SIZES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label className="report-field">
        Orientation{' '}
        <select value={options.orientation} onChange={(e) => go({ [REPORT_PARAM.orientation]: e.target.value as Orientation })}>
          <option value="portrait">Portrait</option>
          <option value="landscape">Landscape</option>
        </select>
      </label>
      <span className="report-toolbar-zone">Times in {ctx.time.zoneLabel(ctx.generatedAt)}</span>
      <span className="report-toolbar-spacer" />
      {serverPdf && (
        <a className="report-button" href={reportPdfHref(ctx.target, pdfExtra)} download>
          Download PDF
        </a>
      )}
      <button type="button" className="report-button is-primary" onClick={() => window.print()}>
        Print / Save as PDF
      </button>
    </nav>
  );
}

export interface ReportFrameProps {
  ctx: ReportContext;
  /** "Incident report", "Situation report", "Trend report". */
  heading: string;
  /** Running title for every page: "Incident report · INC-… · title". */
  title: string;
  status: ReportStatus;
  children?: ReactNode;
}

/**
 * A printable report: white paper, dark text, no app chrome. The root carries data attributes the
 * PDF producers wait for (`data-report-ready` / `data-report-error`) and read (footer and title for
 * their header and footer templates).
 */
export function ReportFrame({ ctx, heading, title, status, children }: ReportFrameProps) {
  const root = useRef<HTMLDivElement>(null);
  const settled = useSettled(status.state === 'ready', root);
  const footer = footerText(ctx);
  const scale = PAPER_SCALE[ctx.options.paper];
  const [w, h] = PAPER_MM[ctx.options.paper];
  const pageWidthMm = ctx.options.orientation === 'portrait' ? w : h;

  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  const attrs: Record<string, string> = { [REPORT_ATTR.footer]: footer, [REPORT_ATTR.title]: title };
  if (status.state === 'error') attrs[REPORT_ATTR.error] = status.message;
  else if (settled) attrs[REPORT_ATTR.ready] = 'true';

  return (
    <div
      ref={root}
      className={`report-root report-${ctx.kind}${ctx.options.pdf ? ' is-pdf' : ''}`}
      data-paper={ctx.options.paper}
      data-orientation={ctx.options.orientation}
      style={{ ['--report-scale' as string]: String(scale), ['--report-page-width' as string]: `${pageWidthMm}mm` }}
      {...attrs}
    >
      <style>{pageCss(ctx.options, title, footer)}</style>
      {!ctx.options.pdf && <Toolbar ctx={ctx} />}
      <main className="report-paper">
        <div className="report-kicker">
          <span>{heading}</span>
          <span>
            {ctx.info?.settings.siteName ?? ''} · Times in {ctx.time.zoneLabel(ctx.generatedAt)}
          </span>
        </div>
        {status.state === 'loading' && <p className="report-note">Loading…</p>}
        {status.state === 'error' && (
          <p className="report-error" role="alert">
            This report could not be produced: {status.message}
          </p>
        )}
        {children}
        <footer className="report-end">
          <p>
            {footer}. All times in {ctx.time.zoneLabel(ctx.generatedAt)}.
          </p>
        </footer>
      </main>
    </div>
  );
}
