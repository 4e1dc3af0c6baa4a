/**
 * A link to one of the app's views (`/`, `/wall`, `/trends`, `/settings`, …) that works wherever
 * the page is: an Electron window routes on the hash of its one file (`#/wall`); in the browser
 * host the link goes to the root with the same hash route (`/#/wall`), because from a path route
 * such as `/trends` or `/report/incident/…` a bare `#/` would keep that path (and its view). The
 * access token, when the page was opened with one, rides along.
 */
export function viewHref(route: string, win: Pick<Window, 'location'> & { watchfloor?: unknown } = window): string {
  const hash = `#${route.startsWith('/') ? route : `/${route}`}`;
  if (win.watchfloor) return hash;
  const token = new URLSearchParams(win.location.search).get('token');
  return `/${token ? `?${new URLSearchParams({ token })}` : ''}${hash}`;
}
