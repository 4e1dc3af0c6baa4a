import { z } from 'zod';

/** ITIL impact and urgency: 1 = high, 2 = medium, 3 = low. */
export const LevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Level = z.infer<typeof LevelSchema>;

export const PrioritySchema = z.enum(['P1', 'P2', 'P3', 'P4', 'P5']);
export type Priority = z.infer<typeof PrioritySchema>;

export const PRIORITIES: readonly Priority[] = PrioritySchema.options;

/** An incident's priority with how it was reached: the matrix inputs and an override, if any. */
export const PrioritySettingSchema = z.object({ impact: LevelSchema, urgency: LevelSchema, override: PrioritySchema.nullable(), priority: PrioritySchema });
export type PrioritySetting = z.infer<typeof PrioritySettingSchema>;

/** matrix[impact-1][urgency-1] → priority; organisation data, editable. */
export const PriorityMatrixSchema = z.array(z.array(PrioritySchema).length(3)).length(3);
export type PriorityMatrix = z.infer<typeof PriorityMatrixSchema>;

/** ServiceNow's default matrix. */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  ['P1', 'P2', 'P3'],
  ['P2', 'P3', 'P4'],
  ['P3', 'P4', 'P5'],
];

export const IMPACT_LABELS: Record<Level, string> = {
  1: 'High — extensive/widespread',
  2: 'Medium — significant/large',
  3: 'Low — moderate/limited',
};

export const URGENCY_LABELS: Record<Level, string> = {
  1: 'High — work cannot continue',
  2: 'Medium — work is impaired',
  3: 'Low — workaround exists',
};

export function priorityFor(impact: Level, urgency: Level, matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): Priority {
  return matrix[impact - 1]![urgency - 1]!;
}

export function priorityRank(p: Priority): number {
  return PRIORITIES.indexOf(p);
}
