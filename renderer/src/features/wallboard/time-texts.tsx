import { useMemo } from 'react';
import type { SlaClock } from '../../../../shared/sla/clocks';
import { describeClock } from '../../../../shared/sla/describe';
import { useClock } from '../../ui/clock-store';
import { formatDuration } from '../../ui/format';

/*
 * The only components that follow the ticking clock. Each selects a formatted string, so it
 * re-renders only when its own text changes (every second under a minute, every minute after).
 */

/** Time elapsed since `since`, e.g. "1h 05m". */
export function Elapsed({ since }: { since: string }) {
  const t = Date.parse(since);
  const text = useClock((s) => formatDuration(s.now - t));
  return <span className="wall-time">{text}</span>;
}

/** "12m ago" (seconds under a minute). */
export function Ago({ at }: { at: string }) {
  const t = Date.parse(at);
  const text = useClock((s) => formatDuration(s.now - t));
  return <span className="wall-time">{text} ago</span>;
}

/**
 * The sentence for a narrow tile: a pause without its reason ("…paused, 1 h left"; the mark says
 * paused), a breach without "ago" ("resolution breached 12 min"), "1st update".
 */
export function shortClockText(text: string): string {
  return text
    .replace(' outside business hours', '')
    .replace(/^first update/, '1st update')
    .replace(/( breached .+) ago$/, '$1');
}

/**
 * An SLA clock's sentence ("update due in 4 min", "resolution breached 12 min ago", from
 * describeClock); changes about once a minute. `short`: see shortClockText.
 */
export function SlaText({ clock, short = false }: { clock: SlaClock; short?: boolean }) {
  const text = useClock((s) => {
    const t = describeClock(clock, s.now);
    return short ? shortClockText(t) : t;
  });
  return <span className="wall-time">{text}</span>;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "14:05:32" in local time or UTC. */
export function clockText(now: number, utc: boolean, seconds = true): string {
  const d = new Date(now);
  const h = utc ? d.getUTCHours() : d.getHours();
  const m = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  return seconds ? `${two(h)}:${two(m)}:${two(s)}` : `${two(h)}:${two(m)}`;
}

export function ClockText({ utc, seconds = true, className }: { utc: boolean; seconds?: boolean; className?: string }) {
  const text = useClock((s) => clockText(s.now, utc, seconds));
  return <time className={className}>{text}</time>;
}

/**
 * Rotation progress of the current page: one CSS animation per page, started at the page's
 * elapsed time, so the bar moves on the compositor and never re-renders on a tick.
 */
export function RotationProgress({ periodMs }: { periodMs: number }) {
  const epoch = useClock((s) => Math.floor(s.now / periodMs));
  // Read once per page (epoch), not on every tick.
  const elapsed = useMemo(() => useClock.getState().now % periodMs, [epoch, periodMs]);
  return (
    <div className="wall-progress" aria-hidden="true">
      {/* keyed by page so the bar restarts instead of sliding back */}
      <div key={epoch} className="wall-progress__bar" style={{ animationDuration: `${periodMs}ms`, animationDelay: `${-elapsed}ms` }} />
    </div>
  );
}
