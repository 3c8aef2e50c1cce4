import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** The page's name, for the message. */
  page: string;
  /** The address shown: when it changes (another link, the page without its link), the page tries again. */
  address: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Keeps a failure inside one page: the page shows what went wrong and a way out, while the header,
 * the navigation and the other pages keep working. Without it one bad value (a crafted link, a damaged
 * row) unmounts the whole app and leaves a blank window.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever debugs it; the page itself shows only the message.
    console.warn(`The ${this.props.page} page failed`, error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (this.state.error && prev.address !== this.props.address) this.setState({ error: null });
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section role="alert" className="banner error" data-testid="page-error">
        <h2>The {this.props.page} page hit an error</h2>
        <p>{error.message || 'Something went wrong while showing this page.'}</p>
        <p>
          Your data is safe and the other pages still work. If you opened this page from a link, the link may
          be damaged: <a href="#/lab">open the lab without it</a>.
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
