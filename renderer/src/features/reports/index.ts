/** Printable reports: the report routes and the links to them (mount ReportLinks in the console and trends screens). */
export { ReportView } from './ReportView';
export { ReportLinks, type ReportLinksProps } from './ReportLinks';
export { reportHash, reportPdfHref, type ReportTarget, type PaperSize } from './report-params';
