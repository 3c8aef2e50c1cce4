import { useState } from 'react';

/** The share link with a Copy button (the clipboard may be refused; then the link is still there). */
export function ShareControl({ url }: { url: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    const done = () => setCopied('Copied.');
    const failed = () => setCopied('Could not copy; open the link and copy it from the address bar.');
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, failed);
    else failed();
  };
  return (
    <>
      <a href={url} data-testid="share-link">
        Share link
      </a>{' '}
      <button type="button" className="secondary" onClick={copy}>
        Copy
      </button>{' '}
      {copied && (
        <span role="status" className="muted small">
          {copied}
        </span>
      )}
    </>
  );
}
