import type { EntryKind } from '../../../../shared/domain/vocabulary';

/** Quick-entry kinds in shortcut order: Alt+1 … Alt+6. */
export const QUICK_KINDS: readonly EntryKind[] = ['note', 'decision', 'action', 'communication', 'external', 'status_update'];

export type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

/** 1–9 from the digit row or keypad, by physical key (Alt+digit types other characters on some layouts). */
function digitOf(e: KeyLike): number | undefined {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code) ?? /^([1-9])$/.exec(e.key);
  return m ? Number(m[1]) : undefined;
}

/** Alt+1…6 → entry kind for the quick-entry box. */
export function kindForShortcut(e: KeyLike): EntryKind | undefined {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return undefined;
  const d = digitOf(e);
  return d ? QUICK_KINDS[d - 1] : undefined;
}

/** Ctrl+1…9 (⌘ on macOS) → zero-based position in the incident list. */
export function listIndexForShortcut(e: KeyLike): number | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return undefined;
  const d = digitOf(e);
  return d ? d - 1 : undefined;
}

/** Ctrl+K (⌘K) opens the command palette. */
export function isPaletteShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

/** Ctrl+Enter (⌘↩) submits the quick entry. */
export function isSubmitShortcut(e: KeyLike): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && e.key === 'Enter';
}
