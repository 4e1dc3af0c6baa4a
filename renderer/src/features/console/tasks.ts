import type { TaskState } from '../../../../shared/domain/incident';

/** A task still to do whose due time has passed. */
export function isOverdue(task: Pick<TaskState, 'due' | 'status'>, now: number): boolean {
  if (!task.due || task.status === 'done' || task.status === 'cancelled') return false;
  const due = Date.parse(task.due);
  return !Number.isNaN(due) && due < now;
}

/** Checklist one item per line, blank lines ignored. */
export function checklistFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
