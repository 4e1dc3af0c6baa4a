import { useSyncExternalStore } from 'react';

export interface Viewport {
  width: number;
  height: number;
}

let cached: Viewport = { width: 1920, height: 1080 };

function read(): Viewport {
  const w = window.innerWidth || document.documentElement.clientWidth || 1920;
  const h = window.innerHeight || document.documentElement.clientHeight || 1080;
  if (w !== cached.width || h !== cached.height) cached = { width: w, height: h };
  return cached;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** The window's size in CSS px; changes only on resize. */
export function useViewport(): Viewport {
  return useSyncExternalStore(subscribe, read, () => cached);
}
