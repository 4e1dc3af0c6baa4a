/**
 * A small hand-made workspace for the metrics tests, with every value worked out by hand in
 * metrics-fixture.test.ts. Weeks of 2 and 9 March 2026 (UTC); "now" is 20 March.
 *
 *  A  P1  Mon 2 Mar 09:00  ack 09:10, mitigated 10:00, resolved 11:00, closed 3 Mar; team Payments Platform; Payments
 *  B  P3  Tue 3 Mar 22:00  impact from 21:30; investigating 22:30; resolved 4 Mar 02:30; reopened 09:00; resolved 10:00; Payments, Email
 *  C  P2→P1 Thu 5 Mar 12:00 ack 12:05; raised to P1 12:30; investigating; still open; Email; location:Building B
 *  D  P4  Mon 9 Mar 08:30  EXERCISE, resolved 10:00
 *  E  P3  Tue 10 Mar 14:00 cancelled 15:00
 *  F  P2  Wed 11 Mar 10:00 escalation raised 10:20; ack 10:30; resolved 13:00; Payments
 *  G  P5  Fri 27 Feb 10:00 (before the range) investigating 11:00; resolved Mon 2 Mar 10:00
 *  H  P3  Sun 15 Mar 20:00 still new
 */
import type { IncidentState } from '../../shared/domain/incident';
import { TrendsQuerySchema, type TrendsQueryInput } from '../../shared/metrics/schema';
import { HOUR, IncidentBuilder, MINUTE, policy, t } from './sla-helpers';

export { HOUR, MINUTE, t };

export const NOW = t('2026-03-20T00:00:00Z');

/** Acknowledge within 15 minutes and resolve within 4 hours, round the clock, every priority. */
export const FIXTURE_POLICY = policy({
  priorities: Object.fromEntries(['P1', 'P2', 'P3', 'P4', 'P5'].map((p) => [p, { acknowledge: { minutes: 15 }, resolve: { minutes: 240 } }])),
});

const b = (n: string) => new IncidentBuilder(`INC-2026-TEST-${n}`);

export function fixtureIncidents(): Record<string, IncidentState> {
  const A = b('1')
    .create(t('2026-03-02T09:00:00Z'), 'P1', { title: 'Payment gateway timeouts', services: ['Payments'], category: 'Applications' })
    .to('acknowledged', t('2026-03-02T09:10:00Z'))
    .run(t('2026-03-02T09:15:00Z'), { type: 'joinResponder', person: 'Priya', team: 'Payments Platform' })
    .to('investigating', t('2026-03-02T09:20:00Z'))
    .to('mitigated', t('2026-03-02T10:00:00Z'))
    .to('resolved', t('2026-03-02T11:00:00Z'))
    .run(t('2026-03-03T09:55:00Z'), { type: 'recordReview', outcome: 'done', reason: '' })
    .to('closed', t('2026-03-03T10:00:00Z'));
  const B = b('2')
    .create(t('2026-03-03T22:00:00Z'), 'P3', { title: 'Payment gateway timeouts', services: ['Payments', 'Email'], category: 'Applications' })
    .milestone('impactStarted', t('2026-03-03T21:30:00Z'), t('2026-03-03T22:05:00Z'))
    .to('investigating', t('2026-03-03T22:30:00Z'))
    .to('resolved', t('2026-03-04T02:30:00Z'))
    .to('investigating', t('2026-03-04T09:00:00Z'), 'Came back')
    .to('resolved', t('2026-03-04T10:00:00Z'));
  const C = b('3')
    .create(t('2026-03-05T12:00:00Z'), 'P2', { title: 'Email delays', services: ['Email'], category: 'Messaging', tags: ['location:Building B'] })
    .to('acknowledged', t('2026-03-05T12:05:00Z'))
    .priority('P1', t('2026-03-05T12:30:00Z'))
    .to('investigating', t('2026-03-05T12:40:00Z'));
  const D = b('4')
    .create(t('2026-03-09T08:30:00Z'), 'P4', { title: 'EXERCISE flood tabletop', category: 'Exercise', exercise: true })
    .to('investigating', t('2026-03-09T09:00:00Z'))
    .to('resolved', t('2026-03-09T10:00:00Z'));
  const E = b('5').create(t('2026-03-10T14:00:00Z'), 'P3', { title: 'Duplicate report', services: ['Payments'] }).to('cancelled', t('2026-03-10T15:00:00Z'));
  const F = b('6')
    .create(t('2026-03-11T10:00:00Z'), 'P2', { title: 'Payment Gateway timeouts!', services: ['Payments'], category: 'Applications' })
    .record(
      {
        type: 'escalation.raised',
        data: { key: '', level: 1, round: 0, automatic: false, reason: 'Customers complaining', policyId: 'major', policyVersion: 1, name: 'Duty manager', kind: 'hierarchical', notify: [], dueAt: null },
      },
      t('2026-03-11T10:20:00Z'),
    )
    .to('acknowledged', t('2026-03-11T10:30:00Z'))
    .to('investigating', t('2026-03-11T10:40:00Z'))
    .to('resolved', t('2026-03-11T13:00:00Z'));
  const G = b('7')
    .create(t('2026-02-27T10:00:00Z'), 'P5', { title: 'Slow intranet search' })
    .to('investigating', t('2026-02-27T11:00:00Z'))
    .to('resolved', t('2026-03-02T10:00:00Z'));
  const H = b('8').create(t('2026-03-15T20:00:00Z'), 'P3', { title: 'Printer offline' });
  return Object.fromEntries(Object.entries({ A, B, C, D, E, F, G, H }).map(([k, v]) => [k, v.state()]));
}

export function fixtureQuery(extra: Partial<TrendsQueryInput> = {}) {
  return TrendsQuerySchema.parse({ from: '2026-03-02T00:00:00Z', to: '2026-03-16T00:00:00Z', granularity: 'week', timeZone: 'UTC', ...extra });
}
