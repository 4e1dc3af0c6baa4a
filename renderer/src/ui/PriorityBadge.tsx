import type { Priority } from '../../../shared/domain/priority';
import './badges.css';

const SHAPE: Record<Priority, string> = { P1: '▲', P2: '◆', P3: '●', P4: '■', P5: '○' };

/**
 * Colour never carries meaning alone: the badge always says P1…P5, with a shape per priority.
 * Assistive technology reads it as one image named "Priority P1" (an aria-label on a plain span
 * is not reliably announced, and axe flags it for review).
 */
export function PriorityBadge({ priority, size = 'md' }: { priority: Priority; size?: 'md' | 'lg' | 'xl' }) {
  return (
    <span className={`priority-badge priority-${priority} size-${size}`} role="img" aria-label={`Priority ${priority}`}>
      <span aria-hidden="true">{SHAPE[priority]}</span> {priority}
    </span>
  );
}
