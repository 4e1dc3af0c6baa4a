import { useMemo } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { useWriterNames } from '../../state/writer-names';
import { useConsole } from './console-store';
import { useReadOnly, useTimeFormat } from './hooks';
import { buildTimeline, filterTimeline, timelinePeople } from './timeline-model';
import { TimelineChange } from './TimelineChange';
import { TimelineEntry } from './TimelineEntry';
import { TimelineFilters } from './TimelineFilters';
import './Timeline.css';

/** Everything that happened, newest first, filterable by kind and person. */
export function Timeline({ incident }: { incident: IncidentState }) {
  const { smart } = useTimeFormat();
  const filters = useConsole((s) => s.timelineFilters);
  const readOnly = useReadOnly();
  const writerName = useWriterNames();
  const items = useMemo(() => buildTimeline(incident, smart, writerName), [incident, smart, writerName]);
  const people = useMemo(() => timelinePeople(items), [items]);
  const shown = useMemo(() => filterTimeline(items, filters).reverse(), [items, filters]);

  return (
    <section className="console-timeline" aria-labelledby="console-timeline-title">
      <TimelineFilters people={people} shown={shown.length} total={items.length} />
      <ol className="console-tl-list" aria-labelledby="console-timeline-title">
        {shown.map((item) =>
          item.type === 'entry' ? (
            <TimelineEntry key={item.key} item={item} incidentId={incident.id} canCorrect={!readOnly} />
          ) : (
            <TimelineChange key={item.key} item={item} />
          ),
        )}
      </ol>
      {shown.length === 0 && <p className="console-tl-empty">Nothing matches these filters.</p>}
    </section>
  );
}
