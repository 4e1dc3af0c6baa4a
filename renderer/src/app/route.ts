import { useMemo, useSyncExternalStore } from 'react';

export type ViewName = 'console' | 'wall' | 'trends' | 'report' | 'import' | 'inbox' | 'settings' | 'policies' | 'directory';

export interface View {
  name: ViewName;
  /** Path segments after the view name, e.g. ['incident', 'INC-2026-ABCDEF-3'] for a report. */
  rest: string[];
  params: URLSearchParams;
}

const NAMED: readonly ViewName[] = ['wall', 'trends', 'report', 'import', 'inbox', 'settings', 'policies', 'directory'];

function parse(path: string, query: string): View | undefined {
  const [first, ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const name = NAMED.find((n) => n === first);
  return name ? { name, rest, params: new URLSearchParams(query) } : undefined;
}

/**
 * Views answer at paths (`/wall`, `/trends`, `/report/...`: the browser host) and at the same
 * hash routes (`#/wall`; Electron windows load a file, so they route on the hash); anything else
 * is the coordinator console (whose own params, e.g. `#/?incident=ID`, ride along).
 */
export function viewOf(loc: Pick<Location, 'pathname' | 'hash' | 'search'>): View {
  const [hashPath = '', hashQuery = ''] = loc.hash.replace(/^#/, '').split('?');
  return (
    parse(hashPath, hashQuery) ??
    parse(loc.pathname, loc.search) ?? { name: 'console', rest: [], params: new URLSearchParams(hashQuery || loc.search) }
  );
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
