import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { isActive } from '../../../../shared/domain/lifecycle';
import { attentionReasons, type AttentionReason } from '../../../../shared/wallboard/attention';
import { parseBoardConfig } from '../../../../shared/wallboard/board-config';
import { overdueKeyAt, updateDeadlines } from '../../../../shared/wallboard/cadence';
import { describeFilters, matchesFilters } from '../../../../shared/wallboard/filters';
import { layoutBoard, WALL_METRICS } from '../../../../shared/wallboard/layout';
import { orderForBoard } from '../../../../shared/wallboard/order';
import { paginate } from '../../../../shared/wallboard/pagination';
import { countByPriority } from '../../../../shared/wallboard/summary';
import { latestSignificant } from '../../../../shared/wallboard/ticker';
import { startClock, useClock } from '../../ui/clock-store';
import { useWorkspace } from '../../state/workspace-store';
import { useAcknowledgements } from './use-acknowledgements';
import { useBoardTheme } from './use-board-theme';
import { useViewport } from './use-viewport';
import { RotationProgress } from './time-texts';
import { WallEmpty } from './WallEmpty';
import { WallHeader } from './WallHeader';
import { WallHero } from './WallHero';
import { WallTicker } from './WallTicker';
import { WallTile } from './WallTile';
import './WallBoardView.css';

const TICKER_ITEMS = 6;
const NO_INCIDENTS: IncidentState[] = [];

/** The incidents this board shows, in board order, plus what the header and ticker need. Re-computed only when incidents change. */
function useBoardIncidents(filters: ReturnType<typeof parseBoardConfig>['filters']) {
  const all = useWorkspace((s) => s.incidents);
  return useMemo(() => {
    const matching = Object.values(all).filter((i) => matchesFilters(i, filters));
    const active = matching.filter((i) => isActive(i.status));
    return {
      ordered: active.length ? orderForBoard(active) : NO_INCIDENTS,
      // Resolutions and cancellations are news too, so the ticker also reads inactive incidents.
      ticker: latestSignificant(matching, TICKER_ITEMS),
    };
  }, [all, filters]);
}

/**
 * The control-room wall board: one tile per active incident, readable from across the room.
 * Read-only: it never calls a mutating API method; acknowledging attention is local to the board.
 * Re-renders on incident changes, on a deadline passing and on page turns, never on a clock tick.
 */
