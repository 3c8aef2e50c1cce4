// The entry is small on purpose. First, the engine module creates the worker and starts opening the
// lab; the app (React and the pages) is a chunk of its own, fetched and evaluated meanwhile, so the
// worker does not wait for it to start.
import './engine';
import './app/styles.css';

const root = document.getElementById('root')!;
import('./app/mount').then(
  (m) => m.mount(root),
  (err: unknown) => {
    root.textContent = `Dreamlane could not load: ${err instanceof Error ? err.message : String(err)}. Reload the page to try again.`;
  },
);
