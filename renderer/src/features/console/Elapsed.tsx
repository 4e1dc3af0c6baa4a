import { useClock } from '../../ui/clock-store';
import { formatDuration, utcTitle } from '../../ui/format';

/**
 * Time since `since`, ticking with the shared clock. The selector returns the formatted text, so
 * this span re-renders only when the text changes and nothing around it re-renders at all.
 */
export function Elapsed({ since, label, className }: { since: string; label?: string; className?: string }) {
  const start = Date.parse(since);
  const text = useClock((s) => formatDuration(s.now - start));
  return (
    <span className={className ?? 'console-elapsed'} title={`${label ?? 'Since'} ${utcTitle(since)}`}>
      {text}
    </span>
  );
}
