import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATUSES,
  allowedTransitions,
  DEFAULT_LIFECYCLE,
  isActive,
  LifecycleRulesSchema,
  STATUS_LABELS,
  StatusSchema,
  type LifecycleRules,
  type Status,
} from '../../shared/domain/lifecycle';
import type { Priority } from '../../shared/domain/priority';
import type { IncidentCommandInput } from '../../shared/domain/commands';
import { expectRule, incidentAt, PATH_TO, RESOLUTION, transition, Writer } from './helpers';

const STATUSES: readonly Status[] = StatusSchema.options;
type Need = 'reason' | 'resolution' | 'review';

/**
 * The default lifecycle written out independently of lifecycle.ts: from → (legal to → what it needs).
 * On hold is entered from Investigating here, so it may only resume to Investigating.
 */
const LEGAL: Record<Status, Partial<Record<Status, Need[]>>> = {
  new: { acknowledged: [], investigating: [], on_hold: ['reason'], cancelled: ['reason'] },
  acknowledged: { investigating: [], on_hold: ['reason'], cancelled: ['reason'] },
  investigating: { mitigated: [], resolved: ['resolution'], on_hold: ['reason'], cancelled: ['reason'] },
  mitigated: { monitoring: [], investigating: [], resolved: ['resolution'], on_hold: ['reason'], cancelled: ['reason'] },
  monitoring: { investigating: [], resolved: ['resolution'], on_hold: ['reason'], cancelled: ['reason'] },
  resolved: { closed: ['review'], investigating: ['reason'] },
  closed: {},
  on_hold: { investigating: [], cancelled: ['reason'] },
  cancelled: {},
};

const NEED_RULE: Record<Need, string> = {
  reason: 'lifecycle.reasonRequired',
  resolution: 'lifecycle.resolutionRequired',
  review: 'lifecycle.reviewRequired',
};

/** P2, so that Close needs the post-incident review. */
const P2 = { impact: 1, urgency: 2 } as const;

/** The transition command with exactly the listed requirements supplied. */
function supplied(w: Writer, id: string, to: Status, needs: readonly Need[]): IncidentCommandInput {
  if (needs.includes('review')) w.advance().run(id, { type: 'recordReview', outcome: 'done' });
  return transition(to, {
    ...(needs.includes('reason') ? { reason: 'Coordinator decision' } : {}),
    ...(needs.includes('resolution') ? { resolution: RESOLUTION } : {}),
  });
}

/** Labels named after "allowed:" in an illegal-transition message. */
function allowedNamed(message: string): string[] {
  const list = message.split('allowed: ')[1] ?? '';
  return list === 'none' ? [] : list.split(', ').sort();
}

const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => ({ from, to, needs: LEGAL[from][to] })));

describe('lifecycle: every (from, to) pair of the default lifecycle', () => {
  it('covers all 81 pairs, 24 of them legal', () => {
    expect(pairs).toHaveLength(81);
    expect(pairs.filter((p) => p.needs)).toHaveLength(24);
  });

  it.each(pairs.filter((p) => p.needs))('$from → $to is legal (needs: $needs)', ({ from, to, needs }) => {
    const { w, id } = incidentAt(from, P2);
    const command = supplied(w, id, to, needs!);
    const events = w.advance().run(id, command);
    expect(events[0]).toMatchObject({ stream: id, type: 'incident.statusChanged', data: { from, to } });
    const s = w.get(id);
    expect(s.status).toBe(to);
    expect(s.heldFrom).toBe(to === 'on_hold' ? from : null);
  });

  it.each(pairs.filter((p) => p.needs && p.needs.length > 0))('$from → $to is refused without each of: $needs', ({ from, to, needs }) => {
    for (const missing of needs!) {
      const { w, id } = incidentAt(from, P2);
      const command = supplied(
        w,
        id,
        to,
        needs!.filter((n) => n !== missing),
      );
      expectRule(() => w.run(id, command), NEED_RULE[missing]);
      expect(w.get(id).status).toBe(from);
    }
  });

  it.each(pairs.filter((p) => !p.needs))('$from → $to is illegal and the message names what is allowed', ({ from, to }) => {
    const { w, id } = incidentAt(from, P2);
    // Supply everything any transition could ask for: legality must not depend on it. (A closed or
    // cancelled incident refuses the review itself: final states take only entries and relations.)
    if (from !== 'closed' && from !== 'cancelled') w.advance().run(id, { type: 'recordReview', outcome: 'done' });
    const err = expectRule(() => w.run(id, transition(to, { reason: 'Because', resolution: RESOLUTION })), 'lifecycle.illegalTransition');
    expect(err.field).toBe('to');
    expect(err.message).toContain(`from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}`);
    const expected = Object.keys(LEGAL[from]).map((s) => STATUS_LABELS[s as Status]);
    expect(allowedNamed(err.message)).toEqual(expected.sort());
    if (expected.length === 0) expect(err.message).toMatch(/allowed: none$/);
    expect(w.get(id).status).toBe(from);
  });

  it.each(STATUSES)('allowedTransitions from %s matches the table', (from) => {
    const heldFrom = from === 'on_hold' ? 'investigating' : null;
    const allowed = allowedTransitions(DEFAULT_LIFECYCLE, from, heldFrom).map((t) => t.to);
    expect([...allowed].sort()).toEqual(Object.keys(LEGAL[from]).sort());
  });
});

