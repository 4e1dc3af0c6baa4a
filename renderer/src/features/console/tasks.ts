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

export const TASK_STATUS_LABELS: Record<TaskState['status'], string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

const finished = (t: Pick<TaskState, 'status'>) => t.status === 'done' || t.status === 'cancelled';

/** Tasks still to do first (soonest due first, undated last), then finished ones in order added. */
export function sortTasks<T extends Pick<TaskState, 'status' | 'due' | 'createdAt'>>(tasks: readonly T[]): T[] {
  const dueOf = (t: T) => (t.due ? Date.parse(t.due) : Number.POSITIVE_INFINITY);
  return [...tasks].sort((a, b) => {
    if (finished(a) !== finished(b)) return finished(a) ? 1 : -1;
    if (!finished(a)) {
      const d = dueOf(a) - dueOf(b);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return Date.parse(a.createdAt) - Date.parse(b.createdAt);
  });
}
