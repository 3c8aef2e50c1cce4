/// <reference lib="webworker" />
/**
 * Defence in depth for the engine worker, imported first by its entry. The worker's real policy is
 * the Content-Security-Policy header its script is served with (the page's `<meta>` policy does not
 * reach a worker): it refuses code compiled from strings and requests to another origin. A static
 * host that sends no headers leaves that policy out, so the worker also takes away from itself the
 * ways to reach another origin; its own wasm and files come from this origin and still load.
 * (Code from strings is not patched away here: no built script contains any, which a test checks,
 * and replacing `eval` would also break the browser's own debugging tools.)
 */

class LockdownError extends Error {
  override name = 'LockdownError';
}

function refuse(what: string): never {
  throw new LockdownError(`${what} is not allowed: nothing leaves this machine.`);
}

function lockNetwork(scope: WorkerGlobalScope): void {
  const origin = scope.location.origin;
  const realFetch = scope.fetch.bind(scope);
  scope.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input), scope.location.href);
    if (url.origin !== origin) {
      return Promise.reject(
        new LockdownError(`A request to ${url.origin} is not allowed: nothing leaves this machine.`),
      );
    }
    return realFetch(input, init);
  };
  for (const name of ['XMLHttpRequest', 'WebSocket', 'EventSource', 'WebTransport'] as const) {
    if (name in scope) {
      Object.defineProperty(scope, name, {
        value: function () {
          refuse(name);
        },
        writable: false,
        configurable: false,
      });
    }
  }
}

function lockDown(scope: WorkerGlobalScope): void {
  lockNetwork(scope);
}

// A side effect on purpose: the entry imports this module first, so the lock is in place before
// any other module of the worker is evaluated.
lockDown(self as unknown as WorkerGlobalScope);
