/** The inbox view's pure helpers (renderer/src/features/inbox/inbox-model.ts). */
import { describe, expect, it } from 'vitest';
import { applyInboxEvent, foldInbox } from '../../shared/alerts/inbox';
import { aliasesToText, countsOf, filterGroups, orderGroups, stateOf, textToAliases, textToList } from '../../renderer/src/features/inbox/inbox-model';
import { alertsOf, plus, RECEIVED } from '../fixtures/alerts/load';

function inbox() {
  let box = foldInbox([
    ...alertsOf('alertmanager/am0.25_generated_03_firing_two_alerts.json').map((data) => ({ type: 'alert.received', data })),
    ...alertsOf('alertmanager/am0.25_generated_01_firing_single.json', plus(RECEIVED, 1)).map((data) => ({ type: 'alert.received', data })),
    ...alertsOf('alertmanager/am0.25_generated_02_firing_truncated.json', plus(RECEIVED, 2)).map((data) => ({ type: 'alert.received', data })),
  ]);
  box = applyInboxEvent(box, { type: 'alert.dismissed', data: { source: 'prom-prod', groupKey: '{}/{team="storage"}:{alertname="DiskSpaceLow", service="postgres"}', reason: 'planned' } });
  return box;
}

describe('inbox model', () => {
  it('orders, counts, filters and names the state of groups', () => {
    const ordered = orderGroups(inbox().groups);
    expect(ordered.map((g) => g.severity)).toEqual(['critical', 'warning', 'warning']);
    expect(ordered.at(-1)!.dismissed).not.toBeNull();
    expect(countsOf(ordered)).toEqual({ all: 3, triage: 2, firing: 3, attached: 0, dismissed: 1 });
    expect(filterGroups(ordered, 'triage', '').map((g) => g.severity)).toEqual(['critical', 'warning']);
    expect(filterGroups(ordered, 'all', 'service=payments')).toHaveLength(1);
    expect(filterGroups(ordered, 'all', 'CHECKOUT')).toHaveLength(1);
    expect(ordered.map(stateOf)).toEqual(['Firing (1)', 'Firing (2)', 'Dismissed']);
  });

  it('reads and writes the settings text fields', () => {
    expect(textToAliases('p0=critical, SEV-2 = high')).toEqual({ aliases: { p0: 'critical', 'sev-2': 'high' } });
    expect(textToAliases('p0=urgent').error).toMatch(/"p0=urgent"/);
    expect(aliasesToText({ p0: 'critical', 'sev-2': 'high' })).toBe('p0=critical, sev-2=high');
    expect(textToList(' a, b ,, a ')).toEqual(['a', 'b']);
  });
});
