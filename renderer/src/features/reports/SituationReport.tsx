import { useMemo } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { PRIORITIES } from '../../../../shared/domain/priority';
import { useApi } from '../../api/api-context';
import { FlagBadges, StatusBadge } from '../../ui/StatusBadge';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { ReportFrame, type ReportContext } from './ReportFrame';
import { ProvenanceSection } from './ProvenanceSection';
import { formatSpan } from './report-time';
import { buildSituation, type SituationModel } from './situation-model';
import { loadOrgPolicies } from './load-policies';
import { useLoad } from './use-load';

/** Said in words beside the clock; a paused clock's sentence says so itself. */
const TONE_FLAG = { breached: 'Breached', warning: 'At risk', paused: '', ok: '' } as const;

export function SituationReport({ ctx, preload }: { ctx: ReportContext; preload?: Promise<{ incidents: IncidentState[] }> }) {
  const client = useApi();
  const loaded = useLoad(() => Promise.all([preload ?? client.call('incidents.list', { scope: 'active' }), loadOrgPolicies(client)]), 'situation');
  const model = useMemo(() => (loaded.state === 'ready' ? buildSituation(loaded.value[0].incidents, ctx.generatedAt, loaded.value[1]) : undefined), [loaded, ctx.generatedAt]);
  const title = `Situation report · ${ctx.time.dateTime(ctx.generatedAt)} ${ctx.time.zoneLabel(ctx.generatedAt)}`;
  return (
    <ReportFrame ctx={ctx} heading="Situation report" title={title} status={loaded.state === 'error' ? loaded : model ? { state: 'ready' } : { state: 'loading' }}>
      {model && <SituationBody model={model} ctx={ctx} />}
    </ReportFrame>
  );
}

function SituationBody({ model, ctx }: { model: SituationModel; ctx: ReportContext }) {
  const t = ctx.time;
  const s = model.summary;
  return (
    <>
      <header className="report-masthead">
        <h1>
          Situation at {t.dateTime(model.at)} <span className="report-zone">{t.zoneLabel(model.at)}</span>
        </h1>
        <p className="report-lede">
          {s.active === 0
            ? 'No active incidents.'
            : `${s.active} active incident${s.active === 1 ? '' : 's'}${s.major ? `, ${s.major} major` : ''}; ${s.breached} with a breached SLA clock, ${s.atRisk} at risk.`}
        </p>
      </header>

      <section className="report-section report-keep" aria-labelledby="s-summary">
        <h2 id="s-summary">Summary</h2>
        <div className="report-tiles">
          <Tile label="Active" value={s.active} />
          {PRIORITIES.map((p) => (
            <Tile key={p} label={p} value={s.byPriority[p]} />
          ))}
          <Tile label="Major" value={s.major} />
          <Tile label="SLA breached" value={s.breached} />
          <Tile label="At risk" value={s.atRisk} />
          <Tile label="No coordinator" value={s.unassigned} />
          <Tile label="Open tasks" value={s.openTasks} />
          {s.exercises > 0 && <Tile label="Exercises" value={s.exercises} />}
        </div>
        {s.byStatus.length > 0 && (
          <p className="report-note">
            By status: {s.byStatus.map((b) => `${b.label} ${b.count}`).join(' · ')}
          </p>
        )}
      </section>

      <section className="report-section" aria-labelledby="s-incidents">
        <h2 id="s-incidents">Active incidents</h2>
        {model.rows.length === 0 ? (
          <p className="report-note">Nothing is active.</p>
        ) : (
          <table className="report-table report-situation">
            <colgroup>
              <col style={{ width: '20%' }} />
              <col style={{ width: '6%' }} />
              <col style={{ width: '11%' }} />
              <col style={{ width: '9%' }} />
              <col style={{ width: '15%' }} />
              <col style={{ width: '9%' }} />
              <col style={{ width: '18%' }} />
              <col style={{ width: '12%' }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Incident</th>
                <th scope="col">Priority</th>
                <th scope="col">Status</th>
                <th scope="col">Elapsed</th>
                <th scope="col">Nearest SLA clock</th>
                <th scope="col">Coordinator</th>
                <th scope="col">Latest update</th>
                <th scope="col">Open tasks</th>
              </tr>
            </thead>
            <tbody>
              {model.rows.map((r) => (
                <tr key={r.incident.id}>
                  <td>
                    <span className="report-id">{r.incident.id}</span>
                    <div className="report-row-title">{r.incident.title}</div>
                    <FlagBadges major={r.incident.major} exercise={r.incident.exercise} />
                    {r.incident.services.length > 0 && <span className="report-meta">{r.incident.services.join(', ')}</span>}
                  </td>
                  <td>
                    <PriorityBadge priority={r.incident.priority} />
                  </td>
                  <td>
                    <StatusBadge status={r.incident.status} />
                    {r.escalationLevel > 0 && <span className="report-meta">Escalated: level {r.escalationLevel}{r.escalationName ? ` (${r.escalationName})` : ''}</span>}
                  </td>
                  <td>
                    {formatSpan(r.elapsedMs)}
                    <span className="report-meta">
                      since <span className="report-nowrap">{t.dateTime(r.incident.milestones.impactStarted ?? r.incident.createdAt)}</span>
                    </span>
                  </td>
                  <td>
                    {r.nearestText ? (
                      <>
                        {TONE_FLAG[r.nearestTone] && <span className={`report-outcome is-${r.nearestTone}`}>{TONE_FLAG[r.nearestTone]}</span>} {r.nearestText}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{r.coordinator ?? <em>none</em>}</td>
                  <td>
                    {r.latestUpdate ? (
                      <>
                        <span className="report-entry-text">{r.latestUpdate.text}</span>
                        <span className="report-meta">
                          {r.latestUpdate.author}, <span className="report-nowrap">{t.dateTime(r.latestUpdate.at)}</span>
                        </span>
                      </>
                    ) : (
                      <em>none yet</em>
                    )}
                  </td>
                  <td>
                    {r.openTasks.length === 0
                      ? '—'
                      : r.openTasks.map((task, k) => (
                          <div key={k} className="report-task">
                            {task.title}
                            {task.owner ? ` (${task.owner})` : ''}
                          </div>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <ProvenanceSection provenance={ctx.options.provenance} />
    </>
  );
}

function Tile({ label, value }: { label: string; value: number }) {
  return (
    <div className="report-tile">
      <span className="report-tile-value">{value}</span>
      <span className="report-tile-label">{label}</span>
    </div>
  );
}
