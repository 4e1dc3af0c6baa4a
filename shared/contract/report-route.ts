/**
 * The report routes' URL parameters and root attributes: the renderer draws a report from them
 * (renderer/src/features/reports) and the PDF producers build the route and wait for the
 * attributes (electron/services/reports, electron/main/print.ts). One definition for both sides.
 */

/** The trend report's filters, named as on the trends screen: priority=P1,P2, category, team, service, location, exercises=1. */
export const FILTER_PARAM = {
  priority: 'priority',
  category: 'category',
  team: 'team',
  service: 'service',
  location: 'location',
  exercises: 'exercises',
} as const;

/** Names of the URL parameters every report route understands. */
export const REPORT_PARAM = {
  paper: 'paper',
  orientation: 'orientation',
  /** IANA time zone the report's times are shown in (default: UTC when the machine shows UTC everywhere, else this browser's zone). */
  timeZone: 'tz',
  /** Set by the PDF producers: no toolbar, and page numbers come from their footer template, not CSS margin boxes. */
  pdf: 'pdf',
  /** Set by the PDF producers: the store's hash-chain heads (base64url of JSON), or `local` for the local journal only. */
  heads: 'heads',
  from: 'from',
  to: 'to',
  granularity: 'granularity',
  ...FILTER_PARAM,
} as const;

/** Attributes of the report's root element: the producers wait for one of the first two. */
export const REPORT_ATTR = {
  ready: 'data-report-ready',
  error: 'data-report-error',
  /** The footer text (site, generated at, zone) for the producer's footer template. */
  footer: 'data-report-footer',
  /** The short title for the producer's header template. */
  title: 'data-report-title',
} as const;
