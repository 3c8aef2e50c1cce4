import { useCallback, useEffect, useState } from 'react';
import type { DataStats, Note, Plan } from '../../workers/contract';
import { formatBytes, formatDateTime } from '../components/format';
import { useEngineStateContext } from '../app/engineStateContext';
import { useLatestSaveState } from '../app/useLatestSaveState';
import { engine, errorMessage } from '../engine';
import { downloadBytes } from '../components/download';
import { useAction } from '../components/useAction';
import { ImportControl } from './ImportControl';

export function DataPage() {
  const { save: shownSave, resetCount } = useEngineStateContext();
  // Every state of the save, not only the lasting ones the header shows.
  const save = useLatestSaveState() ?? shownSave;
  const [stats, setStats] = useState<DataStats | null>(null);
  const [notes, setNotes] = useState<Note[]>([]);
  const [plan, setPlan] = useState<Plan>('free');
  const [metricsText, setMetricsText] = useState('');
  const [draft, setDraft] = useState('');
  const [confirmErase, setConfirmErase] = useState('');

  const refresh = useCallback(async () => {
    const [s, n, p, m] = await Promise.all([
      engine.dataStats(),
      engine.listNotes(),
      engine.getPlan(),
      engine.metricsText(),
    ]);
    setStats(s);
    setNotes(n);
    setPlan(p);
    setMetricsText(m);
  }, []);

  const { busy, message, setMessage, act } = useAction(refresh);

  useEffect(() => {
    refresh().catch((err: unknown) => setMessage({ kind: 'error', text: errorMessage(err) }));
  }, [refresh, setMessage, save?.generation, resetCount]);

  const exportLab = async () => {
    const bytes = await engine.exportDatabase();
    downloadBytes(
      bytes,
      `dreamlane-${new Date().toISOString().slice(0, 10)}.sqlite`,
      'application/vnd.sqlite3',
    );
  };

  return (
    <section className="data-page">
      <h1>Data</h1>
      <p className="privacy-note">
        Everything Dreamlane knows lives in this browser: an SQLite database kept in IndexedDB. Nothing is
        sent anywhere. Export it to keep a copy or move it to another browser.
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`banner ${message.kind}`}>
          {message.text}
        </p>
      )}

      <h2>Storage</h2>
      {stats ? (
        <dl className="facts">
          <dt>Database size</dt>
          <dd data-testid="db-size">{formatBytes(stats.sizeBytes)}</dd>
          <dt>Save state</dt>
          <dd data-testid="save-status">{save?.status ?? stats.save.status}</dd>
          <dt>Last saved</dt>
          <dd data-testid="last-saved">
            {(save?.lastSavedAt ?? stats.save.lastSavedAt)
              ? formatDateTime((save?.lastSavedAt ?? stats.save.lastSavedAt)!)
              : 'never'}
          </dd>
          <dt>Schema</dt>
          <dd>{stats.migrations.join(', ')}</dd>
        </dl>
      ) : (
        <p className="muted">Reading…</p>
      )}
      {stats && (
        <table className="tables" aria-label="Tables">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Rows</th>
            </tr>
          </thead>
          <tbody>
            {stats.tables.map((t) => (
              <tr key={t.name}>
                <td>{t.name}</td>
                <td data-testid={`rows-${t.name}`}>{t.rows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <div className="actions">
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(async () => {
              await exportLab();
              return 'Exported the database.';
            })
          }
        >
          Export .sqlite
        </button>
        <ImportControl
          disabled={busy}
          exportLab={exportLab}
          onStart={() => setMessage(null)}
          onImported={refresh}
        />
      </div>

      <h2>Journal</h2>
      <p className="muted">Short notes to yourself, kept with the lab.</p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await engine.addNote(draft);
            setDraft('');
          });
        }}
      >
        <label htmlFor="note-draft" className="sr-only">
          New note
        </label>
        <input
          id="note-draft"
          value={draft}
          maxLength={10000}
          placeholder="Write a note…"
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" disabled={busy || draft.trim() === ''}>
          Add note
        </button>
      </form>
      <ul className="notes" aria-label="Notes">
        {notes.map((n) => (
          <li key={n.id}>
            <span>{n.body}</span> <time className="muted">{formatDateTime(n.createdAt)}</time>
          </li>
        ))}
      </ul>

      <h2>Plan</h2>
      <p className="muted">
        A local teaching setting: it sets the monthly dream quota and the largest colony. Nothing is billed.
      </p>
      <label>
        Plan{' '}
        <select
          value={plan}
          disabled={busy}
          onChange={(e) => void act(async () => void (await engine.setPlan(e.target.value as Plan)))}
        >
          <option value="free">free (1,000 dreams a month, colonies up to 10 agents)</option>
          <option value="pro">pro (100,000 dreams a month, up to 100 agents)</option>
          <option value="enterprise">enterprise (unlimited dreams, up to 1,000 agents)</option>
        </select>
      </label>

      <h2>Metrics</h2>
      {metricsText ? (
        <>
          <pre className="metrics" data-testid="metrics">
            {metricsText}
          </pre>
          <button
            type="button"
            onClick={() =>
              downloadBytes(new TextEncoder().encode(metricsText), 'dreamlane-metrics.prom', 'text/plain')
            }
          >
            Download (Prometheus text)
          </button>
        </>
      ) : (
        <p className="muted">No metrics yet: they count dreams, denials and samples once the engines run.</p>
      )}

      <h2>Erase everything</h2>
      <p>
        Deletes every branch, vote, chat and note in this browser. Export first if you want a copy. Type{' '}
        <kbd>ERASE</kbd> to confirm.
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            await engine.eraseEverything(confirmErase);
            setConfirmErase('');
            return 'Everything was erased.';
          });
        }}
      >
        <label htmlFor="erase-confirm" className="sr-only">
          Type ERASE to confirm
        </label>
        <input
          id="erase-confirm"
          value={confirmErase}
          placeholder="ERASE"
          autoComplete="off"
          onChange={(e) => setConfirmErase(e.target.value)}
        />
        <button type="submit" className="danger" disabled={busy || confirmErase !== 'ERASE'}>
          Erase everything
        </button>
      </form>
    </section>
  );
}
