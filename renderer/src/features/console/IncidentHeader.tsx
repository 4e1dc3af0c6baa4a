import type { IncidentState } from '../../../../shared/domain/incident';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { ReportLinks } from '../reports/ReportLinks';
import { FlagBadges, StatusBadge } from '../../ui/StatusBadge';
import { Elapsed } from './Elapsed';
import { useTimeFormat } from './hooks';
import { elapsedStart } from './incident-label';
import { EscalationLevel } from './EscalationLevel';
import { SlaCountdown } from './SlaCountdown';
import './IncidentDetail.css';

/** Who, what and how long: the top of the selected incident. */
export function IncidentHeader({ incident: i }: { incident: IncidentState }) {
  const { smart, title } = useTimeFormat();
  const start = elapsedStart(i);
  return (
    <div className="console-detail-header">
      <div className="console-detail-priority">
        <PriorityBadge priority={i.priority} size="xl" />
      </div>
      <div className="console-detail-heading">
        <div className="console-detail-line">
          <span className="console-detail-id">{i.id}</span>
          <StatusBadge status={i.status} />
          <FlagBadges major={i.major} exercise={i.exercise} />
          {i.category && <span className="console-chip">{i.category}</span>}
          {i.services.map((s) => (
            <span key={s} className="console-chip is-service">
              {s}
            </span>
          ))}
          <ReportLinks kind="incident" id={i.id} className="is-end" />
        </div>
        <h2 id="console-detail-title" className="console-detail-title">
          {i.title}
        </h2>
        <dl className="console-detail-facts">
          <div>
            <dt>Elapsed</dt>
            <dd>
              <Elapsed since={start.at} label={start.label} className="console-detail-elapsed" /> <span className="console-muted">{start.label}</span>
            </dd>
          </div>
          <div>
            <dt>SLA</dt>
            <dd className="console-detail-sla" data-testid="header-sla">
              <SlaCountdown incident={i} />
            </dd>
          </div>
          <div>
            <dt>Escalation</dt>
            <dd>
              <EscalationLevel incident={i} />
            </dd>
          </div>
          <div>
            <dt>Coordinator</dt>
            <dd>{i.roles.coordinator ?? <span className="console-muted">Nobody yet</span>}</dd>
          </div>
          <div>
            <dt>Opened</dt>
            <dd>
              <time dateTime={i.createdAt} title={title(i.createdAt)}>
                {smart(i.createdAt)}
              </time>{' '}
              by {i.createdBy}
            </dd>
          </div>
          {i.reporter && (
            <div>
              <dt>Reporter</dt>
              <dd>
                {i.reporter} <span className="console-muted">via {i.source}</span>
              </dd>
            </div>
          )}
        </dl>
        {i.resolution && (
          <p className="console-detail-resolution">
            <strong>Resolution ({i.resolution.code}):</strong> {i.resolution.summary}
          </p>
        )}
      </div>
    </div>
  );
}
