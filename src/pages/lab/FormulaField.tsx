import type { FormulaIssue } from '../../../workers/contract';

/** A formula input that shows the engine's parse error under it, with a caret at the position. */
export function FormulaField({
  id,
  label,
  value,
  onChange,
  issue,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  issue: FormulaIssue | undefined;
}) {
  return (
    <div className="formula-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="formula"
        value={value}
        spellCheck={false}
        aria-invalid={issue ? true : undefined}
        aria-describedby={issue ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {issue && (
        <div id={`${id}-error`} className="formula-error" role="alert">
          {issue.position !== undefined && (
            <pre aria-hidden="true">
              {value}
              {'\n'}
              {' '.repeat(issue.position)}^
            </pre>
          )}
          {issue.message}
        </div>
      )}
    </div>
  );
}
