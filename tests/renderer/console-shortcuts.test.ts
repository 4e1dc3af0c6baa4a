import { describe, expect, it } from 'vitest';
import { isPaletteShortcut, isSubmitShortcut, kindForShortcut, listIndexForShortcut, QUICK_KINDS } from '../../renderer/src/features/console/shortcuts';

const key = (k: string, code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({
  key: k,
  code,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('Alt+1…6 pick the quick-entry kind in order, by physical key', () => {
    expect(QUICK_KINDS).toEqual(['note', 'decision', 'action', 'communication', 'external', 'status_update']);
    expect(kindForShortcut(key('1', 'Digit1', { altKey: true }))).toBe('note');
    expect(kindForShortcut(key('¡', 'Digit1', { altKey: true }))).toBe('note'); // macOS Option+1
    expect(kindForShortcut(key('6', 'Digit6', { altKey: true }))).toBe('status_update');
    expect(kindForShortcut(key('7', 'Digit7', { altKey: true }))).toBeUndefined();
    expect(kindForShortcut(key('2', 'Digit2'))).toBeUndefined();
    expect(kindForShortcut(key('2', 'Digit2', { altKey: true, ctrlKey: true }))).toBeUndefined();
  });
  it('Ctrl+1…9 (or ⌘) select the n-th incident', () => {
    expect(listIndexForShortcut(key('1', 'Digit1', { ctrlKey: true }))).toBe(0);
    expect(listIndexForShortcut(key('9', 'Numpad9', { metaKey: true }))).toBe(8);
    expect(listIndexForShortcut(key('0', 'Digit0', { ctrlKey: true }))).toBeUndefined();
    expect(listIndexForShortcut(key('1', 'Digit1', { ctrlKey: true, shiftKey: true }))).toBeUndefined();
    expect(listIndexForShortcut(key('1', 'Digit1'))).toBeUndefined();
  });
  it('Ctrl+K opens the palette and Ctrl+Enter submits', () => {
    expect(isPaletteShortcut(key('k', 'KeyK', { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('K', 'KeyK', { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('k', 'KeyK'))).toBe(false);
    expect(isSubmitShortcut(key('Enter', 'Enter', { ctrlKey: true }))).toBe(true);
    expect(isSubmitShortcut(key('Enter', 'Enter'))).toBe(false);
  });
});