describe('lifecycle: Resolve', () => {
  const atInvestigating = () => incidentAt('investigating');

  it.each([
    ['no resolution', undefined, 'lifecycle.resolutionRequired', 'resolution.summary'],
    ['a blank summary', { summary: '   ', code: 'Fixed' }, 'lifecycle.resolutionRequired', 'resolution.summary'],
    ['no code', { summary: 'Restarted', code: '' }, 'lifecycle.resolutionRequired', 'resolution.code'],
    ['a code outside the list', { summary: 'Restarted', code: 'Magic' }, 'lifecycle.unknownResolutionCode', 'resolution.code'],
    ['a code in the wrong case', { summary: 'Restarted', code: 'fixed' }, 'lifecycle.unknownResolutionCode', 'resolution.code'],
  ] as const)('is refused with %s', (_what, resolution, rule, field) => {
    const { w, id } = atInvestigating();
    const err = expectRule(() => w.run(id, transition('resolved', resolution ? { resolution } : {})), rule);
    expect(err.field).toBe(field);
    expect(w.get(id).status).toBe('investigating');
  });

  it('names the organisation’s codes when the code is unknown', () => {
    const { w, id } = atInvestigating();
    const err = expectRule(() => w.run(id, transition('resolved', { resolution: { summary: 'x', code: 'Magic' } })), 'lifecycle.unknownResolutionCode');
    for (const code of DEFAULT_LIFECYCLE.resolutionCodes) expect(err.message).toContain(code);
  });

  it.each(DEFAULT_LIFECYCLE.resolutionCodes)('accepts the default code "%s" and records the resolution', (code) => {
    const { w, id } = atInvestigating();
    w.advance().run(id, transition('resolved', { resolution: { summary: '  Replaced the PSU  ', code } }));
    expect(w.get(id)).toMatchObject({ status: 'resolved', resolution: { summary: 'Replaced the PSU', code } });
  });

  it('uses the organisation’s own resolution codes', () => {
    const lifecycle: LifecycleRules = { ...DEFAULT_LIFECYCLE, resolutionCodes: ['Patched', 'Replaced hardware'] };
    const { w, id } = incidentAt('investigating', {}, { lifecycle });
    expectRule(() => w.run(id, transition('resolved', { resolution: { summary: 'x', code: 'Fixed' } })), 'lifecycle.unknownResolutionCode');
    w.run(id, transition('resolved', { resolution: { summary: 'Replaced the disk', code: 'Replaced hardware' } }));
    expect(w.get(id).resolution).toEqual({ summary: 'Replaced the disk', code: 'Replaced hardware' });
  });

  it('records a resolution only on a transition that asks for one', () => {
    const { w, id } = incidentAt('investigating');
    w.advance().run(id, transition('mitigated', { resolution: RESOLUTION }));
    expect(w.get(id).resolution).toBeNull();
  });
});

