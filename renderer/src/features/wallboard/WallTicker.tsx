import { memo } from 'react';
import type { TickerItem } from '../../../../shared/wallboard/ticker';
import type { AlertTickerItem } from '../../../../shared/wallboard/ticker-alerts';
import type { TickerEntry } from '../../../../shared/wallboard/ticker-feed';
import { formatTime } from '../../ui/format';
import { Ago } from './time-texts';
import './WallHeader.css';

const KIND_MARK: Record<TickerItem['kind'], string> = { created: '✚', status: '→', priority: '⇅', role: '⇄', major: '★' };

function ChangeItem({ item: t, utc }: { item: TickerItem; utc: boolean }) {
  return (
    <li className={`wall-ticker__item wall-ticker__item--${t.kind} wall-ticker__item--${t.priority}`}>
      <time className="wall-ticker__time">{formatTime(t.at, utc)}</time>{' '}
      <span className="wall-ticker__mark" aria-hidden="true">
        {KIND_MARK[t.kind]}
      </span>{' '}
      <span className="wall-ticker__id">{t.incidentId}</span> <span className="wall-ticker__text">{t.text}</span>
    </li>
  );
}

/**
 * A critical alert: a filled "⚠ CRITICAL ALERT" pill (shape and words, not only the colour), its
 * source, summary and age ("3m ago": the one ticker text that moves, at most once a second).
 */
function AlertItem({ item: a, utc }: { item: AlertTickerItem; utc: boolean }) {
  return (
    <li className="wall-ticker__item wall-ticker__item--alert" data-alert-source={a.source}>
      <time className="wall-ticker__time" dateTime={a.at}>
        {formatTime(a.at, utc)}
      </time>{' '}
      <span className="wall-ticker__alert">
        <span aria-hidden="true">⚠</span> {a.exercise ? 'EXERCISE ' : ''}CRITICAL ALERT
      </span>{' '}
      <span className="wall-ticker__id">{a.source}</span> <span className="wall-ticker__text">{a.summary}</span>{' '}
      {a.incidentId && <span className="wall-ticker__incident">→ {a.incidentId} </span>}
      <span className="wall-ticker__age">
        <Ago at={a.at} />
      </span>
    </li>
  );
}

/** Latest significant changes and critical alerts, newest first; static text (no scrolling). */
export const WallTicker = memo(function WallTicker({ items, utc, page }: { items: readonly TickerEntry[]; utc: boolean; page: string }) {
  return (
    <section className="wall-ticker" aria-label="Latest changes and critical alerts">
      <h2 className="visually-hidden">Latest changes and critical alerts</h2>
      {items.length === 0 ? (
        <p className="wall-ticker__empty">No recent changes</p>
      ) : (
        <ol className="wall-ticker__list">
          {items.map((t) => (t.kind === 'alert' ? <AlertItem key={t.key} item={t} utc={utc} /> : <ChangeItem key={t.key} item={t} utc={utc} />))}
        </ol>
      )}
      {page && <p className="wall-page">{page}</p>}
    </section>
  );
});
