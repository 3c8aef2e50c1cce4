import type { SharedState } from './useLab';

/** What is wrong with the share link the page was opened from, or a note about it (text only). */
export function SharedLinkNotice({ shared }: { shared: SharedState | null }) {
  if (!shared) return null;
  if (shared.issues.length > 0) {
    return (
      <div role="alert" className="banner error" data-testid="share-error">
        <p>
          <strong>This share link cannot be opened.</strong> Nothing was run. What is wrong:
        </p>
        <ul>
          {shared.issues.map((issue, i) => (
            <li key={i}>
              <code>{issue.field}</code>: {issue.message}
            </li>
          ))}
        </ul>
        <p>
          The rest of the lab works as usual. <a href="#/lab">Open the lab without the link</a>.
        </p>
      </div>
    );
  }
  return shared.note ? (
    <p className="banner" data-testid="share-note">
      {shared.note}
    </p>
  ) : null;
}