describe('lifecycle: Close and the post-incident review', () => {
  const LEVELS: Record<Priority, { impact: 1 | 2 | 3; urgency: 1 | 2 | 3 }> = {
    P1: { impact: 1, urgency: 1 },
    P2: { impact: 1, urgency: 2 },
    P3: { impact: 2, urgency: 2 },
    P4: { impact: 2, urgency: 3 },
    P5: { impact: 3, urgency: 3 },
  };
  type Review = 'none' | 'done' | 'waived with a reason';
  const cases: Array<{ priority: Priority; review: Review; ok: boolean }> = (['P1', 'P2', 'P3', 'P4', 'P5'] as const).flatMap((priority) =>
    (['none', 'done', 'waived with a reason'] as const).map((review) => ({ priority, review, ok: review !== 'none' || !['P1', 'P2'].includes(priority) })),
  );

  it.each(cases)('Close of a $priority with review $review: allowed=$ok', ({ priority, review, ok }) => {
    const { w, id } = incidentAt('resolved', LEVELS[priority]);
    expect(w.get(id).priority).toBe(priority);
    if (review === 'done') w.run(id, { type: 'recordReview', outcome: 'done' });
    if (review === 'waived with a reason') w.run(id, { type: 'recordReview', outcome: 'waived', reason: 'Known vendor fault, reviewed last week' });
    w.advance();
    if (ok) {
      w.run(id, transition('closed'));
      expect(w.get(id).status).toBe('closed');
    } else {
      const err = expectRule(() => w.run(id, transition('closed')), 'lifecycle.reviewRequired');
      expect(err.message).toContain(priority);
      expect(w.get(id).status).toBe('resolved');
    }
  });

  it.each(['', '   '])('refuses to waive the review without a reason (%j)', (reason) => {
    const { w, id } = incidentAt('resolved', LEVELS.P1);
    expectRule(() => w.run(id, { type: 'recordReview', outcome: 'waived', reason }), 'review.reasonRequired');
    expect(w.get(id).review).toBeNull();
    expectRule(() => w.run(id, transition('closed')), 'lifecycle.reviewRequired');
  });

  it('does not count a waiver without a reason that arrived as an event (older client, import)', () => {
    const { w, id } = incidentAt('resolved', LEVELS.P1);
    w.stamp({ stream: id, type: 'incident.reviewRecorded', data: { outcome: 'waived', reason: '' } });
    expect(w.get(id).review).toEqual({ outcome: 'waived', reason: '' });
    expectRule(() => w.run(id, transition('closed')), 'lifecycle.reviewRequired');
  });

  it('uses the effective priority, including a manual override', () => {
    const { w, id } = incidentAt('resolved', LEVELS.P3);
    w.run(id, { type: 'setPriority', impact: 2, urgency: 2, override: 'P1', reason: 'Board-level visibility' });
    expectRule(() => w.run(id, transition('closed')), 'lifecycle.reviewRequired');
  });

  it('follows the organisation’s reviewPriorities', () => {
    const lifecycle: LifecycleRules = { ...DEFAULT_LIFECYCLE, reviewPriorities: ['P3'] };
    const p3 = incidentAt('resolved', LEVELS.P3, { lifecycle });
    expectRule(() => p3.w.run(p3.id, transition('closed')), 'lifecycle.reviewRequired');
    const p1 = incidentAt('resolved', LEVELS.P1, { lifecycle });
    p1.w.run(p1.id, transition('closed'));
    expect(p1.w.get(p1.id).status).toBe('closed');
  });
});

describe('lifecycle: On hold', () => {
  const holdable = ACTIVE_STATUSES.filter((s) => s !== 'on_hold');

  it.each(['', '  '])('needs a reason (%j)', (reason) => {
    const { w, id } = incidentAt('investigating');
    const err = expectRule(() => w.run(id, transition('on_hold', { reason })), 'lifecycle.reasonRequired');
    expect(err.field).toBe('reason');
  });

  it.each(holdable)('held from %s resumes only to %s (or is cancelled)', (from) => {
    const { w, id } = incidentAt(from);
    w.advance().run(id, transition('on_hold', { reason: 'Waiting for the carrier' }));
    expect(w.get(id)).toMatchObject({ status: 'on_hold', heldFrom: from });
    expect(allowedTransitions(DEFAULT_LIFECYCLE, 'on_hold', from).map((t) => t.to)).toEqual([from, 'cancelled']);

    for (const to of STATUSES.filter((s) => s !== from && s !== 'cancelled')) {
      const err = expectRule(() => w.run(id, transition(to, { reason: 'x', resolution: RESOLUTION })), 'lifecycle.illegalTransition');
      expect(allowedNamed(err.message)).toEqual([STATUS_LABELS[from], STATUS_LABELS.cancelled].sort());
    }

    w.advance().run(id, transition(from)); // resuming needs no reason
    expect(w.get(id)).toMatchObject({ status: from, heldFrom: null });
  });

  it('cannot be put on hold again while on hold, nor once resolved, closed or cancelled', () => {
    for (const from of ['on_hold', 'resolved', 'closed', 'cancelled'] as const) {
      const { w, id } = incidentAt(from);
      expectRule(() => w.run(id, transition('on_hold', { reason: 'x' })), 'lifecycle.illegalTransition');
    }
  });

  it('an on-hold incident without a known prior state can only be cancelled', () => {
    expect(allowedTransitions(DEFAULT_LIFECYCLE, 'on_hold', null).map((t) => t.to)).toEqual(['cancelled']);
  });

  it('cancelling while on hold clears heldFrom', () => {
    const { w, id } = incidentAt('on_hold');
    w.advance().run(id, transition('cancelled', { reason: 'Customer withdrew' }));
    expect(w.get(id)).toMatchObject({ status: 'cancelled', heldFrom: null });
  });
});

