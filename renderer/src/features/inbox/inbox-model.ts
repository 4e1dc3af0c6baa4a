/** Pure helpers for the alert inbox views. */
import { needsTriage, sortedGroups, type AlertInbox } from '../../../../shared/alerts/inbox';
import { ALERT_SEVERITIES, FORMAT_LABELS, type AlertSeverity } from '../../../../shared/alerts/model';
import type { AlertGroupDto } from '../../../../shared/contract/alerts-api';

export { FORMAT_LABELS, ALERT_SEVERITIES };

export const SEVERITY_LABELS: Record<AlertSeverity, string> = { critical: 'Critical', high: 'High', warning: 'Warning', info: 'Info' };
/** A shape per severity, so colour never carries the meaning alone. */
export const SEVERITY_SHAPES: Record<AlertSeverity, string> = { critical: '▲', high: '◆', warning: '●', info: '○' };

export type InboxFilter = 'triage' | 'firing' | 'all';
export const FILTER_LABELS: Record<InboxFilter, string> = { triage: 'Needs triage', firing: 'Firing', all: 'All' };

export interface InboxCounts {
  all: number;
  triage: number;
  firing: number;
  attached: number;
  dismissed: number;
}

export function countsOf(groups: readonly AlertGroupDto[]): InboxCounts {
  const c: InboxCounts = { all: groups.length, triage: 0, firing: 0, attached: 0, dismissed: 0 };
  for (const g of groups) {
    if (needsTriage(g)) c.triage++;
    if (g.firing) c.firing++;
    if (g.incidentId) c.attached++;
    if (g.dismissed) c.dismissed++;
  }
  return c;
}

/** Needing triage first, then firing, by severity, most recently changed first (as the API). */
export function orderGroups(groups: Readonly<Record<string, AlertGroupDto>>): AlertGroupDto[] {
  return sortedGroups({ dedupWindowMs: 0, groups, alertIndex: {} } as AlertInbox);
}

export function filterGroups(groups: readonly AlertGroupDto[], filter: InboxFilter, text: string): AlertGroupDto[] {
  const q = text.trim().toLowerCase();
  return groups.filter((g) => {
    if (filter === 'triage' && !needsTriage(g)) return false;
    if (filter === 'firing' && !g.firing) return false;
    if (!q) return true;
    const hay = [g.title, g.source, g.groupKey, g.incidentId ?? '', ...Object.entries(g.labels).map(([k, v]) => `${k}=${v}`)].join(' ').toLowerCase();
    return hay.includes(q);
  });
}

/** One word for the group's state, for the list and screen readers. */
export function stateOf(g: AlertGroupDto): string {
  if (g.flag) return `${g.flag} message`;
  if (g.incidentId) return g.firing ? `Firing, on ${g.incidentId}` : `Resolved, on ${g.incidentId}`;
  if (g.dismissed) return 'Dismissed';
  if (g.firing) return g.firingCount === g.alerts.length ? `Firing (${g.firingCount})` : `Firing (${g.firingCount} of ${g.alerts.length})`;
  return 'Resolved';
}

export function labelList(labels: Record<string, string>, skip: readonly string[] = ['severity']): Array<[string, string]> {
  return Object.entries(labels).filter(([k]) => !skip.includes(k));
}

/** "p0=critical, sev-2=high" ⇄ {p0: 'critical', 'sev-2': 'high'}. */
export function aliasesToText(aliases: Record<string, AlertSeverity>): string {
  return Object.entries(aliases)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

export function textToAliases(text: string): { aliases: Record<string, AlertSeverity>; error?: string } {
  const aliases: Record<string, AlertSeverity> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [k, v] = part.split('=').map((s) => s?.trim().toLowerCase());
    if (!k || !v || !(ALERT_SEVERITIES as readonly string[]).includes(v)) return { aliases, error: `"${part}": write word=severity, severity one of ${ALERT_SEVERITIES.join(', ')}` };
    aliases[k] = v as AlertSeverity;
  }
  return { aliases };
}

export function listToText(list: readonly string[]): string {
  return list.join(', ');
}

export function textToList(text: string): string[] {
  return [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
}
