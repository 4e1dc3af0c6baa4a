import { describe, expect, it } from 'vitest';
import { allowedTransitions, DEFAULT_LIFECYCLE, type TransitionRule } from '../../shared/domain/lifecycle';
import { EMPTY_TRANSITION, isOneClick, planTransition, transitionFields } from '../../renderer/src/features/console/transition-plan';

const rule = (from: string, to: string): TransitionRule => {
  const r = DEFAULT_LIFECYCLE.transitions.find((t) => (t.from === from || t.from === '*active') && t.to === to);
  if (!r) throw new Error(`no rule ${from}→${to}`);
  return r;
};
const p1 = { id: 'INC-2026-AAAA-1', priority: 'P1' as const, review: null };
const p4 = { id: 'INC-2026-AAAA-1', priority: 'P4' as const, review: null };

describe('lifecycle forms', () => {
  it('acknowledge goes with one click; close, cancel and rules with requirements open a form', () => {
    expect(isOneClick(rule('new', 'acknowledged'), p1, DEFAULT_LIFECYCLE)).toBe(true);
    expect(isOneClick(rule('investigating', 'resolved'), p1, DEFAULT_LIFECYCLE)).toBe(false);
    expect(isOneClick(rule('resolved', 'closed'), p4, DEFAULT_LIFECYCLE)).toBe(false);
    expect(isOneClick(rule('new', 'cancelled'), p4, DEFAULT_LIFECYCLE)).toBe(false);
  });

  it('resolve needs a summary and a known code', () => {
    const r = rule('investigating', 'resolved');
    expect(planTransition(r, EMPTY_TRANSITION, p1, DEFAULT_LIFECYCLE).errors).toEqual({
      'resolution.summary': 'A resolution summary is required',
      'resolution.code': 'Choose a resolution code',
    });
    expect(planTransition(r, { ...EMPTY_TRANSITION, summary: 'x', code: 'Made up' }, p1, DEFAULT_LIFECYCLE).errors).toEqual({
      'resolution.code': 'Unknown resolution code',
    });
    const ok = planTransition(r, { ...EMPTY_TRANSITION, summary: 'Replaced PSU', code: 'Fixed' }, p1, DEFAULT_LIFECYCLE);
    expect(ok.commands).toEqual([{ type: 'transition', to: 'resolved', resolution: { summary: 'Replaced PSU', code: 'Fixed' } }]);
  });

  it('closing a P1/P2 records the review first; waiving needs a reason', () => {
    const r = rule('resolved', 'closed');
    expect(transitionFields(r, p1, DEFAULT_LIFECYCLE).review).toBe(true);
    expect(transitionFields(r, p4, DEFAULT_LIFECYCLE).review).toBe(false);
    expect(transitionFields(r, { ...p1, review: { outcome: 'done', reason: '' } }, DEFAULT_LIFECYCLE).review).toBe(false);
    expect(planTransition(r, EMPTY_TRANSITION, p1, DEFAULT_LIFECYCLE).errors.review).toBeDefined();
    expect(planTransition(r, { ...EMPTY_TRANSITION, review: 'waived' }, p1, DEFAULT_LIFECYCLE).errors.reviewReason).toBe('Waiving the review needs a reason');
    expect(planTransition(r, { ...EMPTY_TRANSITION, review: 'waived', reviewReason: 'Drill' }, p1, DEFAULT_LIFECYCLE).commands).toEqual([
      { type: 'recordReview', outcome: 'waived', reason: 'Drill' },
      { type: 'transition', to: 'closed' },
    ]);
    expect(planTransition(r, EMPTY_TRANSITION, p4, DEFAULT_LIFECYCLE).commands).toEqual([{ type: 'transition', to: 'closed' }]);
  });

  it('cancel needs a reason and may link the incident it duplicates', () => {
    const r = rule('new', 'cancelled');
    expect(planTransition(r, EMPTY_TRANSITION, p4, DEFAULT_LIFECYCLE).errors.reason).toBe('Cancel needs a reason');
    expect(planTransition(r, { ...EMPTY_TRANSITION, reason: 'dup', link: 'nope' }, p4, DEFAULT_LIFECYCLE).errors.link).toMatch(/Not an incident id/);
    expect(planTransition(r, { ...EMPTY_TRANSITION, reason: 'dup', link: p4.id }, p4, DEFAULT_LIFECYCLE).errors.link).toMatch(/itself/);
    expect(planTransition(r, { ...EMPTY_TRANSITION, reason: 'dup', link: 'INC-2026-AAAA-2' }, p4, DEFAULT_LIFECYCLE).commands).toEqual([
      { type: 'transition', to: 'cancelled', reason: 'dup', link: 'INC-2026-AAAA-2' },
    ]);
  });

  it('only offers legal transitions (resume from hold goes back where it was)', () => {
    const labels = allowedTransitions(DEFAULT_LIFECYCLE, 'on_hold', 'investigating').map((t) => `${t.label}:${t.to}`);
    expect(labels).toEqual(['Resume:investigating', 'Cancel:cancelled']);
  });
});

describe('submit labels', () => {
  it('differ from the lifecycle button that opened the form', async () => {
    const { submitLabel } = await import('../../renderer/src/features/console/transition-plan');
    expect(DEFAULT_LIFECYCLE.transitions.map((r) => submitLabel(r)).filter((l) => DEFAULT_LIFECYCLE.transitions.some((r) => r.label === l))).toEqual([]);
    expect(submitLabel(rule('investigating', 'resolved'))).toBe('Resolve incident');
  });
});
