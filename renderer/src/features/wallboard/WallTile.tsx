import { memo, type ReactNode } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { ENTRY_KIND_LABELS } from '../../../../shared/domain/vocabulary';
import { headlineEntry, impactStartedAt, lastUpdateAt, latestStakeholderUpdate } from '../../../../shared/wallboard/facts';
import type { TileKind } from '../../../../shared/wallboard/layout';
import type { BoardSla } from '../../../../shared/wallboard/sla';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { FlagBadges, StatusBadge } from '../../ui/StatusBadge';
import { useNow } from '../../ui/clock-store';
import { AttentionBar, type TileAttention } from './AttentionBar';
import { Ago, Elapsed } from './time-texts';
import { SlaLine } from './WallSla';
import './WallTile.css';

export interface TileProps {
  incident: IncidentState;
  /** The board's SLA evaluation of the incident: the same object until it changes, so memo holds. */
  sla: BoardSla | undefined;
  /** Unacknowledged attention reasons, as a stable string (see AttentionBar). */
  attention: TileAttention;
  /** Pinned to every page while the board pages. */
  pinned: boolean;
  /** Full tile, or the compact one of dense grids (see WALL_METRICS.tiles). */
  kind: TileKind;
  onAcknowledge: (id: string) => void;
}

/** DOM ids for the accessible name: "<incident id> <title>". */
export function tileIds(id: string): { id: string; title: string } {
  const safe = id.replace(/[^A-Za-z0-9_-]/g, '_');
  return { id: `wall-${safe}-id`, title: `wall-${safe}-title` };
}

/** Time since the last stakeholder update, or the overdue mark (the SLA update clock breached). */
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
 * A compact tile's last row: status, flags, then the overdue mark or the impact time (the SLA
 * line above already counts down to the next stakeholder update).
 */
function CompactFacts({ incident, overdue, flags }: { incident: IncidentState; overdue: boolean; flags: ReactNode }) {
  return (
    <div className="wall-tile__row">
      <StatusBadge status={incident.status} />
      {flags}
      {overdue ? (
        <span className="wall-overdue">
          <span aria-hidden="true">⚠ </span>
          <span className="visually-hidden">Stakeholder update </span>OVERDUE
        </span>
      ) : (
        <span className="wall-tile__fact">
          Impact <Elapsed since={impactStartedAt(incident)} />
        </span>
      )}
    </div>
  );
}

function tileClasses(p: TileProps): string {
  const classes = ['wall-tile', `wall-tile--${p.kind}`, `wall-tile--${p.incident.priority}`];
  if (p.sla?.tone && p.sla.tone !== 'ok') classes.push(`is-sla-${p.sla.tone}`);
  if (p.sla?.overdue) classes.push('is-overdue');
  if (p.attention) classes.push('is-attention');
  if (p.pinned) classes.push('is-pinned');
  if (p.incident.exercise) classes.push('is-exercise');
  return classes.join(' ');
}

/** One incident on the grid. Not memoised: see WallTile (and TickingTile for the benchmark baseline). */
export function WallTileBody(props: TileProps) {
  const { incident, sla, attention, kind, onAcknowledge } = props;
  const ids = tileIds(incident.id);
  const overdue = Boolean(sla?.overdue);
  const compact = kind === 'compact';
  const flags = (incident.major || incident.exercise) && (
    <span className="wall-tile__flags">
      <FlagBadges major={incident.major} exercise={incident.exercise} />
    </span>
  );
  return (
    <article className={tileClasses(props)} aria-labelledby={`${ids.id} ${ids.title}`} data-incident={incident.id} onClick={attention ? () => onAcknowledge(incident.id) : undefined}>
      <div className="wall-tile__top">
        <PriorityBadge priority={incident.priority} />
        <span className="wall-tile__id" id={ids.id}>
          {incident.id}
        </span>
      </div>
      <h2 className="wall-tile__title" id={ids.title}>
        {incident.title}
      </h2>
      <div className="wall-tile__row wall-tile__row--sla">
        <SlaLine sla={sla} short={compact} />
      </div>
      {compact ? (
        attention ? (
          <AttentionBar attention={attention} short onAcknowledge={() => onAcknowledge(incident.id)} />
        ) : (
          <CompactFacts incident={incident} overdue={overdue} flags={flags} />
        )
      ) : (
        <FullRows incident={incident} overdue={overdue} attention={attention} flags={flags} onAcknowledge={onAcknowledge} />
      )}
    </article>
  );
}

function FullRows({ incident, overdue, attention, flags, onAcknowledge }: { incident: IncidentState; overdue: boolean; attention: TileAttention; flags: ReactNode; onAcknowledge: (id: string) => void }) {
  const latest = headlineEntry(incident);
  const coordinator = incident.roles.coordinator;
  return (
    <>
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
        {flags}
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
    </>
  );
}

/**
 * One incident on the grid, memoised on its props: the store keeps an incident's object identity
 * while its version is unchanged and the board keeps its SLA evaluation until a clock changes
 * state, so a tick of the clock re-renders only the time texts inside.
 */
export const WallTile = memo(WallTileBody);

/** Benchmark baseline only (`bench=rerender-all`): the tile re-renders on every clock tick. */
export function TickingTile(props: TileProps) {
  useNow();
  return <WallTileBody {...props} />;
}
