import { useMemo, useState } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { useClock } from '../../ui/clock-store';
import { AddTaskForm } from './AddTaskForm';
import { FormAlert } from './FormAlert';
import { useIncidentCommand, useReadOnly } from './hooks';
import { Panel } from './Panel';
import { TaskItem } from './TaskItem';
import { isOverdue, sortTasks } from './tasks';
import './panels.css';

/** The incident's tasks, open ones first; overdue ones stand out. */
export function TasksPanel({ incident }: { incident: IncidentState }) {
  const readOnly = useReadOnly();
  const runner = useIncidentCommand(incident.id);
  const [adding, setAdding] = useState(false);
  const tasks = useMemo(() => sortTasks(incident.tasks), [incident.tasks]);
  const open = tasks.filter((t) => t.status === 'open' || t.status === 'in_progress').length;
  const overdue = useClock((s) => incident.tasks.filter((t) => isOverdue(t, s.now)).length);

  return (
    <Panel
      id="console-tasks"
      title={
        <>
          Tasks ({open} open{overdue > 0 ? <span className="console-overdue-text">, {overdue} overdue</span> : null})
        </>
      }
      actions={
        !readOnly && (
          <button type="button" className="console-button is-ghost is-small" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            Add task…
          </button>
        )
      }
    >
      {adding && <AddTaskForm incidentId={incident.id} onDone={() => setAdding(false)} />}
      {tasks.length === 0 && !adding && <p className="console-empty">No tasks yet.</p>}
      <ul className="console-plain-list console-tasks">
        {tasks.map((t) => (
          <TaskItem key={t.taskId} task={t} runner={runner} readOnly={readOnly} />
        ))}
      </ul>
      <FormAlert error={runner.error} />
    </Panel>
  );
}
