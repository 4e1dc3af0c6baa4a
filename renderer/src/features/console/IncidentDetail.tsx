import { useEffect } from 'react';
import type { WorkspaceInfo } from '../../../../shared/contract/api';
import type { IncidentState } from '../../../../shared/domain/incident';
import { useConsole } from './console-store';
import { DetailsPanel } from './DetailsPanel';
import { IncidentHeader } from './IncidentHeader';
import { LifecycleActions } from './LifecycleActions';
import { MilestonesPanel } from './MilestonesPanel';
import { PriorityPanel } from './PriorityPanel';
import { QuickEntry } from './QuickEntry';
import { RelationsPanel } from './RelationsPanel';
import { RespondersPanel } from './RespondersPanel';
import { RolesPanel } from './RolesPanel';
import { SlaPanel } from './SlaPanel';
import { TasksPanel } from './TasksPanel';
import { Timeline } from './Timeline';
import { UpdateComposer } from './UpdateComposer';
import { MonitoringSuggestion } from '../inbox/MonitoringSuggestion';
import './IncidentDetail.css';

/** The selected incident: header and lifecycle, quick entry and timeline, and the side panels. */
export function IncidentDetail({ incident, info }: { incident: IncidentState; info: WorkspaceInfo }) {
  const markSeen = useConsole((s) => s.markSeen);
  // Whatever changes while the operator is looking at it counts as seen.
  useEffect(() => markSeen(incident.id, incident.version), [incident.id, incident.version, markSeen]);

  return (
    <article className="console-detail" aria-labelledby="console-detail-title">
      <div className="console-detail-top">
        <IncidentHeader incident={incident} />
        <LifecycleActions key={incident.id} incident={incident} lifecycle={info.lifecycle} />
      </div>
      <div className="console-detail-body">
        <div className="console-detail-log">
          <MonitoringSuggestion incident={incident} />
          <QuickEntry incidentId={incident.id} />
          <Timeline incident={incident} />
        </div>
        <div className="console-detail-side" role="region" aria-label="Incident details" tabIndex={0}>
          <UpdateComposer key={`update-${incident.id}`} incident={incident} />
          <SlaPanel key={`sla-${incident.id}`} incident={incident} />
          <PriorityPanel key={`${incident.id}-${incident.impact}-${incident.urgency}-${incident.priorityOverride ?? ''}`} incident={incident} matrix={info.matrix} />
          <RolesPanel key={`roles-${incident.id}`} incident={incident} />
          <RespondersPanel key={`responders-${incident.id}`} incident={incident} />
          <TasksPanel key={`tasks-${incident.id}`} incident={incident} />
          <RelationsPanel key={`relations-${incident.id}`} incident={incident} />
          <MilestonesPanel key={`milestones-${incident.id}`} incident={incident} />
          <DetailsPanel incident={incident} />
        </div>
      </div>
    </article>
  );
}
