import { memo } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { BUILTIN_ROLES, ENTRY_KIND_LABELS, roleLabel } from '../../../../shared/domain/vocabulary';
import { impactStartedAt, latestEntries } from '../../../../shared/wallboard/facts';
import type { BoardSla } from '../../../../shared/wallboard/sla';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { FlagBadges, StatusBadge } from '../../ui/StatusBadge';
import { AttentionBar, type TileAttention } from './AttentionBar';
import { Ago, Elapsed } from './time-texts';
import { SlaLine } from './WallSla';
import { tileIds, UpdateAge } from './WallTile';
import './WallHero.css';

export interface HeroProps {
  incident: IncidentState;
  sla: BoardSla | undefined;
  attention: TileAttention;
  columns: 1 | 2;
  onAcknowledge: (id: string) => void;
}

/** Role names short enough for the narrow hero beside the grid. */
const SHORT_ROLE: Record<string, string> = {
  coordinator: 'Coordinator',
  communications: 'Comms',
  operations: 'Operations',
  scribe: 'Scribe',
  liaison: 'Liaison',
};

/** Roles in a stable order: built-in ones first, then the organisation's own. */
function rolesOf(incident: IncidentState): Array<[string, string]> {
  const builtin = BUILTIN_ROLES.filter((r) => incident.roles[r]).map((r): [string, string] => [r, incident.roles[r]!]);
  const custom = Object.entries(incident.roles)
    .filter(([r]) => !(BUILTIN_ROLES as readonly string[]).includes(r))
    .sort(([a], [b]) => a.localeCompare(b));
  return [...builtin, ...custom];
}

/**
 * The big panel: the only incident, or a major incident beside the grid. Adds roles, responders,
 * services and the latest timeline entries to what a tile shows.
 */
export const WallHero = memo(function WallHero({ incident, sla, attention, columns, onAcknowledge }: HeroProps) {
  const overdue = Boolean(sla?.overdue);
  const ids = tileIds(incident.id);
  const roles = rolesOf(incident);
  const entries = latestEntries(incident, 6);
  const responders = incident.responders.filter((r) => !r.leftAt).length;
  const classes = ['wall-hero', `wall-tile--${incident.priority}`, `wall-hero--cols-${columns}`];
  if (sla?.tone && sla.tone !== 'ok') classes.push(`is-sla-${sla.tone}`);
  if (overdue) classes.push('is-overdue');
  if (attention) classes.push('is-attention');
  return (
    <article
      className={classes.join(' ')}
      aria-labelledby={`${ids.id} ${ids.title}`}
      data-incident={incident.id}
      onClick={attention ? () => onAcknowledge(incident.id) : undefined}
    >
      <div className="wall-hero__top">
        <PriorityBadge priority={incident.priority} size="lg" />
        <span className="wall-hero__id" id={ids.id}>
          {incident.id}
        </span>
        {(incident.major || incident.exercise) && (
          <span className="wall-hero__flags">
            <FlagBadges major={incident.major} exercise={incident.exercise} />
          </span>
        )}
        <StatusBadge status={incident.status} />
      </div>
      <h2 className="wall-hero__title" id={ids.title}>
        {incident.title}
      </h2>
      {incident.services.length > 0 && (
        <p className="wall-hero__services">
          <span className="wall-label">Services</span> {incident.services.join(', ')}
        </p>
      )}
      {attention ? <AttentionBar attention={attention} onAcknowledge={() => onAcknowledge(incident.id)} /> : null}
      <dl className="wall-hero__facts">
        <div className="wall-hero__sla">
          <dt>SLA</dt>
          <dd>
            <SlaLine sla={sla} />
          </dd>
        </div>
        <div>
          <dt>Impact for</dt>
          <dd>
            <Elapsed since={impactStartedAt(incident)} />
          </dd>
        </div>
        <div>
          <dt>Stakeholder update</dt>
          <dd>
            <UpdateAge incident={incident} overdue={overdue} />
          </dd>
        </div>
      </dl>
      <div className="wall-hero__body">
        <section className="wall-hero__roles" aria-labelledby={`${ids.id}-roles`}>
          <h3 id={`${ids.id}-roles`}>
            Roles · {responders} {responders === 1 ? 'responder' : 'responders'}
          </h3>
          {roles.length ? (
            <dl className="wall-fit">
              {roles.map(([role, person]) => (
                <div key={role}>
                  <dt>{columns === 1 ? (SHORT_ROLE[role] ?? roleLabel(role)) : roleLabel(role)}</dt>
                  <dd>{person}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="wall-tile__row--missing">No roles assigned</p>
          )}
        </section>
        <section className="wall-hero__timeline" aria-labelledby={`${ids.id}-timeline`}>
          <h3 id={`${ids.id}-timeline`}>Latest timeline</h3>
          {entries.length ? (
            <ol className="wall-fit">
              {entries.map((e) => (
                <li key={e.entryId}>
                  <span className="wall-label">
                    {ENTRY_KIND_LABELS[e.kind]} · <Ago at={e.at} /> · {e.author}
                  </span>
                  <span className="wall-hero__entry-text">{e.text}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="wall-muted">No timeline entries yet</p>
          )}
        </section>
      </div>
    </article>
  );
});
