import { useMemo, type ReactNode } from 'react';
import { STATUS_LABELS } from '../../../../shared/domain/lifecycle';
import { DEFAULT_PRIORITY_MATRIX } from '../../../../shared/domain/priority';
import { ENTRY_KIND_LABELS, roleLabel } from '../../../../shared/domain/vocabulary';
import type { IncidentState } from '../../../../shared/domain/incident';
import { RELATION_LABELS } from '../console/relation-labels';
import type { TimelineItem } from '../console/timeline-model';
import { CONFLICT_MARK } from '../console/conflict-sentence';
import { useApi } from '../../api/api-context';
import { useWriterNames } from '../../state/writer-names';
import { FlagBadges, StatusBadge } from '../../ui/StatusBadge';
import { PriorityBadge } from '../../ui/PriorityBadge';
import { buildIncidentReport, type IncidentReportModel } from './incident-report-model';
import { ReportFrame, type ReportContext } from './ReportFrame';
import { ProvenanceSection } from './ProvenanceSection';
import { formatSpan, type ReportTime } from './report-time';
import { loadOrgPolicies } from './load-policies';
import { useLoad } from './use-load';

const TASK_STATUS: Record<string, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' };
const SOURCE_LABEL = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function IncidentReport({ ctx, id, preload }: { ctx: ReportContext; id: string; preload?: Promise<IncidentState> }) {
  const client = useApi();
  const loaded = useLoad(() => Promise.all([preload ?? client.call('incidents.get', { id }), loadOrgPolicies(client)]), id);
  const writerName = useWriterNames();
  const model = useMemo(
    () =>
      loaded.state === 'ready'
        ? buildIncidentReport(loaded.value[0], { now: ctx.generatedAt, time: ctx.time, matrix: ctx.info?.matrix ?? DEFAULT_PRIORITY_MATRIX, policies: loaded.value[1].sla, writerName })
        : undefined,
    [loaded, ctx.generatedAt, ctx.time, ctx.info, writerName],
  );
  const incident = model?.incident;
  const title = incident ? `Incident report · ${incident.id} · ${incident.title}` : `Incident report · ${id}`;
  return (
    <ReportFrame ctx={ctx} heading="Incident report" title={title} status={loaded.state === 'error' ? loaded : model ? { state: 'ready' } : { state: 'loading' }}>
      {model && <IncidentReportBody model={model} ctx={ctx} />}
    </ReportFrame>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="report-field-row">
      <dt>{label}</dt>
      <dd>{children || '—'}</dd>
    </div>
  );
}

function durationBetween(a: string | undefined, b: string | number | undefined): string | undefined {
  if (!a || b === undefined) return undefined;
  const ms = (typeof b === 'number' ? b : Date.parse(b)) - Date.parse(a);
  return Number.isFinite(ms) ? formatSpan(ms) : undefined;
}

