import type { IncidentState } from '../../../../shared/domain/incident';
import { Panel } from './Panel';
import './panels.css';

/** Description, tags and where the report came from. */
export function DetailsPanel({ incident: i }: { incident: IncidentState }) {
  if (!i.description && i.tags.length === 0) return null;
  return (
    <Panel id="console-details" title="Details">
      {i.description && <p className="console-description">{i.description}</p>}
      {i.tags.length > 0 && (
        <ul className="console-chip-list" aria-label="Tags">
          {i.tags.map((t) => (
            <li key={t} className="console-chip">
              #{t}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
