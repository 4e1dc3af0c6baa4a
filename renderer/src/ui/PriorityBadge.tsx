import type { Priority } from '../../../shared/domain/priority';
import './badges.css';

/** Colour never carries meaning alone: the badge always says P1…P5, and P1/P2 add a shape. */
const SHAPE: Record<Priority, string> = { P1: '▲', P2: '◆', P3: '●', P4: '■', P5: '○' };

export function PriorityBadge({ priority, size = 'md' }: { priority: Priority; size?: 'md' | 'lg' | 'xl' }) {
  return (
    <span className={`priority-badge priority-${priority} size-${size}`} aria-label={`Priority ${priority}`}>
      <span aria-hidden="true">{SHAPE[priority]}</span> {priority}
    </span>
  );
}