function IncidentReportBody({ model, ctx }: { model: IncidentReportModel; ctx: ReportContext }) {
  const i = model.incident;
  const t = ctx.time;
  const resolvedAt = i.milestones.resolved;
  const start = i.milestones.impactStarted ?? i.createdAt;
  return (
    <>
      <header className="report-masthead">
        <h1>
          <span className="report-id">{i.id}</span> {i.title}
        </h1>
        <div className="report-badges">
          <PriorityBadge priority={i.priority} size="lg" />
          <StatusBadge status={i.status} />
          <FlagBadges major={i.major} exercise={i.exercise} />
          {i.exercise && <span className="report-note">Exercise — not a real incident</span>}
        </div>
        <dl className="report-fields">
          <Field label="Opened">
            {t.dateTime(i.createdAt)} by {i.createdBy}
          </Field>
          <Field label={resolvedAt ? 'Resolved' : 'Status'}>
            {resolvedAt ? `${t.dateTime(resolvedAt)} (${durationBetween(start, resolvedAt)} after impact began)` : `${STATUS_LABELS[i.status]}, open ${durationBetween(start, model.slaAt)}`}
          </Field>
          <Field label="Category">{i.category}</Field>
          <Field label="Reported">
            {[i.reporter, SOURCE_LABEL(i.source)].filter(Boolean).join(' · ')}
          </Field>
          <Field label="Coordinator">{i.roles.coordinator}</Field>
          <Field label="Tags">{i.tags.join(', ')}</Field>
        </dl>
      </header>

      <section className="report-section" aria-labelledby="r-summary">
        <h2 id="r-summary">Summary</h2>
        {i.description ? <p className="report-prose">{i.description}</p> : <p className="report-note">No description was recorded.</p>}
      </section>

      <section className="report-section report-keep" aria-labelledby="r-impact">
        <h2 id="r-impact">Impact</h2>
        <dl className="report-fields">
          <Field label="Affected services">{i.services.join(', ')}</Field>
          <Field label="Impact">
            {i.impact} — {model.impactLabel}
          </Field>
          <Field label="Urgency">
            {i.urgency} — {model.urgencyLabel}
          </Field>
          <Field label="Priority">
            {i.priority}
            {i.priorityOverride ? ` (override; the matrix gives ${model.matrixPriority} for impact ${i.impact} × urgency ${i.urgency})` : ` (impact ${i.impact} × urgency ${i.urgency})`}
          </Field>
        </dl>
      </section>

      <section className="report-section" aria-labelledby="r-milestones">
        <h2 id="r-milestones">Milestones and SLA outcomes</h2>
        <table className="report-table report-keep report-milestones">
          <caption>Milestones</caption>
          <thead>
            <tr>
              <th scope="col">Milestone</th>
              <th scope="col">Time</th>
              <th scope="col">From impact start</th>
            </tr>
          </thead>
          <tbody>
            {model.milestones.map((m) => (
              <tr key={m.milestone}>
                <th scope="row">{m.label}</th>
                <td>{m.at ? t.dateTime(m.at) : '—'}</td>
                <td>{m.at && m.milestone !== 'impactStarted' ? (durationBetween(start, m.at) ?? '—') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ClockTable model={model} time={t} />
      </section>

      <section className="report-section" aria-labelledby="r-people">
        <h2 id="r-people">Roles and responders</h2>
        <div className="report-columns">
          <table className="report-table">
            <caption>Roles</caption>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Person</th>
              </tr>
            </thead>
            <tbody>
              {model.roles.length === 0 && (
                <tr>
                  <td colSpan={2}>No roles assigned.</td>
                </tr>
              )}
              {model.roles.map((r) => (
                <tr key={r.role}>
                  <th scope="row">{roleLabel(r.role)}</th>
                  <td>{r.person}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="report-table">
            <caption>Responders</caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Team</th>
                <th scope="col">Joined</th>
                <th scope="col">Left</th>
              </tr>
            </thead>
            <tbody>
              {i.responders.length === 0 && (
                <tr>
                  <td colSpan={4}>No responders recorded.</td>
                </tr>
              )}
              {i.responders.map((r) => (
                <tr key={`${r.person}-${r.joinedAt}`}>
                  <td>{r.person}</td>
                  <td>{r.team || '—'}</td>
                  <td>{t.dateTime(r.joinedAt)}</td>
                  <td>{r.leftAt ? t.dateTime(r.leftAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="report-section" aria-labelledby="r-tasks">
        <h2 id="r-tasks">
          Tasks <span className="report-count">({model.openTasks} open of {model.tasks.length})</span>
        </h2>
        {model.tasks.length === 0 ? (
          <p className="report-note">No tasks were recorded.</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Checklist</th>
              </tr>
            </thead>
            <tbody>
              {model.tasks.map((task) => (
                <tr key={task.taskId}>
                  <td>{task.title}</td>
                  <td>{task.owner || '—'}</td>
                  <td>{task.due ? t.dateTime(task.due) : '—'}</td>
                  <td>{TASK_STATUS[task.status]}</td>
                  <td>
                    {task.checklist.length === 0
                      ? '—'
                      : task.checklist.map((c) => (
                          <div key={c.itemId} className="report-check">
                            <span aria-hidden="true">{c.done ? '☑' : '☐'}</span> {c.text}
                            <span className="visually-hidden">{c.done ? ' (done)' : ' (not done)'}</span>
                          </div>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="report-section" aria-labelledby="r-updates">
        <h2 id="r-updates">
          Stakeholder updates <span className="report-count">({model.updates.length})</span>
        </h2>
        {model.updates.length === 0 ? (
          <p className="report-note">No stakeholder updates were sent.</p>
        ) : (
          <table className="report-table report-timeline">
            <thead>
              <tr>
                <th scope="col" className="col-time">
                  Time
                </th>
                <th scope="col" className="col-who">
                  By
                </th>
                <th scope="col">Update</th>
              </tr>
            </thead>
            <tbody>
              {model.updates.map((u) => (
                <tr key={u.key}>
                  <td className="col-time">{t.dateTime(u.at)}</td>
                  <td className="col-who">{u.actor}</td>
                  <td>
                    <EntryText item={u} time={t} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {i.relations.length > 0 && (
        <section className="report-section report-keep" aria-labelledby="r-relations">
          <h2 id="r-relations">Related incidents</h2>
          <ul className="report-list">
            {i.relations.map((r) => (
              <li key={`${r.kind}-${r.target}`}>
                {RELATION_LABELS[r.kind]} {r.target}
                {r.note ? ` — ${r.note}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="report-section" aria-labelledby="r-timeline">
        <h2 id="r-timeline">
          Timeline <span className="report-count">({model.timeline.length} items)</span>
        </h2>
        <Timeline items={model.timeline} time={t} />
      </section>

      <section className="report-section report-keep" aria-labelledby="r-resolution">
        <h2 id="r-resolution">Resolution</h2>
        <Resolution incident={i} time={t} />
      </section>

      <ProvenanceSection provenance={ctx.options.provenance} coverage={model.coverage} eventCount={model.eventCount} />
    </>
  );
}

function ClockTable({ model, time: t }: { model: IncidentReportModel; time: ReportTime }) {
  const at = model.slaAtLabel === 'now' ? `now (${t.dateTime(model.slaAt)})` : `${model.slaAtLabel} (${t.dateTime(model.slaAt)})`;
  return (
    <table className="report-table report-keep report-clocks">
      <caption>
        SLA outcomes at {at}
        {model.slaPolicy ? ` · policy “${model.slaPolicy.name}” v${model.slaPolicy.version}` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Target</th>
          <th scope="col">Outcome</th>
          <th scope="col">Used / target</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {model.clocks.length === 0 && (
          <tr>
            <td colSpan={4}>No SLA policy applies.</td>
          </tr>
        )}
        {model.clocks.map(({ clock, outcome, text }) => (
          <tr key={clock.target} data-outcome={outcome}>
            <th scope="row">{clock.label}</th>
            <td>
              <span className={`report-outcome is-${outcome.toLowerCase().replace(/ /g, '-')}`}>{outcome}</span>
            </td>
            <td>{clock.state === 'not_applicable' ? '—' : `${formatSpan(clock.elapsedMs)} / ${formatSpan(clock.targetMs)} (${clock.priority})`}</td>
            <td>
              {text}
              {clock.breachedAt !== null && (
                <>
                  {' · breached '}
                  <span className="report-nowrap">{t.dateTime(clock.breachedAt)}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
      {(model.breachesRecorded > 0 || model.warningsRecorded > 0) && (
        <tfoot>
          <tr>
            <td colSpan={4}>
              Recorded on the timeline: {model.breachesRecorded} breach{model.breachesRecorded === 1 ? '' : 'es'}, {model.warningsRecorded} warning
              {model.warningsRecorded === 1 ? '' : 's'}.
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

type EntryItem = Extract<TimelineItem, { type: 'entry' }>;

/** An entry's text; a corrected entry shows the original struck through, then the correction. */
function EntryText({ item, time: t }: { item: EntryItem; time: ReportTime }) {
  const current = item.versions[item.versions.length - 1]!;
  const earlier = item.versions.slice(0, -1);
  return (
    <>
      {earlier.map((v) => (
        <del key={v.entryId} className="report-struck">
          <span className="visually-hidden">Original: </span>
          {v.text}
        </del>
      ))}
      <span className={earlier.length ? 'report-correction' : 'report-entry-text'}>
        {earlier.length > 0 && <span className="report-tag">Correction</span>}
        {current.text}
      </span>
      {earlier.length > 0 && (
        <span className="report-meta">
          corrected by {current.author} at <span className="report-nowrap">{t.dateTime(current.recordedAt)}</span>
        </span>
      )}
      {item.backdated && <span className="report-meta">backdated · recorded {t.dateTime(item.recordedAt)}</span>}
    </>
  );
}

/** The full timeline as one table: repeated headers, rows never split across pages. */
function Timeline({ items, time: t }: { items: readonly TimelineItem[]; time: ReportTime }) {
  let lastDate = '';
  return (
    <table className="report-table report-timeline">
      <thead>
        <tr>
          <th scope="col" className="col-time">
            Time
          </th>
          <th scope="col" className="col-who">
            Who
          </th>
          <th scope="col" className="col-kind">
            Kind
          </th>
          <th scope="col">What happened</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const date = t.date(item.at);
          const newDay = date !== lastDate;
          lastDate = date;
          const kindClass = item.type === 'entry' ? `is-entry kind-${item.kind}` : 'is-change';
          return (
            <tr key={item.key} className={newDay ? `${kindClass} is-new-day` : kindClass}>
              <td className="col-time">
                <span className="report-date">{date}</span> {t.time(item.at)}
              </td>
              <td className="col-who">{item.actor}</td>
              <td className="col-kind">{item.type === 'entry' ? ENTRY_KIND_LABELS[item.kind] : item.unknown ? 'Unknown' : 'Change'}</td>
              <td>
                {item.type === 'entry' ? (
                  <EntryText item={item} time={t} />
                ) : (
                  <>
                    <span className="report-entry-text">{item.text}</span>
                    {item.detail && <span className="report-meta">{item.detail}</span>}
                    {item.conflicts?.map((text) => (
                      <span key={text} className="report-meta">
                        <span className="report-tag">
                          <span aria-hidden="true">⇄</span> {CONFLICT_MARK}
                        </span>
                        {text}
                      </span>
                    ))}
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Resolution({ incident: i, time: t }: { incident: IncidentState; time: ReportTime }) {
  if (!i.resolution) {
    return <p className="report-note">Not resolved at the time of this report ({STATUS_LABELS[i.status]}).</p>;
  }
  return (
    <dl className="report-fields">
      <Field label="Resolution code">{i.resolution.code}</Field>
      <Field label="Resolved">{i.milestones.resolved ? t.dateTime(i.milestones.resolved) : ''}</Field>
      <Field label="Summary">
        <span className="report-prose">{i.resolution.summary}</span>
      </Field>
      <Field label="Closed">{i.milestones.closed ? t.dateTime(i.milestones.closed) : ''}</Field>
      <Field label="Post-incident review">{i.review ? `${i.review.outcome === 'done' ? 'Done' : 'Waived'}${i.review.reason ? ` — ${i.review.reason}` : ''}` : 'Not recorded'}</Field>
    </dl>
  );
}
