import { memo } from 'react';
import type { TimelineItem } from './timeline-model';
import { TimeStamp } from './TimeStamp';
import './Timeline.css';

type ChangeItem = Extract<TimelineItem, { type: 'change' }>;

/** A recorded change (status, priority, roles, tasks…) as a sentence. */
export const TimelineChange = memo(function TimelineChange({ item }: { item: ChangeItem }) {
  return (
    <li className={`console-tl-item is-change${item.unknown ? ' is-unknown' : ''}`} data-event-type={item.eventType}>
      <span className="console-tl-time">
        <TimeStamp iso={item.at} />
      </span>
      <div className="console-tl-body">
        <p className="console-tl-sentence">
          {item.text} <span className="console-tl-actor">— {item.actor}</span>
        </p>
        {item.detail && <p className="console-tl-detail">{item.detail}</p>}
      </div>
    </li>
  );
});
