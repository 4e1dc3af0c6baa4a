import { useEffect } from 'react';
import type { BoardTheme } from '../../../../shared/wallboard/board-config';
import { useWorkspace } from '../../state/workspace-store';

/**
 * The board's theme: the URL's `theme` wins over the workspace setting. App also writes the
 * workspace theme to <html data-theme> (after this child's effect), so the board re-asserts its
 * own choice when the attribute changes, and restores the workspace theme when it unmounts.
 */
export function useBoardTheme(forced: BoardTheme | undefined): BoardTheme {
  const setting = useWorkspace((s) => s.info?.settings.theme ?? 'dark');
  const theme = forced ?? setting;
  useEffect(() => {
    const root = document.documentElement;
    const apply = () => {
      if (root.dataset.theme !== theme) root.dataset.theme = theme;
    };
    apply();
    const observer = typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(apply);
    observer?.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      observer?.disconnect();
      root.dataset.theme = setting;
    };
  }, [theme, setting]);
  return theme;
}
