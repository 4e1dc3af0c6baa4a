import { memo } from 'react';
import { CONFLICT_MARK } from './conflict-sentence';
import type { TimelineItem } from './timeline-model';
import { TimeStamp } from './TimeStamp';
import './Timeline.css';

type ChangeItem = Extract<TimelineItem, { type: 'change' }>;

/** A recorded change (status, priority, roles, tasks…) as a sentence; marked when it overrode another writer's concurrent change. */
export const TimelineChange = memo(function TimelineChange({ item }: { item: ChangeItem }) {
  return (
    <li className={`console-tl-item is-change${item.unknown ? ' is-unknown' : ''}${item.conflicts ? ' is-conflict' : ''}`} data-event-type={item.eventType}>
      <span className="console-tl-time">
        <TimeStamp iso={item.at} />
      </span>
      <div className="console-tl-body">
        <p className="console-tl-sentence">
          {item.text} <span className="console-tl-actor">— {item.actor}</span>
        </p>
        {item.detail && <p className="console-tl-detail">{item.detail}</p>}
        {item.conflicts?.map((text) => (
          <p key={text} className="console-tl-conflict" role="note">
            <span className="console-tl-conflict-mark">
              <span aria-hidden="true">⇄</span> {CONFLICT_MARK}:
            </span>{' '}
            {text}
          </p>
        ))}
      </div>
    </li>
  );
});
