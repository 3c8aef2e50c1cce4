import './teach.css';
import type { ExampleEntry } from './examples';

/**
 * What a first visit shows: what Dreamlane does, in two sentences, and one obvious action. Running
 * the example still needs simulation to be on; when it is off, the button says that it turns it on,
 * so consent stays an explicit click.
 */
export function GuidedStart({
  examples,
  enabled,
  busy,
  onTry,
  onDismiss,
}: {
  examples: ExampleEntry[];
  enabled: boolean;
  busy: boolean;
  onTry: (file: string) => void;
  onDismiss: () => void;
}) {
  const plain = examples.filter((e) => !e.advanced);
  const first = plain[0];
  return (
    <section className="panel guided-start" aria-labelledby="guided-title" data-testid="guided-start">
      <h2 id="guided-title">Dream before you act</h2>
      <p>
        Dreamlane lets you describe a decision as a few uncertain numbers and a goal, then plays it out
        thousands of times in this browser to show the futures it might lead to. It grows a tree of scenarios,
        says which ones fail and why, and which factor matters most.
      </p>
      <div className="actions">
        {first && (
          <button type="button" className="primary big" disabled={busy} onClick={() => onTry(first.file)}>
            {enabled
              ? `Try an example: ${first.title.toLowerCase()}`
              : 'Try an example (turns simulation on)'}
          </button>
        )}
        <button type="button" className="secondary" onClick={onDismiss}>
          I’ll write my own
        </button>
      </div>
      {plain.length > 1 && (
        <p className="muted small">
          More examples are in the seed editor below:{' '}
          {plain
            .slice(1)
            .map((e) => e.title.toLowerCase())
            .join(', ')}
          .
        </p>
      )}
      {!enabled && (
        <p className="muted small">
          Simulation is off until you choose to turn it on. It runs only in this browser and keeps every
          result here.
        </p>
      )}
    </section>
  );
}
