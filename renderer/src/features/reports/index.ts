/** Printable reports: the report routes and the links to them (ReportLinks: console header, incident header, trends screen). */
export { ReportView } from './ReportView';
export { ReportLinks, type ReportLinksProps } from './ReportLinks';
export { reportHash, reportPdfHref, type ReportTarget, type PaperSize } from './report-params';
