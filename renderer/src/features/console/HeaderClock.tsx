import { useClock } from '../../ui/clock-store';
import { formatTime } from '../../ui/format';
import './ConsoleHeader.css';

/** Local and UTC wall-clock time; re-renders once a minute. */
export function HeaderClock() {
  const minute = useClock((s) => Math.floor(s.now / 60_000));
  const at = minute * 60_000;
  return (
    <span className="console-clock" title={new Date(at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'}>
      <span className="console-clock-local">{formatTime(at, false)}</span>
      <span className="console-clock-utc">{formatTime(at, true)}</span>
    </span>
  );
}
