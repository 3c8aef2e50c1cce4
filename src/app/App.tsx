import { lazy, memo, Suspense } from 'react';
import { DataPage } from '../pages/DataPage';
import { SaveIndicator } from '../components/SaveIndicator';
import { EngineStateContext } from './engineStateContext';
import { PageErrorBoundary } from './PageErrorBoundary';
import { useEngineState } from './useEngineState';
import { ROUTES, useHashRoute, type Route } from './useHashRoute';

// The engine pages carry the heavy libraries (graph layout, charts): each is its own chunk, loaded
// when first opened (and precached by the service worker, so offline start still has them all).
const LabPage = lazy(() => import('../pages/LabPage').then((m) => ({ default: m.LabPage })));
const ColonyPage = lazy(() => import('../pages/ColonyPage').then((m) => ({ default: m.ColonyPage })));
const FriendPage = lazy(() => import('../pages/FriendPage').then((m) => ({ default: m.FriendPage })));

const TITLES: Record<Route, string> = { lab: 'Lab', colony: 'Colony', friend: 'Friend', data: 'Data' };

export function App() {
  const { route, query } = useHashRoute();
  const state = useEngineState();

  return (
    <EngineStateContext.Provider value={state}>
      <header className="topbar">
        <a className="brand" href="#/lab">
          Dreamlane
        </a>
        <nav aria-label="Main">
          {ROUTES.map((r) => (
            <a key={r} href={`#/${r}`} aria-current={r === route ? 'page' : undefined}>
              {TITLES[r]}
            </a>
          ))}
        </nav>
        <SaveIndicator lock={state.lock} save={state.save} />
      </header>
      <main>
        {state.openError && (
          <div role="alert" className="banner error">
            {state.openError}
          </div>
        )}
        {state.lock.role === 'standby' ? (
          <section className="banner standby" role="alert" aria-live="polite">
            <h2>
              {state.lock.reason === 'taken_over'
                ? 'The lab moved to another tab.'
                : 'The lab is open in another tab.'}
            </h2>
            <p>
              {state.lock.reason === 'taken_over'
                ? 'Only one tab writes at a time, so nothing is ever overwritten. Everything you did here was saved before the switch.'
                : 'Only one tab writes at a time, so nothing is ever overwritten. Choose "Use here" to work in this tab: the other tab saves its work and steps aside.'}
            </p>
            {route === 'lab' && query.has('seed') && (
              <p data-testid="shared-standby">
                You opened a share link. Choose &quot;Use here&quot; and the shared scenario runs in this tab
                and shows whether its result hash matches; or switch to the other tab and open the link there.
              </p>
            )}
            <button type="button" onClick={() => void state.takeOver()}>
              Use here
            </button>
          </section>
        ) : state.lock.role === 'opening' ? (
          <p className="muted" aria-live="polite">
            Opening your lab…
          </p>
        ) : (
          // Engine pages remount when the data is replaced wholesale (import, erase, hand-over), so
          // none shows rows that no longer exist; the Data page re-reads instead and keeps its messages.
          <Page route={route} query={query} key={route === 'data' ? route : `${route}:${state.resetCount}`} />
        )}
      </main>
      <footer className="privacy">
        Everything stays in this browser: no server, no account, no request leaves this page.
      </footer>
    </EngineStateContext.Provider>
  );
}

/**
 * The page, rendered again only when its route or query changes: the tab's lock and save states
 * change with every save, and a page that shows them reads them itself (the Data page) instead of
 * being rendered again whole with the header each time.
 */
const Page = memo(function Page({ route, query }: { route: Route; query: URLSearchParams }) {
  // One boundary per page (it remounts with the page's key): a page that fails shows why, and the
  // header and navigation stay.
  return (
    <PageErrorBoundary page={TITLES[route]} address={`${route}?${query.toString()}`}>
      <Suspense fallback={<p className="muted">Loading the {TITLES[route]} page…</p>}>
        <RoutePage route={route} query={query} />
      </Suspense>
    </PageErrorBoundary>
  );
});

function RoutePage({ route, query }: { route: Route; query: URLSearchParams }) {
  switch (route) {
    case 'lab':
      return <LabPage query={query} />;
    case 'colony':
      return <ColonyPage />;
    case 'friend':
      return <FriendPage />;
    case 'data':
      return <DataPage />;
  }
}
