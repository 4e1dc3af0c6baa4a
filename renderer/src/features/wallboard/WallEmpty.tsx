import { ClockText } from './time-texts';
import './WallBoardView.css';

/** The calm screen: nothing active on this board (or, before the first load, nothing known yet). */
export function WallEmpty({ filterText, loading = false }: { filterText: string; loading?: boolean }) {
  return (
    <div className="wall-empty">
      <p className="wall-empty__mark" aria-hidden="true">
        {loading ? '…' : '✓'}
      </p>
      <h2 className="wall-empty__title">{loading ? 'Loading incidents…' : 'No active incidents'}</h2>
      {filterText && <p className="wall-empty__filter">{filterText}</p>}
      <p className="wall-empty__clock">
        <ClockText utc={false} />
      </p>
      <p className="wall-empty__utc">
        <ClockText utc seconds={false} /> UTC
      </p>
    </div>
  );
}