export function WallBoardView({ params }: { params: URLSearchParams }) {
  const config = useMemo(() => parseBoardConfig(params), [params]);
  const theme = useBoardTheme(config.theme);
  useEffect(() => startClock(), []);

  const settings = useWorkspace((s) => s.info?.settings);
  const viewport = useViewport();
  const [acknowledged, acknowledge] = useAcknowledgements(config.boardKey);
  const { ordered, ticker } = useBoardIncidents(config.filters);

  // Overdue marks change when a deadline passes: select the overdue set as a string so the board
  // re-renders then, and not on every tick.
  const deadlines = useMemo(() => updateDeadlines(ordered), [ordered]);
  const overdueKey = useClock((s) => overdueKeyAt(deadlines, s.now));
  const overdue = useMemo(() => new Set(overdueKey ? overdueKey.split('\n') : []), [overdueKey]);

  const attention = useMemo(() => {
    const now = useClock.getState().now;
    const byId = new Map<string, AttentionReason[]>();
    for (const i of ordered) {
      const reasons = attentionReasons(i, acknowledged, now);
      if (reasons.length) byId.set(i.id, reasons);
    }
    return byId;
    // overdueKey is a dependency on purpose: recompute when an update goes overdue.
  }, [ordered, acknowledged, overdueKey]);
  const attentionRef = useRef(attention);
  useEffect(() => {
    attentionRef.current = attention;
  }, [attention]);
  const onAcknowledge = useCallback(
    (id: string) => acknowledge((attentionRef.current.get(id) ?? []).map((r) => r.key)),
    [acknowledge],
  );
  const attentionOf = (id: string) => (attention.get(id) ?? []).map((r) => r.kind).join(' ');

  const isPinned = useCallback((i: IncidentState) => i.priority === 'P1' || overdue.has(i.id), [overdue]);
  const pinnedCount = useMemo(() => ordered.filter(isPinned).length, [ordered, isPinned]);
  const major = useMemo(() => ordered.find((i) => i.major), [ordered]);

  const layout = useMemo(
    () =>
      layoutBoard({
        screenWidth: viewport.width,
        screenHeight: viewport.height,
        count: ordered.length,
        pinned: pinnedCount,
        hero: Boolean(major),
        scale: config.scale,
      }),
    [viewport, ordered.length, pinnedCount, major, config.scale],
  );

  const hero = layout.mode === 'single' ? ordered[0] : layout.hero ? major : undefined;
  const gridItems = useMemo(() => (layout.mode === 'grid' && hero ? ordered.filter((i) => i !== hero) : ordered), [layout.mode, hero, ordered]);
  const pages = useMemo(
    () => (layout.mode === 'grid' ? paginate(gridItems, layout.tilesPerPage, isPinned) : [gridItems]),
    [layout.mode, layout.tilesPerPage, gridItems, isPinned],
  );
  const rotateMs = config.rotateSeconds * 1000;
  const pageCount = pages.length;
  const pageIndex = useClock((s) => (pageCount > 1 ? Math.floor(s.now / rotateMs) % pageCount : 0));
  const page = pages[Math.min(pageIndex, pageCount - 1)] ?? NO_INCIDENTS;

  const filterText = describeFilters(config.filters);
  const pageText = pageCount > 1 ? `Page ${pageIndex + 1} of ${pageCount}${pinnedCount ? ' · P1 & overdue pinned' : ''}` : '';
  const counts = useMemo(() => countByPriority(ordered), [ordered]);

  const u = layout.unit;
  const boardStyle = { '--wall-u': `${u}px`, '--wall-header-h': layout.headerHeight } as CSSProperties;
  const entryLines = layout.entryLines;
  const gridStyle = {
    gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
    '--wall-tile-fs': `${(28 * u * layout.fontScale).toFixed(2)}px`,
    '--wall-entry-lines': Math.max(1, entryLines),
    '--wall-entry-lines-attn': Math.max(1, entryLines - 1),
  } as CSSProperties;
  const gridClass = ['wall-grid', entryLines < 1 ? 'wall-grid--no-entry' : '', entryLines < 2 ? 'wall-grid--attn-no-entry' : ''].join(' ').trim();

  return (
    <div className="wall-board" data-theme={theme} data-motion={config.reducedMotion ? 'reduced' : undefined} data-mode={layout.mode} data-narrow={layout.headerHeight > WALL_METRICS.headerHeight ? '' : undefined} style={boardStyle}>
      <WallHeader
        siteName={settings?.siteName ?? 'Watchfloor'}
        filterText={filterText}
        counts={layout.mode === 'empty' ? null : counts}
        overdue={overdue.size}
        showClock={layout.mode !== 'empty'}
      />
      <WallTicker items={ticker} utc={settings?.utcEverywhere ?? false} page={pageText} />
      <main className={hero && layout.mode === 'grid' ? 'wall-main wall-main--with-hero' : 'wall-main'} aria-label="Active incidents">
        {layout.mode === 'empty' && <WallEmpty filterText={filterText} />}
        {layout.mode === 'heroes' &&
          layout.hero &&
          ordered.map((i) => (
            <div key={i.id} className="wall-main__hero" style={{ '--wall-hero-fs': `${(28 * u * layout.hero!.fontScale).toFixed(2)}px` } as CSSProperties}>
              <WallHero incident={i} overdue={overdue.has(i.id)} attention={attentionOf(i.id)} columns={layout.hero!.columns} onAcknowledge={onAcknowledge} />
            </div>
          ))}
        {hero && layout.hero && layout.mode !== 'heroes' && (
          <div
            className="wall-main__hero"
            style={{ width: layout.mode === 'grid' ? `${layout.hero.width}px` : undefined, '--wall-hero-fs': `${(28 * u * layout.hero.fontScale).toFixed(2)}px` } as CSSProperties}
          >
            <WallHero
              incident={hero}
              overdue={overdue.has(hero.id)}
              attention={attentionOf(hero.id)}
              columns={layout.hero.columns}
              onAcknowledge={onAcknowledge}
            />
          </div>
        )}
        {layout.mode === 'grid' && (
          <div className={gridClass} style={gridStyle}>
            {page.map((i) => (
              <WallTile
                key={i.id}
                incident={i}
                overdue={overdue.has(i.id)}
                attention={attentionOf(i.id)}
                pinned={pageCount > 1 && isPinned(i)}
                onAcknowledge={onAcknowledge}
              />
            ))}
          </div>
        )}
      </main>
      <footer className="wall-footer">{pageCount > 1 && <RotationProgress periodMs={rotateMs} />}</footer>
    </div>
  );
}
