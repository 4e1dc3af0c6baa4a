import { IncidentCommandSchema, type IncidentCommandInput } from '../../../../shared/domain/commands';
import type { IncidentState } from '../../../../shared/domain/incident';
import type { LifecycleRules, TransitionRule } from '../../../../shared/domain/lifecycle';
import { IncidentIdSchema } from '../../../../shared/domain/vocabulary';
import { fieldErrorsOf, type FieldErrors } from './form-errors';

export interface TransitionValues {
  reason: string;
  summary: string;
  code: string;
  /** Post-incident review outcome to record before closing; '' = not chosen. */
  review: '' | 'done' | 'waived';
  reviewReason: string;
  /** Incident this one duplicates (cancel as duplicate). */
  link: string;
}

export const EMPTY_TRANSITION: TransitionValues = { reason: '', summary: '', code: '', review: '', reviewReason: '', link: '' };

/** Closing this priority needs the post-incident review, and none is recorded yet. */
export function needsReview(rule: TransitionRule, state: Pick<IncidentState, 'priority' | 'review'>, lifecycle: LifecycleRules): boolean {
  return rule.requires.includes('review') && lifecycle.reviewPriorities.includes(state.priority) && !state.review;
}

/** Whether a transition can go with one click (nothing to fill in, and it can be undone). */
export function isOneClick(rule: TransitionRule, state: Pick<IncidentState, 'priority' | 'review'>, lifecycle: LifecycleRules): boolean {
  return rule.to !== 'closed' && rule.to !== 'cancelled' && rule.requires.length === 0 && !needsReview(rule, state, lifecycle);
}

/** Which optional fields a transition's form shows. */
export function transitionFields(rule: TransitionRule, state: Pick<IncidentState, 'priority' | 'review'>, lifecycle: LifecycleRules) {
  return {
    reason: rule.requires.includes('reason'),
    resolution: rule.requires.includes('resolution'),
    review: needsReview(rule, state, lifecycle),
    link: rule.requires.includes('link') || rule.to === 'cancelled',
    linkRequired: rule.requires.includes('link'),
  };
}

/**
 * The commands a transition form sends (a review record first when closing needs one) and the
 * field errors that stop it, checked with the same schemas and requirements as the backend.
 */
export function planTransition(
  rule: TransitionRule,
  v: TransitionValues,
  state: Pick<IncidentState, 'id' | 'priority' | 'review'>,
  lifecycle: LifecycleRules,
): { commands: IncidentCommandInput[]; errors: FieldErrors } {
  const f = transitionFields(rule, state, lifecycle);
  const errors: FieldErrors = {};
  const commands: IncidentCommandInput[] = [];

  if (f.review) {
    if (!v.review) errors.review = 'Mark the review done, or waive it with a reason';
    else if (v.review === 'waived' && !v.reviewReason.trim()) errors.reviewReason = 'Waiving the review needs a reason';
    else commands.push({ type: 'recordReview', outcome: v.review, reason: v.reviewReason.trim() });
  }

  const transition: Extract<IncidentCommandInput, { type: 'transition' }> = { type: 'transition', to: rule.to };
  if (f.reason) transition.reason = v.reason;
  if (f.resolution) transition.resolution = { summary: v.summary, code: v.code };
  const link = v.link.trim();
  if (f.link && link) transition.link = link;

  const parsed = IncidentCommandSchema.safeParse(transition);
  Object.assign(errors, fieldErrorsOf(parsed.error));
  if (f.reason && !v.reason.trim()) errors.reason ??= `${rule.label} needs a reason`;
  if (f.resolution) {
    if (!v.summary.trim()) errors['resolution.summary'] ??= 'A resolution summary is required';
    if (!v.code.trim()) errors['resolution.code'] ??= 'Choose a resolution code';
    else if (!lifecycle.resolutionCodes.includes(v.code)) errors['resolution.code'] ??= 'Unknown resolution code';
  }
  if (f.linkRequired && !link) errors.link ??= 'Name the incident this duplicates';
  if (link) {
    if (!IncidentIdSchema.safeParse(link).success) errors.link ??= 'Not an incident id (like INC-2026-K7Q2-14)';
    else if (link === state.id) errors.link ??= 'An incident cannot duplicate itself';
  }
  commands.push(transition);
  return { commands: Object.keys(errors).length ? [] : commands, errors };
}

/** Submit button of a transition form: distinct from the lifecycle button that opened it ("Resolve…"). */
export function submitLabel(rule: TransitionRule): string {
  switch (rule.to) {
    case 'resolved':
      return 'Resolve incident';
    case 'closed':
      return 'Close incident';
    case 'cancelled':
      return 'Cancel incident';
    case 'on_hold':
      return 'Hold incident';
    default:
      return rule.label === 'Reopen' ? 'Reopen incident' : `${rule.label} now`;
  }
}
