import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useWorkspace } from '../../state/workspace-store';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { StatusBadge } from '../../ui/StatusBadge';

/** Placeholder-free minimal console: list and create. Replaced by the full console (issue 3). */
export function ConsoleView() {
  const client = useApi();
  const incidents = useWorkspace((s) => s.incidents);
  const [title, setTitle] = useState('');
  return (
    <main>
      <h1>Coordinator console</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void client.call('incidents.create', { title, impact: 2, urgency: 2 }).then(() => setTitle(''));
        }}
      >
        <label>
          Title <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <button type="submit">Create incident</button>
      </form>
      <ul aria-label="Open incidents">
        {Object.values(incidents).map((i) => (
          <li key={i.id} aria-label={`${i.id} ${i.title}`}>
            <PriorityBadge priority={i.priority} /> {i.id} {i.title} <StatusBadge status={i.status} />
          </li>
        ))}
      </ul>
    </main>
  );
}
