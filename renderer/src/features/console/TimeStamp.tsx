import { useTimeFormat } from './hooks';
import { isSameDay } from './time-input';

/** A time in the operator's zone (local or UTC), with the full UTC time on hover. Date shown when not today. */
export function TimeStamp({ iso, withDate, className }: { iso: string; withDate?: boolean; className?: string }) {
  const { time, title, utc } = useTimeFormat();
  const date = withDate ?? !isSameDay(new Date(iso), new Date(), utc);
  return (
    <time className={className} dateTime={iso} title={title(iso)}>
      {time(iso, date)}
    </time>
  );
}
