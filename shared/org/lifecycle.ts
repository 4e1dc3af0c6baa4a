/**
 * The incident lifecycle rules as published organisation data (a document like the priority
 * matrix, shared/org/documents.ts): which transitions exist and what each requires, which
 * priorities need a post-incident review to close, and the resolution codes. Commands are decided
 * against the version in force; events record what happened, so a refold never consults the rules.
 */
import { z } from 'zod';
import { allowedTransitions, LifecycleRulesSchema, STATUS_LABELS, TransitionRuleSchema, type LifecycleRules, type Status, type TransitionRule } from '../domain/lifecycle';
import { mergeEntries } from './merge';

/** "Investigating → Resolved", "Any active status → On hold": a transition named by where it leads. */
export function transitionName(t: Pick<TransitionRule, 'from' | 'to'>): string {
  return `${t.from === '*active' ? 'Any active status' : STATUS_LABELS[t.from]} → ${STATUS_LABELS[t.to]}`;
}

/** Statuses an incident can reach from `start` (resuming from on hold only returns where it was, so adds nothing). */
function reachableFrom(rules: LifecycleRules, start: Status): Set<Status> {
  const seen = new Set<Status>([start]);
  const queue: Status[] = [start];
  for (let s = queue.shift(); s; s = queue.shift())
    for (const t of allowedTransitions(rules, s, null))
      if (!seen.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
  return seen;
}

type Ctx = z.core.$RefinementCtx<LifecycleRules>;

function checkTransitions(rules: LifecycleRules, ctx: Ctx): void {
  const seen = new Set<string>();
  rules.transitions.forEach((t, i) => {
    const name = transitionName(t);
    if (!t.label.trim()) ctx.addIssue({ code: 'custom', path: ['transitions', i, 'label'], message: `${name} needs a label (the button coordinators click)` });
    if (t.from === t.to) ctx.addIssue({ code: 'custom', path: ['transitions', i, 'to'], message: `${name} leads back to the same status` });
    // allowedTransitions never reads them: on hold resumes to the status it was put on hold from.
    if (t.from === 'on_hold') ctx.addIssue({ code: 'custom', path: ['transitions', i, 'from'], message: `${name}: on hold only resumes where it was put on hold` });
    if (t.to === 'resolved' && !t.requires.includes('resolution')) ctx.addIssue({ code: 'custom', path: ['transitions', i, 'requires'], message: `${name} must require a resolution (summary and code)` });
    const key = `${t.from}→${t.to}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['transitions', i], message: `${name} is listed twice` });
    seen.add(key);
  });
  const reachable = reachableFrom(rules, 'new');
  for (const goal of ['resolved', 'closed'] as const)
    if (!reachable.has(goal)) ctx.addIssue({ code: 'custom', path: ['transitions'], message: `No way from New to ${STATUS_LABELS[goal]}: keep a chain of transitions that leads there` });
}

function checkResolutionCodes(codes: readonly string[], ctx: Ctx): void {
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    const key = code.trim().toLowerCase();
    if (!key) ctx.addIssue({ code: 'custom', path: ['resolutionCodes', i], message: 'A resolution code cannot be blank' });
    else if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['resolutionCodes', i], message: `"${code.trim()}" is listed twice` });
    seen.add(key);
  });
}

/**
 * What may be published: rules coordinators can work with — every transition labelled and listed
 * once, Resolved and Closed reachable from New, resolving asks for a code, and at least one code.
 */
export const PublishedLifecycleSchema = LifecycleRulesSchema.extend({
  // Blank labels and codes are refused below, in words that name the transition.
  transitions: z.array(TransitionRuleSchema.extend({ label: z.string() })),
  resolutionCodes: z.array(z.string()).min(1, 'Keep at least one resolution code'),
}).superRefine((rules, ctx) => {
  checkTransitions(rules, ctx);
  checkResolutionCodes(rules.resolutionCodes, ctx);
});

const transitionKey = (t: TransitionRule) => `${t.from}→${t.to}`;

/**
 * Transitions entry by entry (keyed by from → to), review priorities and resolution codes as sets:
 * what `theirs` changed since `base` applies onto `current`. Two edits that are each fine can
 * together leave the rules unusable (each removed a different last path to Resolved): then the
 * later publish stands as it was published.
 */
export function mergeLifecycle(base: LifecycleRules, theirs: LifecycleRules, current: LifecycleRules): LifecycleRules {
  const merged: LifecycleRules = {
    transitions: mergeEntries(base.transitions, theirs.transitions, current.transitions, transitionKey),
    reviewPriorities: mergeEntries(base.reviewPriorities, theirs.reviewPriorities, current.reviewPriorities, String),
    resolutionCodes: mergeEntries(base.resolutionCodes, theirs.resolutionCodes, current.resolutionCodes, String),
  };
  return PublishedLifecycleSchema.safeParse(merged).success ? merged : theirs;
}
