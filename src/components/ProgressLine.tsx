import type { OperationState } from './useOperation';

/** Progress of a running operation with its Cancel button. */
export function ProgressLine({ op, label }: { op: OperationState; label: string }) {
  if (!op.running) return null;
  const p = op.progress;
  return (
    <div className="row op-progress" role="status" aria-live="polite">
      <progress max={p?.total || 1} value={p?.current ?? 0} aria-label={`${label} progress`} />
      <span className="muted">{p ? `${p.step}: ${p.current} / ${p.total}` : 'starting…'}</span>
      <button type="button" className="secondary" onClick={op.cancel}>
        Cancel
      </button>
    </div>
  );
}
