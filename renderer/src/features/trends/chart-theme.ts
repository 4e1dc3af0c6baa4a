import { useMemo } from 'react';
import type { Priority } from '../../../../shared/domain/priority';
import type { SlaTarget } from '../../../../shared/sla/policy';
import { useWorkspace } from '../../state/workspace-store';

/**
 * Concrete colours for the SVG charts, read from the theme's CSS variables (attributes of an
 * exported SVG cannot refer to CSS variables, so the charts get plain values).
 */
export interface ChartColors {
  background: string;
  raised: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  accent: string;
  priority: Record<Priority, string>;
  target: Record<SlaTarget, string>;
  /** Median, 90th percentile, mean. */
  stat: { median: string; p90: string; mean: string };
  font: string;
}

/** SLA targets: Okabe–Ito hues lightened for a dark background, distinct from the priority colours in order. */
const TARGET_COLORS: Record<SlaTarget, string> = {
  acknowledge: '#56b4e9',
  firstUpdate: '#cc79a7',
  update: '#f0e442',
  mitigate: '#e69f00',
  resolve: '#3ccf9a',
};

export function readChartColors(root: HTMLElement = document.documentElement): ChartColors {
  const cs = getComputedStyle(root);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--bg', '#0d1117'),
    raised: v('--bg-raised', '#161b22'),
    text: v('--text', '#e6edf3'),
    muted: v('--text-muted', '#a3adb8'),
    grid: v('--border', '#30363d'),
    axis: v('--border-strong', '#6e7681'),
    accent: v('--accent', '#58a6ff'),
    priority: { P1: v('--p1', '#ff6b5b'), P2: v('--p2', '#e69f00'), P3: v('--p3', '#f0e442'), P4: v('--p4', '#56b4e9'), P5: v('--p5', '#b7c0c9') },
    target: TARGET_COLORS,
    stat: { median: v('--accent', '#58a6ff'), p90: v('--p2', '#e69f00'), mean: v('--kind-decision', '#d2a8ff') },
    font: getComputedStyle(document.body).fontFamily || 'sans-serif',
  };
}

/** The colours of the current theme (re-read when the theme changes). */
export function useChartColors(): ChartColors {
  const theme = useWorkspace((s) => s.info?.settings.theme ?? 'dark');
  return useMemo(() => readChartColors(), [theme]); // eslint-disable-line react-hooks/exhaustive-deps
}
