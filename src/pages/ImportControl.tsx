import { useEffect, useRef, useState } from 'react';
import type { ActionMessage } from '../components/useAction';
import { engine, errorMessage } from '../engine';

interface Props {
  disabled: boolean;
  /** Downloads an export of the current lab (the "export first" choice). */
  exportLab: () => Promise<void>;
  /** Called when an import starts (to clear other messages) and after it succeeded (to re-read). */
  onStart: () => void;
  onImported: () => Promise<void>;
}

/**
 * Import with a question first: an import replaces everything, so the user chooses to export first,
 * continue or cancel. The result is shown right under the control and focused, where the user is.
 */
export function ImportControl({ disabled, exportLab, onStart, onImported }: Props) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionMessage | null>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);
  const firstChoice = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (file) firstChoice.current?.focus();
  }, [file]);
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const run = async (exportFirst: boolean) => {
    const f = file;
    if (!f) return;
    onStart();
    setBusy(true);
    setResult(null);
    try {
      if (exportFirst) await exportLab();
      const bytes = new Uint8Array(await f.arrayBuffer());
      await engine.importDatabase(bytes);
      setResult({ kind: 'ok', text: `Imported ${f.name}.` });
      await onImported();
    } catch (err) {
      setResult({ kind: 'error', text: errorMessage(err) });
    } finally {
      setFile(null);
      setBusy(false);
    }
  };

  return (
    <div className="import-control">
      <label className="button">
        Import .sqlite…
        <input
          type="file"
          accept=".sqlite,.db,application/vnd.sqlite3,application/x-sqlite3"
          disabled={disabled || busy}
          data-testid="import-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) {
              setResult(null);
              setFile(f);
            }
          }}
        />
      </label>
      {file && (
        <div role="group" aria-label="Confirm import" className="banner confirm">
          <p>
            Import replaces everything in this lab with <strong>{file.name}</strong>; export first?
          </p>
          <button ref={firstChoice} type="button" onClick={() => void run(true)}>
            Export first, then import
          </button>{' '}
          <button type="button" onClick={() => void run(false)}>
            Continue without export
          </button>{' '}
          <button type="button" onClick={() => setFile(null)}>
            Cancel
          </button>
        </div>
      )}
      {busy && <p className="muted">Checking and importing…</p>}
      {result && (
        <p
          ref={resultRef}
          tabIndex={-1}
          data-testid="import-result"
          role={result.kind === 'error' ? 'alert' : 'status'}
          className={`banner ${result.kind}`}
        >
          {result.text}
        </p>
      )}
    </div>
  );
}
