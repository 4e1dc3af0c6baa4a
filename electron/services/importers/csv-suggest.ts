import { createHash } from 'node:crypto';
import type { CsvColumnRole, CsvMapping, Levels, StatusTarget } from '../../../shared/contract/import-api';
import type { Level } from '../../../shared/domain/priority';

/** A CSV source this importer knows by its header, with the mapping it suggests. */
interface KnownSource {
  key: string;
  label: string;
  /** Names the source's incidents in default titles, e.g. "VINST SR 1-364285768". */
  short: string;
  matches: (header: readonly string[]) => boolean;
  columns: Partial<Record<CsvColumnRole, string>>;
  statusLabels?: Record<string, string>;
  subStatusLabels?: Record<string, string>;
  resolutionCodes?: Record<string, string>;
}

const has = (header: readonly string[], ...names: string[]) => names.every((n) => header.includes(n));

const KNOWN: readonly KnownSource[] = [
  {
    key: 'bpi2013-vinst',
    label: 'BPI Challenge 2013 (Volvo IT VINST)',
    short: 'VINST SR',
    matches: (h) => has(h, 'SR Number', 'Change Date+Time', 'Status', 'Sub Status'),
    columns: {
      id: 'SR Number',
      time: 'Change Date+Time',
      status: 'Status',
      subStatus: 'Sub Status',
      impact: 'SR Latest Impact',
      team: 'Involved ST',
      person: 'Resource',
      product: 'Product',
    },
  },
  {
    key: 'servicenow-incident',
    label: 'ServiceNow incident export',
    short: 'ServiceNow',
    matches: (h) => has(h, 'number', 'incident_state', 'opened_at'),
    columns: {
      id: 'number',
      time: 'opened_at',
      status: 'incident_state',
      subStatus: 'hold_reason',
      impact: 'impact',
      urgency: 'urgency',
      title: 'short_description',
      category: 'category',
      statusTime: 'sys_updated_on',
      resolvedAt: 'resolved_at',
      closedAt: 'closed_at',
      resolutionCode: 'close_code',
    },
    // ServiceNow's out-of-the-box choice values.
    statusLabels: { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' },
    subStatusLabels: { '1': 'Awaiting Caller', '3': 'Awaiting Problem', '4': 'Awaiting Vendor', '5': 'Awaiting Change' },
    resolutionCodes: {
      'Solved (Permanently)': 'Fixed',
      'Solved Remotely (Permanently)': 'Fixed',
      'Solved (Work Around)': 'Workaround',
      'Solved Remotely (Work Around)': 'Workaround',
      'Closed/Resolved by Caller': 'Resolved by caller',
      'Not Solved (Not Reproducible)': 'No fault found',
      'Not Solved (Too Costly)': 'No fault found',
    },
  },
];

/** Column names that usually hold each role, for files nobody told us about. */
const GUESSES: Array<[CsvColumnRole, RegExp]> = [
  ['id', /^(number|id|incident( ?(id|number))?|case( ?id)?|ticket( ?(id|number))?|sr number|key)$/i],
  ['time', /^(timestamp|time|date|change date\+time|event time|opened_at|created(_at| at| on)?|sys_created_on)$/i],
  ['status', /^(status|state|incident_state|lifecycle:transition)$/i],
  ['subStatus', /^(sub ?status|sub_status|substatus|hold_reason|reason)$/i],
  ['impact', /impact|severity/i],
  ['urgency', /urgency/i],
  ['team', /assignment_group|group|team|queue|involved st$/i],
  ['person', /^(resource|assignee|assigned_to|assigned to|owner|org:resource)$/i],
  ['title', /^(short_description|title|summary|subject)$/i],
  ['product', /^(product|service|business_service|cmdb_ci|configuration item|ci)$/i],
  ['category', /^category$/i],
  ['resolvedAt', /^resolved(_at| at| on)?$/i],
  ['closedAt', /^closed(_at| at| on)?$/i],
  ['resolutionCode', /^(close_code|resolution( code)?|resolution_code)$/i],
];

export interface CsvSource {
  key: string;
  label: string;
  short: string;
}

export function detectCsvSource(header: readonly string[], fileName: string): CsvSource & { known?: KnownSource } {
  const known = KNOWN.find((k) => k.matches(header));
  if (known) return { key: known.key, label: known.label, short: known.short, known };
  const key = `csv-${createHash('sha1').update(header.join('\u0001')).digest('hex').slice(0, 8)}`;
  return { key, label: fileName ? `CSV ${fileName}` : 'CSV file', short: 'Incident' };
}

/** Keywords → lifecycle status, tried on the sub-status, then the status (first match wins). */
const STATUS_WORDS: Array<[RegExp, StatusTarget]> = [
  [/unmatched|unknown|n\/a/i, 'ignore'],
  [/cancel/i, 'cancelled'],
  [/clos/i, 'closed'],
  [/in call|resolv|solved|complet|fixed|done/i, 'resolved'],
  [/wait|await|hold|pending|suspend/i, 'on_hold'],
  [/monitor|verif/i, 'monitoring'],
  [/mitigat|workaround/i, 'mitigated'],
  [/progress|investigat|work|analys|diagnos|identified/i, 'investigating'],
  [/assign|accept|acknowledg|queued|triage/i, 'acknowledged'],
  [/^new$|open|logged|registered|submitted/i, 'new'],
];

export function suggestStatus(statusLabel: string, subLabel: string): StatusTarget {
  for (const text of [subLabel, statusLabel]) {
    if (!text) continue;
    for (const [re, target] of STATUS_WORDS) if (re.test(text)) return target;
  }
  return 'investigating';
}

/** Impact words (and ServiceNow's 1–3) → impact and urgency. */
export function suggestLevels(value: string): Levels {
  const v = value.trim().toLowerCase();
  if (/^(1|high|critical|major|extensive|widespread|sev ?1|p1)\b/.test(v)) return v.startsWith('major') || v.startsWith('critical') ? { impact: 1, urgency: 1 } : { impact: 1, urgency: 2 };
  if (/^(2|medium|moderate|significant|sev ?2|p2)\b/.test(v)) return { impact: 2, urgency: 2 };
  if (/^(3|low|minor|limited|sev ?3|p3)\b/.test(v)) return { impact: 3, urgency: 2 };
  return { impact: 2, urgency: 2 };
}

export function suggestUrgency(value: string): Level {
  const v = value.trim().toLowerCase();
  if (/^(1|high|critical)/.test(v)) return 1;
  if (/^(3|low)/.test(v)) return 3;
  return 2;
}

export function suggestResolutionCode(value: string, codes: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  if (/caller/.test(v)) return codes.find((c) => /caller/i.test(c));
  if (/work ?around/.test(v)) return codes.find((c) => /workaround/i.test(c));
  if (/not reproducible|no fault|not solved/.test(v)) return codes.find((c) => /no fault/i.test(c));
  if (/vendor/.test(v)) return codes.find((c) => /vendor/i.test(c));
  if (/roll/.test(v)) return codes.find((c) => /roll/i.test(c));
  if (/config/.test(v)) return codes.find((c) => /config/i.test(c));
  if (/solved|fixed|permanent/.test(v)) return codes.find((c) => /fixed/i.test(c));
  return undefined;
}

/** The column mapping suggested for a header: the known source's, or guessed from column names. */
export function suggestColumns(header: readonly string[], known: KnownSource | undefined): CsvMapping['columns'] {
  const columns: Partial<Record<CsvColumnRole, string>> = {};
  if (known) {
    for (const [role, name] of Object.entries(known.columns) as Array<[CsvColumnRole, string]>) if (header.includes(name)) columns[role] = name;
  } else {
    const taken = new Set<string>();
    for (const [role, re] of GUESSES) {
      const name = header.find((h) => !taken.has(h) && re.test(h));
      if (name) {
        columns[role] = name;
        taken.add(name);
      }
    }
  }
  return {
    ...columns,
    id: columns.id ?? header[0] ?? '',
    time: columns.time ?? header[1] ?? '',
    status: columns.status ?? header[2] ?? '',
  } as CsvMapping['columns'];
}

export function knownLabels(known: KnownSource | undefined): Pick<CsvMapping, 'statusLabels' | 'subStatusLabels' | 'resolutionCodes'> {
  return { statusLabels: { ...known?.statusLabels }, subStatusLabels: { ...known?.subStatusLabels }, resolutionCodes: { ...known?.resolutionCodes } };
}
