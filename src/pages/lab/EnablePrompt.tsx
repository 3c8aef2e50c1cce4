export function EnablePrompt({
  asked,
  shared = false,
  onAnswer,
}: {
  asked: boolean;
  /** The page was opened from a share link, whose seed runs once simulation is on. */
  shared?: boolean;
  onAnswer: (enabled: boolean) => void;
}) {
  return (
    <section className="panel enable-prompt" aria-labelledby="enable-title">
      <h2 id="enable-title">Turn on simulation?</h2>
      <p>
        The lab can roll your seeds out as scenario branches: it samples the model you describe many thousands
        of times, in this browser, and shows how each branch might turn out. It reads only the keys of the
        context you give it, never acts on anything, and keeps every result in this browser.
      </p>
      {shared && (
        <p className="banner" data-testid="shared-pending">
          This page was opened from a share link. The shared scenario will run as soon as you turn simulation
          on, and should give the same result hash as it did for the person who shared it.
        </p>
      )}
      <p className="muted">
        Simulation stays off until you turn it on, and you can turn it off again here at any time.
      </p>
      <div className="actions">
        <button type="button" onClick={() => onAnswer(true)}>
          Turn on simulation
        </button>
        {!asked && (
          <button type="button" className="secondary" onClick={() => onAnswer(false)}>
            Not now
          </button>
        )}
      </div>
    </section>
  );
}
