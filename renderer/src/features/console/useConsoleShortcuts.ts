import { useEffect } from 'react';
import type { IncidentState } from '../../../../shared/domain/incident';
import { ENTRY_KIND_LABELS } from '../../../../shared/domain/vocabulary';
import { useConsole } from './console-store';
import { isPaletteShortcut, kindForShortcut, listIndexForShortcut } from './shortcuts';

/**
 * Console-wide keys: Ctrl+K palette, Ctrl+1…9 the n-th incident in the list, Alt+1…6 entry kind
 * (and focus the quick-entry box). Ignored while a modal is open, except Ctrl+K which toggles.
 */
export function useConsoleShortcuts(list: readonly IncidentState[]): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      const store = useConsole.getState();
      if (isPaletteShortcut(e)) {
        e.preventDefault();
        store.setPaletteOpen(!store.paletteOpen);
        return;
      }
      if (store.paletteOpen || store.createOpen) return;
      const index = listIndexForShortcut(e);
      if (index !== undefined) {
        const target = list[index];
        if (!target) return;
        e.preventDefault();
        store.select(target.id);
        store.announce(`${target.id} ${target.priority} ${target.title} selected`);
        return;
      }
      const kind = kindForShortcut(e);
      if (kind && store.selectedId) {
        e.preventDefault();
        store.setDraft(store.selectedId, { kind });
        store.focusQuickEntry();
        store.announce(`Entry kind: ${ENTRY_KIND_LABELS[kind]}`);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [list]);
}
