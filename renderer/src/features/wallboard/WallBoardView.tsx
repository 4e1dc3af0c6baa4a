import { useCallback, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { attentionKinds, attentionReasons } from '../../../../shared/wallboard/attention';
import { parseBoardConfig } from '../../../../shared/wallboard/board-config';
import type { BoardModel } from '../../../../shared/wallboard/board-model';
import { describeFilters } from '../../../../shared/wallboard/filters';
import { layoutBoard, WALL_METRICS, type BoardLayout } from '../../../../shared/wallboard/layout';
import { paginate } from '../../../../shared/wallboard/pagination';
import { startClock, useClock } from '../../ui/clock-store';
import { useWorkspace } from '../../state/workspace-store';
import { useAcknowledgements } from './use-acknowledgements';
import { useBoardModel } from './use-board-model';
import { useBoardTheme } from './use-board-theme';
import { useCriticalAlerts } from './use-critical-alerts';
import { useViewport } from './use-viewport';
import { RotationProgress } from './time-texts';
import { WallEmpty } from './WallEmpty';
import { WallHeader } from './WallHeader';
import { WallHero } from './WallHero';
import { WallTicker } from './WallTicker';
import { TickingTile, WallTile } from './WallTile';
import './WallBoardView.css';

const NO_INCIDENTS: readonly IncidentState[] = [];

/** Which incidents go where: the hero panel, and the pages of the grid (pinned ones on each). */
function usePages(model: BoardModel, layout: BoardLayout) {
  const { ordered, pinned, major } = model;
  const hero = layout.mode === 'single' ? ordered[0] : layout.hero ? major : undefined;
  const gridItems = useMemo(() => (layout.mode === 'grid' && hero ? ordered.filter((i) => i !== hero) : ordered), [layout.mode, hero, ordered]);
  const pages = useMemo(
    () => (layout.mode === 'grid' ? paginate(gridItems, layout.tilesPerPage, (i) => pinned.has(i.id)) : [gridItems]),
    [layout.mode, layout.tilesPerPage, gridItems, pinned],
  );
  return { hero, pages };
}

/**
 * The control-room wall board: one tile per active incident, readable from across the room.
 * Read-only: it never calls a mutating API method; acknowledging attention is local to the board.
 * Re-renders on incident changes, when an SLA clock changes state and on page turns, never on an
 * ordinary clock tick: then only the time texts inside the tiles (countdowns, ages) re-render.
 */
export function WallBoardView({ params }: { params: URLSearchParams }) {
  const config = useMemo(() => parseBoardConfig(params), [params]);
  const theme = useBoardTheme(config.theme);
  useEffect(() => startClock(), []);

  const settings = useWorkspace((s) => s.info?.settings);
  // Never claim "No active incidents" before the first load answered.
  const loaded = useWorkspace((s) => s.incidentsLoaded);
  const viewport = useViewport();
  const [acknowledged, acknowledge] = useAcknowledgements(config.boardKey);
  const alerts = useCriticalAlerts();
  const { model, ticker } = useBoardModel(config.filters, config.rerenderAll, alerts);
  const { ordered, sla, pinned, major } = model;

  const layout = useMemo(
    () =>
      layoutBoard({
        screenWidth: viewport.width,
        screenHeight: viewport.height,
        count: ordered.length,
        pinned: pinned.size,
        hero: Boolean(major),
        scale: config.scale,
      }),
    [viewport, ordered.length, pinned.size, major, config.scale],
  );
  const { hero, pages } = usePages(model, layout);
  const rotateMs = config.rotateSeconds * 1000;
  const pageCount = pages.length;
  const pageIndex = useClock((s) => (pageCount > 1 ? Math.floor(s.now / rotateMs) % pageCount : 0));
  const page = pages[Math.min(pageIndex, pageCount - 1)] ?? NO_INCIDENTS;

  // Attention of the incidents on screen only (a page at most), from the SLA evaluation.
  const modelRef = useRef(model);
  useEffect(() => {
    modelRef.current = model;
  }, [model]);
  const onAcknowledge = useCallback(
    (id: string) => {
      const m = modelRef.current;
      const incident = m.ordered.find((i) => i.id === id);
      if (incident) acknowledge(attentionReasons(incident, m.sla.get(id), new Set()).map((r) => r.key));
    },
    [acknowledge],
  );
  const attentionOf = (i: IncidentState) => attentionKinds(attentionReasons(i, sla.get(i.id), acknowledged));

  const filterText = describeFilters(config.filters);
  const pageText = pageCount > 1 ? `Page ${pageIndex + 1} of ${pageCount}${pinned.size ? ' · P1 & breached pinned' : ''}` : '';

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
  const gridClass = ['wall-grid', `wall-grid--${layout.tile}`, entryLines < 1 ? 'wall-grid--no-entry' : '', entryLines < 2 ? 'wall-grid--attn-no-entry' : ''].join(' ').replace(/ +/g, ' ').trim();
  const heroFs = (scale: number) => `${(28 * u * scale).toFixed(2)}px`;
  const Tile = config.rerenderAll ? TickingTile : WallTile;

  return (
    <div
      className="wall-board"
      data-theme={theme}
      data-motion={config.reducedMotion ? 'reduced' : undefined}
      data-mode={layout.mode}
      data-narrow={layout.headerHeight > WALL_METRICS.headerHeight ? '' : undefined}
      style={boardStyle}
    >
      <WallHeader
        siteName={settings?.siteName ?? 'Watchfloor'}
        filterText={filterText}
        counts={layout.mode === 'empty' ? null : model.counts}
        breaching={model.summary.breaching}
        nearBreach={model.summary.nearBreach}
        showClock={layout.mode !== 'empty'}
      />
      <WallTicker items={ticker} utc={settings?.utcEverywhere ?? false} page={pageText} />
      <main className={hero && layout.mode === 'grid' ? 'wall-main wall-main--with-hero' : 'wall-main'} aria-label="Active incidents">
        {layout.mode === 'empty' && <WallEmpty filterText={filterText} loading={!loaded} />}
        {layout.mode === 'heroes' &&
          layout.hero &&
          ordered.map((i) => (
            <div key={i.id} className="wall-main__hero" style={{ '--wall-hero-fs': heroFs(layout.hero!.fontScale) } as CSSProperties}>
              <WallHero incident={i} sla={sla.get(i.id)} attention={attentionOf(i)} columns={layout.hero!.columns} onAcknowledge={onAcknowledge} />
            </div>
          ))}
        {hero && layout.hero && layout.mode !== 'heroes' && (
          <div className="wall-main__hero" style={{ width: layout.mode === 'grid' ? `${layout.hero.width}px` : undefined, '--wall-hero-fs': heroFs(layout.hero.fontScale) } as CSSProperties}>
            <WallHero incident={hero} sla={sla.get(hero.id)} attention={attentionOf(hero)} columns={layout.hero.columns} onAcknowledge={onAcknowledge} />
          </div>
        )}
        {layout.mode === 'grid' && (
          <div className={gridClass} style={gridStyle}>
            {page.map((i) => (
              <Tile
                key={i.id}
                incident={i}
                sla={sla.get(i.id)}
                attention={attentionOf(i)}
                pinned={pageCount > 1 && pinned.has(i.id)}
                kind={layout.tile}
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
