import { z } from 'zod';

export const StatusSchema = z.enum([
  'new',
  'acknowledged',
  'investigating',
  'mitigated',
  'monitoring',
  'resolved',
  'closed',
  'on_hold',
  'cancelled',
]);
export type Status = z.infer<typeof StatusSchema>;

export const STATUS_LABELS: Record<Status, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  investigating: 'Investigating',
  mitigated: 'Mitigated',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  closed: 'Closed',
  on_hold: 'On hold',
  cancelled: 'Cancelled',
};

/** Statuses in which an incident still needs attention (shown on boards and the console list). */
export const ACTIVE_STATUSES: readonly Status[] = ['new', 'acknowledged', 'investigating', 'mitigated', 'monitoring', 'on_hold'];

export function isActive(status: Status): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** What a transition demands besides being legal; organisation data. */
export const TransitionRequirementSchema = z.enum([
  'reason', // free-text reason
  'resolution', // resolution summary + code
  'review', // post-incident review done or waived with a reason (see reviewPriorities)
  'link', // link to another incident (duplicates)
]);
export type TransitionRequirement = z.infer<typeof TransitionRequirementSchema>;

export const TransitionRuleSchema = z.object({
  from: z.union([StatusSchema, z.literal('*active')]),
  to: StatusSchema,
  requires: z.array(TransitionRequirementSchema).default([]),
  label: z.string().min(1),
});
export type TransitionRule = z.infer<typeof TransitionRuleSchema>;

export const LifecycleRulesSchema = z.object({
  transitions: z.array(TransitionRuleSchema),
  /** Priorities whose Close needs the post-incident review done or waived. */
  reviewPriorities: z.array(z.enum(['P1', 'P2', 'P3', 'P4', 'P5'])),
  resolutionCodes: z.array(z.string().min(1)).min(1),
});
export type LifecycleRules = z.infer<typeof LifecycleRulesSchema>;

const forward: Array<[Status, Status, string]> = [
  ['new', 'acknowledged', 'Acknowledge'],
  ['acknowledged', 'investigating', 'Start investigating'],
  ['new', 'investigating', 'Start investigating'],
  ['investigating', 'mitigated', 'Mark mitigated'],
  ['mitigated', 'monitoring', 'Start monitoring'],
  ['mitigated', 'investigating', 'Back to investigating'],
  ['monitoring', 'investigating', 'Back to investigating'],
];

/** The default lifecycle: New → Acknowledged → Investigating → Mitigated → Monitoring → Resolved → Closed. */
export const DEFAULT_LIFECYCLE: LifecycleRules = {
  transitions: [
    ...forward.map(([from, to, label]) => ({ from, to, requires: [], label })),
    { from: 'investigating', to: 'resolved', requires: ['resolution'], label: 'Resolve' },
    { from: 'mitigated', to: 'resolved', requires: ['resolution'], label: 'Resolve' },
    { from: 'monitoring', to: 'resolved', requires: ['resolution'], label: 'Resolve' },
    { from: 'resolved', to: 'closed', requires: ['review'], label: 'Close' },
    { from: 'resolved', to: 'investigating', requires: ['reason'], label: 'Reopen' },
    { from: '*active', to: 'on_hold', requires: ['reason'], label: 'Put on hold' },
    { from: '*active', to: 'cancelled', requires: ['reason'], label: 'Cancel' },
  ],
  reviewPriorities: ['P1', 'P2'],
  resolutionCodes: ['Fixed', 'Workaround', 'Configuration change', 'Rolled back', 'Vendor fix', 'No fault found', 'Resolved by caller'],
};

/**
 * Legal next statuses from `status`. On hold resumes only to the status it was put on hold from;
 * `*active` rules apply to every active status except on hold itself.
 */
export function allowedTransitions(rules: LifecycleRules, status: Status, heldFrom: Status | null): TransitionRule[] {
  if (status === 'on_hold') {
    const resume: TransitionRule[] = heldFrom ? [{ from: 'on_hold', to: heldFrom, requires: [], label: 'Resume' }] : [];
    const cancel = rules.transitions.filter((t) => t.from === '*active' && t.to === 'cancelled');
    return [...resume, ...cancel];
  }
  return rules.transitions.filter(
    (t) => t.from === status || (t.from === '*active' && isActive(status) && t.to !== status),
  );
}
