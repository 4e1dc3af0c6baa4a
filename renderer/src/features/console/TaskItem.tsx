import { memo } from 'react';
import type { TaskState } from '../../../../shared/domain/incident';
import { TaskStatusSchema, type TaskStatus } from '../../../../shared/domain/vocabulary';
import { useClock } from '../../ui/clock-store';
import type { CommandRunner } from './hooks';
import { isOverdue, TASK_STATUS_LABELS } from './tasks';
import { TimeStamp } from './TimeStamp';
import './panels.css';
import './forms.css';

/** One task: status, owner, due (highlighted when overdue) and its checklist. */
export const TaskItem = memo(function TaskItem({ task, runner, readOnly }: { task: TaskState; runner: CommandRunner; readOnly: boolean }) {
  // Re-renders only when the task crosses its due time, not on every tick.
  const overdue = useClock((s) => isOverdue(task, s.now));
  const done = task.checklist.filter((c) => c.done).length;
  const statusId = `console-task-status-${task.taskId}`;
  return (
    <li className={`console-task is-${task.status}${overdue ? ' is-overdue' : ''}`}>
      <div className="console-task-head">
        <span className="console-task-title">{task.title}</span>
        {overdue && <span className="console-overdue-badge">Overdue</span>}
        <label className="visually-hidden" htmlFor={statusId}>
          Status of task {task.title}
        </label>
        <select
          id={statusId}
          className="console-select console-select-inline"
          value={task.status}
          disabled={readOnly || runner.pending}
          onChange={(e) => void runner.run({ type: 'updateTask', taskId: task.taskId, status: e.target.value as TaskStatus })}
        >
          {TaskStatusSchema.options.map((s) => (
            <option key={s} value={s}>
              {TASK_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="console-task-meta">
        <span>{task.owner ? `Owner: ${task.owner}` : 'No owner'}</span>
        {task.due && (
          <span className={overdue ? 'console-overdue-text' : undefined}>
            Due <TimeStamp iso={task.due} />
          </span>
        )}
        {task.checklist.length > 0 && (
          <span>
            {done}/{task.checklist.length} done
          </span>
        )}
      </div>
      {task.checklist.length > 0 && (
        <ul className="console-checklist" aria-label={`Checklist of ${task.title}`}>
          {task.checklist.map((item) => (
            <li key={item.itemId}>
              <label className={`console-check${item.done ? ' is-done' : ''}`}>
                <input
                  type="checkbox"
                  checked={item.done}
                  disabled={readOnly || runner.pending}
                  onChange={(e) => void runner.run({ type: 'toggleChecklist', taskId: task.taskId, itemId: item.itemId, done: e.target.checked })}
                />
                <span>{item.text}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
});
