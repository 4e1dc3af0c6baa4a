/** Edits of a lifecycle rules draft, each giving a new document. */
import { TransitionRequirementSchema, type LifecycleRules, type TransitionRequirement } from '../../../../shared/domain/lifecycle';
import { PRIORITIES, type Priority } from '../../../../shared/domain/priority';

export const REQUIREMENTS = TransitionRequirementSchema.options;

/** Kept in a fixed order, so a box ticked and unticked again compares equal (a crossed publish merges what changed). */
const inOrder = <T>(order: readonly T[], set: ReadonlySet<T>) => order.filter((x) => set.has(x));

function toggled<T>(order: readonly T[], list: readonly T[], item: T, on: boolean): T[] {
  const set = new Set(list);
  if (on) set.add(item);
  else set.delete(item);
  return inOrder(order, set);
}

export function withRequirement(rules: LifecycleRules, index: number, need: TransitionRequirement, on: boolean): LifecycleRules {
  return { ...rules, transitions: rules.transitions.map((t, i) => (i === index ? { ...t, requires: toggled(REQUIREMENTS, t.requires, need, on) } : t)) };
}

export function withLabel(rules: LifecycleRules, index: number, label: string): LifecycleRules {
  return { ...rules, transitions: rules.transitions.map((t, i) => (i === index ? { ...t, label } : t)) };
}

export function withReviewPriority(rules: LifecycleRules, priority: Priority, on: boolean): LifecycleRules {
  return { ...rules, reviewPriorities: toggled(PRIORITIES, rules.reviewPriorities, priority, on) };
}

export function withCode(rules: LifecycleRules, code: string): LifecycleRules {
  return { ...rules, resolutionCodes: [...rules.resolutionCodes, code.trim()] };
}

export function withoutCode(rules: LifecycleRules, index: number): LifecycleRules {
  return { ...rules, resolutionCodes: rules.resolutionCodes.filter((_, i) => i !== index) };
}

/** Why `typed` cannot be added as a resolution code, if it cannot. */
export function newCodeError(rules: LifecycleRules, typed: string): string | undefined {
  const code = typed.trim();
  if (!code) return 'Type the code to add';
  if (rules.resolutionCodes.some((c) => c.trim().toLowerCase() === code.toLowerCase())) return `"${code}" is already a resolution code`;
  return undefined;
}
