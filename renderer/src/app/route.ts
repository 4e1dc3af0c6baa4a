import { useMemo, useSyncExternalStore } from 'react';

export type View = { name: 'console' } | { name: 'wall'; params: URLSearchParams };

/**
 * The wall board answers at `/wall` (browser host) and `#/wall` (Electron windows load a file,
 * so they route on the hash); everything else is the coordinator console.
 */
export function viewOf(loc: Pick<Location, 'pathname' | 'hash' | 'search'>): View {
  const hashPath = loc.hash.replace(/^#/, '');
  const [hashRoute, hashQuery = ''] = hashPath.split('?');
  if (hashRoute === '/wall') return { name: 'wall', params: new URLSearchParams(hashQuery) };
  if (/\/wall\/?$/.test(loc.pathname)) return { name: 'wall', params: new URLSearchParams(loc.search) };
  return { name: 'console' };
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

export function useView(): View {
  const href = useSyncExternalStore(subscribe, () => location.href);
  return useMemo(() => viewOf(new URL(href)), [href]);
}
