import { STATUS_LABELS, type Status } from '../../../shared/domain/lifecycle';
import './badges.css';

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`status-badge status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function FlagBadges({ major, exercise }: { major: boolean; exercise: boolean }) {
  return (
    <>
      {major && <span className="flag-badge flag-major">MAJOR</span>}
      {exercise && <span className="flag-badge flag-exercise">EXERCISE</span>}
    </>
  );
}