describe('lifecycle: Cancel as a duplicate', () => {
  function twoIncidents() {
    const w = new Writer('writer-a');
    const original = w.create({ title: 'Email down for finance' });
    const dup = w.advance().create({ title: 'Outlook not connecting' });
    return { w, original, dup };
  }

  it('records the relation on both incidents', () => {
    const { w, original, dup } = twoIncidents();
    const events = w.advance().run(dup, transition('cancelled', { reason: 'Same outage', link: original }));
    expect(events.map((e) => [e.stream, e.type])).toEqual([
      [dup, 'incident.statusChanged'],
      [original, 'relation.added'],
    ]);
    expect(w.get(dup)).toMatchObject({ status: 'cancelled', relations: [{ kind: 'duplicate_of', target: original, note: 'Same outage' }] });
    expect(w.get(original)).toMatchObject({ status: 'new', relations: [{ kind: 'duplicated_by', target: dup, note: 'Same outage' }] });
  });

  it('without a link records no relation', () => {
    const { w, original, dup } = twoIncidents();
    expect(w.run(dup, transition('cancelled', { reason: 'Raised in error' }))).toHaveLength(1);
    expect(w.get(dup).relations).toEqual([]);
    expect(w.get(original).relations).toEqual([]);
  });

  it('refuses a link to an unknown incident', () => {
    const { w, dup } = twoIncidents();
    const err = expectRule(() => w.run(dup, transition('cancelled', { reason: 'dup', link: 'INC-2026-ZZZZ-99' })), 'relation.unknownTarget');
    expect(err.field).toBe('link');
  });

  it('refuses to mark an incident a duplicate of itself', () => {
    const { w, dup } = twoIncidents();
    const err = expectRule(() => w.run(dup, transition('cancelled', { reason: 'dup', link: dup })), 'relation.self');
    expect(err.field).toBe('link');
    expect(w.get(dup).status).toBe('new');
  });

  it('does not add the relation twice when it already exists', () => {
    const { w, original, dup } = twoIncidents();
    w.run(dup, { type: 'addRelation', kind: 'duplicate_of', target: original });
    w.advance().run(dup, transition('cancelled', { reason: 'dup', link: original }));
    expect(w.get(dup).relations).toEqual([{ kind: 'duplicate_of', target: original, note: '' }]);
    expect(w.get(original).relations).toEqual([{ kind: 'duplicated_by', target: dup, note: '' }]);
  });
});

describe('lifecycle: Reopen', () => {
  it('needs a reason', () => {
    const { w, id } = incidentAt('resolved');
    expectRule(() => w.run(id, transition('investigating')), 'lifecycle.reasonRequired');
    expect(w.get(id).status).toBe('resolved');
  });

  it('goes back to Investigating and clears the resolution; a new Resolve records the new one', () => {
    const { w, id } = incidentAt('resolved');
    expect(w.get(id).resolution).toEqual(RESOLUTION);
    w.advance().run(id, transition('investigating', { reason: 'Timeouts are back' }));
    expect(w.get(id)).toMatchObject({ status: 'investigating', resolution: null });
    w.advance().run(id, transition('resolved', { resolution: { summary: 'Replaced the load balancer', code: 'Vendor fix' } }));
    expect(w.get(id).resolution).toEqual({ summary: 'Replaced the load balancer', code: 'Vendor fix' });
  });

  it('clears the resolution even when the client sends the old one along', () => {
    const { w, id } = incidentAt('resolved');
    w.advance().run(id, transition('investigating', { reason: 'Timeouts are back', resolution: RESOLUTION }));
    expect(w.get(id).resolution).toBeNull();
  });

  it('is impossible once closed', () => {
    const { w, id } = incidentAt('closed');
    expectRule(() => w.run(id, transition('investigating', { reason: 'x' })), 'lifecycle.illegalTransition');
  });
});

