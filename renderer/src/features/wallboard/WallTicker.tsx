import { memo } from 'react';
import type { TickerItem } from '../../../../shared/wallboard/ticker';
import { tickerTime } from './ticker-time';
import './WallHeader.css';

const KIND_MARK: Record<TickerItem['kind'], string> = { created: '✚', status: '→', priority: '⇅', role: '⇄', major: '★' };

/** Latest significant changes, newest first; static text (no scrolling), times of day so it never ticks. */
export const WallTicker = memo(function WallTicker({ items, utc, page }: { items: readonly TickerItem[]; utc: boolean; page: string }) {
  return (
    <section className="wall-ticker" aria-label="Latest changes">
      <h2 className="visually-hidden">Latest changes</h2>
      {items.length === 0 ? (
        <p className="wall-ticker__empty">No recent changes</p>
      ) : (
        <ol className="wall-ticker__list">
          {items.map((t) => (
            <li key={t.key} className={`wall-ticker__item wall-ticker__item--${t.kind} wall-ticker__item--${t.priority}`}>
              <time className="wall-ticker__time">{tickerTime(t.at, utc)}</time>{' '}
              <span className="wall-ticker__mark" aria-hidden="true">
                {KIND_MARK[t.kind]}
              </span>{' '}
              <span className="wall-ticker__id">{t.incidentId}</span> <span className="wall-ticker__text">{t.text}</span>
            </li>
          ))}
        </ol>
      )}
      {page && <p className="wall-page">{page}</p>}
    </section>
  );
});
