import { useEffect } from 'react';
import type { BoardTheme } from '../../../../shared/wallboard/board-config';
import { useWorkspace } from '../../state/workspace-store';

/**
 * The board's theme: the URL's `theme` wins over the workspace setting. Written to
 * <html data-theme> (App leaves it alone on the wall view); the workspace theme is put back when
 * the board unmounts.
 */
export function useBoardTheme(forced: BoardTheme | undefined): BoardTheme {
  const setting = useWorkspace((s) => s.info?.settings.theme ?? 'dark');
  const theme = forced ?? setting;
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    return () => {
      root.dataset.theme = setting;
    };
  }, [theme, setting]);
  return theme;
}