describe('lifecycle: the rules are organisation data', () => {
  it('the default rules are valid LifecycleRules', () => {
    expect(LifecycleRulesSchema.parse(DEFAULT_LIFECYCLE)).toEqual(DEFAULT_LIFECYCLE);
  });

  it('a custom rule New → Resolved makes it legal (with its requirements)', () => {
    const lifecycle = LifecycleRulesSchema.parse({
      ...DEFAULT_LIFECYCLE,
      transitions: [...DEFAULT_LIFECYCLE.transitions, { from: 'new', to: 'resolved', requires: ['resolution'], label: 'Resolve at first contact' }],
    });
    const def = incidentAt('new');
    expectRule(() => def.w.run(def.id, transition('resolved', { resolution: RESOLUTION })), 'lifecycle.illegalTransition');

    const custom = incidentAt('new', {}, { lifecycle });
    expectRule(() => custom.w.run(custom.id, transition('resolved')), 'lifecycle.resolutionRequired');
    custom.w.run(custom.id, transition('resolved', { resolution: { summary: 'Password reset', code: 'Resolved by caller' } }));
    expect(custom.w.get(custom.id)).toMatchObject({ status: 'resolved', resolution: { code: 'Resolved by caller' } });
  });

  it('removing a rule makes it illegal and the message stops offering it', () => {
    const lifecycle: LifecycleRules = {
      ...DEFAULT_LIFECYCLE,
      transitions: DEFAULT_LIFECYCLE.transitions.filter((t) => !(t.from === 'new' && t.to === 'acknowledged')),
    };
    const { w, id } = incidentAt('new', {}, { lifecycle });
    const err = expectRule(() => w.run(id, transition('acknowledged')), 'lifecycle.illegalTransition');
    expect(allowedNamed(err.message)).toEqual(['Cancelled', 'Investigating', 'On hold']);
  });

  it('a rule may require a link (e.g. cancelling only as a duplicate)', () => {
    const lifecycle: LifecycleRules = {
      ...DEFAULT_LIFECYCLE,
      transitions: DEFAULT_LIFECYCLE.transitions.map((t) => (t.to === 'cancelled' ? { ...t, requires: ['reason', 'link'] } : t)),
    };
    const w = new Writer('writer-a', { lifecycle });
    const original = w.create();
    const dup = w.create();
    const err = expectRule(() => w.run(dup, transition('cancelled', { reason: 'dup' })), 'lifecycle.linkRequired');
    expect(err.field).toBe('link');
    w.run(dup, transition('cancelled', { reason: 'dup', link: original }));
    expect(w.get(original).relations).toEqual([{ kind: 'duplicated_by', target: dup, note: 'dup' }]);
  });

  it('*active rules apply to every active status except on hold, never as a self-transition', () => {
    const lifecycle: LifecycleRules = {
      ...DEFAULT_LIFECYCLE,
      transitions: [{ from: '*active', to: 'investigating', requires: [], label: 'Escalate' }],
    };
    for (const s of STATUSES) {
      const to = allowedTransitions(lifecycle, s, s === 'on_hold' ? 'new' : null).map((t) => t.to);
      if (s === 'on_hold') expect(to).toEqual(['new']);
      else if (isActive(s) && s !== 'investigating') expect(to).toEqual(['investigating']);
      else expect(to).toEqual([]);
    }
  });

  it('active statuses are the ones still needing attention', () => {
    expect(STATUSES.filter(isActive)).toEqual(['new', 'acknowledged', 'investigating', 'mitigated', 'monitoring', 'on_hold']);
  });

  it('the test helper paths reach every status', () => {
    expect(Object.keys(PATH_TO).sort()).toEqual([...STATUSES].sort());
    for (const status of STATUSES) {
      const { w, id } = incidentAt(status);
      expect(w.get(id).status).toBe(status);
    }
  });
});
