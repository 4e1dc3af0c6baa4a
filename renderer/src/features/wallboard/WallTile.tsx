import { memo } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { ENTRY_KIND_LABELS } from '../../../../shared/domain/vocabulary';
import { headlineEntry, impactStartedAt, lastUpdateAt, latestStakeholderUpdate } from '../../../../shared/wallboard/facts';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { FlagBadges, StatusBadge } from '../../ui/StatusBadge';
import { AttentionBar, type TileAttention } from './AttentionBar';
import { Ago, Elapsed } from './time-texts';
import './WallTile.css';

export interface TileProps {
  incident: IncidentState;
  overdue: boolean;
  /** Unacknowledged attention reasons, as a stable string (see AttentionBar). */
  attention: TileAttention;
  /** Pinned to every page while the board pages. */
  pinned: boolean;
  onAcknowledge: (id: string) => void;
}

/** DOM ids for the accessible name: "<incident id> <title>". */
export function tileIds(id: string): { id: string; title: string } {
  const safe = id.replace(/[^A-Za-z0-9_-]/g, '_');
  return { id: `wall-${safe}-id`, title: `wall-${safe}-title` };
}

/** Time since the last stakeholder update, or the overdue mark. */
export function UpdateAge({ incident, overdue }: { incident: IncidentState; overdue: boolean }) {
  const hasUpdate = latestStakeholderUpdate(incident) !== undefined;
  const at = lastUpdateAt(incident);
  if (overdue)
    return (
      <span className="wall-overdue">
        <span aria-hidden="true">⚠ </span>UPDATE OVERDUE · <Elapsed since={at} />
      </span>
    );
  return hasUpdate ? (
    <span>
      Updated <Ago at={at} />
    </span>
  ) : (
    <span>
      No update yet · <Elapsed since={at} />
    </span>
  );
}

/**
 * One incident on the grid. Memoised on its props: the store keeps an incident's object identity
 * while its version is unchanged, so a tick of the clock re-renders only the time texts inside.
 */
export const WallTile = memo(function WallTile({ incident, overdue, attention, pinned, onAcknowledge }: TileProps) {
  const ids = tileIds(incident.id);
  const latest = headlineEntry(incident);
  const coordinator = incident.roles.coordinator;
  const classes = ['wall-tile', `wall-tile--${incident.priority}`];
  if (overdue) classes.push('is-overdue');
  if (attention) classes.push('is-attention');
  if (pinned) classes.push('is-pinned');
  if (incident.exercise) classes.push('is-exercise');
  return (
    <article
      className={classes.join(' ')}
      aria-labelledby={`${ids.id} ${ids.title}`}
      data-incident={incident.id}
      onClick={attention ? () => onAcknowledge(incident.id) : undefined}
    >
      <div className="wall-tile__top">
        <PriorityBadge priority={incident.priority} />
        <span className="wall-tile__id" id={ids.id}>
          {incident.id}
        </span>
      </div>
      <h2 className="wall-tile__title" id={ids.title}>
        {incident.title}
      </h2>
      <div className="wall-tile__row">
        <StatusBadge status={incident.status} />
        <span className="wall-tile__fact">
          Impact <Elapsed since={impactStartedAt(incident)} />
        </span>
      </div>
      <div className="wall-tile__row">
        <UpdateAge incident={incident} overdue={overdue} />
      </div>
      <div className={coordinator ? 'wall-tile__row' : 'wall-tile__row wall-tile__row--missing'}>
        {(incident.major || incident.exercise) && (
          <span className="wall-tile__flags">
            <FlagBadges major={incident.major} exercise={incident.exercise} />
          </span>
        )}
        {coordinator ? (
          <span className="wall-tile__fact">
            <span className="wall-label">Coord.</span> {coordinator}
          </span>
        ) : (
          <span className="wall-tile__fact">No coordinator</span>
        )}
      </div>
      <div className="wall-tile__latest">
        {attention ? <AttentionBar attention={attention} onAcknowledge={() => onAcknowledge(incident.id)} /> : null}
        {latest ? (
          <p className="wall-tile__entry">
            <span className="wall-label">
              {ENTRY_KIND_LABELS[latest.kind]} · <Ago at={latest.at} />:
            </span>{' '}
            {latest.text}
          </p>
        ) : (
          <p className="wall-tile__entry wall-muted">No timeline entries yet</p>
        )}
      </div>
    </article>
  );
});
