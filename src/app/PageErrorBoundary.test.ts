import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { PageErrorBoundary } from './PageErrorBoundary';

// Error boundaries do not catch during server rendering, so the boundary's parts are checked one by
// one: what it derives from an error, what it renders then, and when it tries again.
const props = (address = 'lab?seed=x') => ({
  page: 'Lab',
  address,
  children: createElement('p', null, 'page'),
});

function failed(message: string, address?: string) {
  const b = new PageErrorBoundary(props(address));
  b.state = PageErrorBoundary.getDerivedStateFromError(new Error(message));
  return b;
}

describe('the page error boundary', () => {
  it('renders the page while nothing failed', () => {
    expect(renderToStaticMarkup(createElement(PageErrorBoundary, props()))).toBe('<p>page</p>');
  });

  it('shows what failed as text, a way back to the lab and a retry, instead of a blank page', () => {
    const html = renderToStaticMarkup(failed('<img src=x onerror=alert(1)> is not a list').render());
    expect(html).toContain('role="alert"');
    expect(html).toContain('The Lab page hit an error');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; is not a list');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="#/lab"');
    expect(html).toContain('Try again');
  });

  it('takes anything thrown, not only errors', () => {
    expect(PageErrorBoundary.getDerivedStateFromError('boom').error?.message).toBe('boom');
  });

  it('tries again when the address changes, and not before', () => {
    const b = failed('bad link');
    const setState = vi.spyOn(b, 'setState').mockImplementation(() => undefined);
    b.componentDidUpdate(props());
    expect(setState).not.toHaveBeenCalled();
    b.componentDidUpdate(props('lab?seed=y'));
    expect(setState).toHaveBeenCalledWith({ error: null });
  });
});
