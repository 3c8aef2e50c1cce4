import { useEffect, useState } from 'react';

export const ROUTES = ['lab', 'colony', 'friend', 'data'] as const;
export type Route = (typeof ROUTES)[number];

/** The page is kept in the hash (`#/lab?…`), so a static server at any sub-path serves every page. */
export function parseHash(hash: string): { route: Route; query: URLSearchParams } {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const route = (ROUTES as readonly string[]).includes(path) ? (path as Route) : 'lab';
  return { route, query: new URLSearchParams(query) };
}

export function useHashRoute() {
  const [state, setState] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setState(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return state;
}
