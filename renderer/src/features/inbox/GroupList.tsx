import type { AlertGroupDto } from '../../../../shared/contract/alerts-api';
import { useTimeFormat } from '../console/hooks';
import { FORMAT_LABELS, labelList, stateOf } from './inbox-model';
import { SeverityBadge } from './SeverityBadge';

const MAX_LABELS = 6;

/** The groups: severity, title and labels, source, first and last seen, count, state. */
export function GroupList({ groups, selectedId, onSelect }: { groups: readonly AlertGroupDto[]; selectedId: string | undefined; onSelect: (id: string) => void }) {
  const { smart, title } = useTimeFormat();
  return (
    <table className="inbox-table" aria-label="Alert groups">
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Alert</th>
          <th scope="col">Source</th>
          <th scope="col">First seen</th>
          <th scope="col">Last seen</th>
          <th scope="col" className="is-number">
            Count
          </th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => {
          const labels = labelList(g.labels);
          const selected = g.id === selectedId;
          return (
            <tr key={g.id} className={`inbox-row${selected ? ' is-selected' : ''}${g.firing ? ' is-firing' : ''}${g.dismissed ? ' is-dismissed' : ''}`} data-group-id={g.id}>
              <td>
                <SeverityBadge severity={g.severity} />
              </td>
              <td className="inbox-cell-title">
                <button type="button" className="inbox-row-title" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(g.id)}>
                  {g.title}
                </button>
                {g.exercise && <span className="inbox-tag is-exercise">Exercise</span>}
                {labels.length > 0 && (
                  <ul className="inbox-labels" aria-label="Labels">
                    {labels.slice(0, MAX_LABELS).map(([k, v]) => (
                      <li key={k} className="inbox-label">
                        <span className="inbox-label-key">{k}</span>={v}
                      </li>
                    ))}
                    {labels.length > MAX_LABELS && <li className="inbox-label is-more">+{labels.length - MAX_LABELS}</li>}
                  </ul>
                )}
              </td>
              <td>
                <span className="inbox-source">{g.source}</span>
                <span className="inbox-format">{FORMAT_LABELS[g.format]}</span>
              </td>
              <td>
                <time dateTime={g.firstSeenAt} title={title(g.firstSeenAt)}>
                  {smart(g.firstSeenAt)}
                </time>
              </td>
              <td>
                <time dateTime={g.lastSeenAt} title={title(g.lastSeenAt)}>
                  {smart(g.lastSeenAt)}
                </time>
              </td>
              <td className="is-number" title={g.duplicates ? `${g.duplicates} duplicate(s)` : undefined}>
                {g.count}
              </td>
              <td>
                <span className={`inbox-state${g.firing ? ' is-firing' : ''}`}>{stateOf(g)}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
