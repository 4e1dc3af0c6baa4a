/** Human text for clocks: "update due in 4 min", "resolution breached 12 min ago", "acknowledge met". */
import { DAY, HOUR, MINUTE } from './calendar';
import type { SlaClock } from './clocks';

/** "45 min", "2 h 5 min", "3 d 4 h"; `round` picks how partial minutes count. */
export function formatDuration(durationMs: number, round: 'up' | 'down' = 'down'): string {
  const minutes = round === 'up' ? Math.ceil(durationMs / MINUTE) : Math.floor(durationMs / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < DAY / MINUTE) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(minutes / (DAY / MINUTE));
  const h = Math.floor((minutes % (DAY / MINUTE)) / (HOUR / MINUTE));
  return h ? `${d} d ${h} h` : `${d} d`;
}

function ago(durationMs: number): string {
  return durationMs < MINUTE ? 'just now' : `${formatDuration(durationMs)} ago`;
}

export function describeClock(clock: SlaClock, now: number): string {
  const label = clock.label;
  switch (clock.state) {
    case 'not_applicable':
      return `${label} not applicable`;
    case 'met':
      return `${label} met`;
    case 'breached':
      if (clock.metAt !== null) return `${label} met ${formatDuration(-clock.remainingMs, 'up')} late`;
      return `${label} breached ${ago(now - (clock.breachedAt ?? now))}`;
    case 'paused':
      return `${label} paused${clock.pausedBy === 'calendar' ? ' outside business hours' : ''}, ${formatDuration(clock.remainingMs, 'up')} left`;
    case 'running':
    case 'warning': {
      const left = (clock.dueAt ?? now) - now;
      return left <= 0 ? `${label} due now` : `${label} due in ${formatDuration(left, 'up')}`;
    }
  }
}
